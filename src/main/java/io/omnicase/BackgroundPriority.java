package io.omnicase;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.scheduling.concurrent.ExecutorConfigurationSupport;
import org.springframework.stereotype.Component;

/**
 * Gives every thread pool the application defines as a bean (the after-commit event pool, the history pool, the
 * process engine's job executor, the scheduler of the pollers and redelivery) the lowest Java thread priority, so that
 * the request threads (intake, pages, the API) come first when the CPU is short. Threads a component makes itself for
 * background work set it where they are made ({@code bulk-*}, {@code history-done-*}, {@code status-sync-*},
 * {@code audit-sealer}).
 * <p>
 * Why (issue 18): at 200 messages a second offered on two cores the after-commit work could not keep up and, with
 * its dozen runnable threads, took the CPU from the requests: acknowledgements waited seconds. An acknowledgement is
 * cheap and makes the message durable; the work after it can wait for a quiet moment, and does (nothing is lost, it
 * is redelivered).
 * <p>
 * Java's priorities reach Linux only with {@code -XX:ThreadPriorityPolicy=1}; {@code -XX:JavaPriority1_To_OSPriority=10}
 * then runs these threads at nice 10 (about a tenth of a normal thread's share of a busy CPU), and mapping priorities 8
 * to 10 to nice 0 keeps the JVM's own threads (GC, compiler, finalizer) where they were (as root the JVM would raise
 * them). The default run, the tests, the benchmarks and the container image set these options (pom property
 * {@code omnicase.jvm.priorities}); without them this changes nothing. Lowering a thread's priority needs no privilege.
 */
@Component
class BackgroundPriority implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof ExecutorConfigurationSupport pool) {
            // Before initialisation: the pool makes its threads then (with this priority) or later, on demand.
            pool.setThreadPriority(Thread.MIN_PRIORITY);
        }
        return bean;
    }

}
