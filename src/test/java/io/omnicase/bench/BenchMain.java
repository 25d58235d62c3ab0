package io.omnicase.bench;

/** How every benchmark's {@code main} ends: status 1 after a failure, and an exit either way. */
final class BenchMain {

    interface Body {
        void run() throws Exception;
    }

    private BenchMain() {
    }

    static void run(Body body) {
        int status = 0;
        try {
            body.run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // Threads of the stopped application (retrying imports and the like) must not keep the benchmark alive.
        System.exit(status);
    }
}
