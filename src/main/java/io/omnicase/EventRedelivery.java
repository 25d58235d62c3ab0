package io.omnicase;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Duration;

/**
 * Delivers events again whose listener failed (Elasticsearch down, process busy): a failure delays the work, it never
 * loses it. Publications survive restarts in the event publication table.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class EventRedelivery implements AsyncConfigurer {

    private static final Logger log = LoggerFactory.getLogger(EventRedelivery.class);

    private final IncompleteEventPublications incomplete;
    private final Duration after;

    EventRedelivery(IncompleteEventPublications incomplete,
                    @Value("${omnicase.events.redeliver-after:PT30S}") Duration after) {
        this.incomplete = incomplete;
        this.after = after;
    }

    @Scheduled(initialDelayString = "${omnicase.events.redeliver-after:PT30S}",
            fixedDelayString = "${omnicase.events.redeliver-after:PT30S}")
    void redeliver() {
        incomplete.resubmitIncompletePublicationsOlderThan(after);
    }

    /** A listener that fails leaves its event for redelivery; one line in the log says so, not a stack trace. */
    @Override
    public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
        return (error, method, params) -> log.warn("{}.{} failed, its event will be delivered again: {}",
                method.getDeclaringClass().getSimpleName(), method.getName(), error.toString());
    }
}
