package io.omnicase.routing.internal;

import io.omnicase.routing.Queue;
import io.omnicase.security.QueueCatalog;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;

/** The queues routing sends cases to: the ones an administrator may give an account. */
@Component
class RoutingQueues implements QueueCatalog {

    private static final List<String> QUEUES = Arrays.stream(Queue.values()).map(Queue::group).toList();

    @Override
    public List<String> queues() {
        return QUEUES;
    }
}
