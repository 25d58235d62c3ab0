package io.omnicase.support;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the domain events the running application publishes, on any thread, while a test has it switched on: a test
 * can then deliver them a second time, as a redelivery would. Registered for every test application through
 * {@code META-INF/spring.factories}; it records nothing unless {@link #start()} was called.
 */
public final class RecordedEvents implements ApplicationListener<ApplicationEvent> {

    private static final List<Object> EVENTS = new CopyOnWriteArrayList<>();
    private static volatile boolean recording;

    public static void start() {
        EVENTS.clear();
        recording = true;
    }

    /** Stops recording and answers what was published meanwhile, in order. */
    public static List<Object> stop() {
        recording = false;
        return List.copyOf(EVENTS);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (recording && event instanceof PayloadApplicationEvent<?> payload
                && payload.getPayload().getClass().getPackageName().startsWith("io.omnicase")) {
            EVENTS.add(payload.getPayload());
        }
    }
}
