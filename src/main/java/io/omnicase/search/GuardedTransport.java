package io.omnicase.search;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.Endpoint;
import co.elastic.clients.transport.TransportOptions;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Every call to Elasticsearch, through a circuit breaker. When a call cannot reach the node (refused, timed out: a
 * node that is down or hung), the breaker opens: for {@code openFor} every call fails at once with an
 * {@link IOException}, so a search is answered 503 without waiting and an indexing listener leaves its event for
 * redelivery without holding a thread. Then one call is let through to try; its success closes the breaker. An error
 * the node answers (a bad query, a missing index) is the node working and leaves the breaker closed.
 */
final class GuardedTransport implements ElasticsearchTransport {

    private final ElasticsearchTransport delegate;
    private final Duration openFor;
    private final Clock clock;
    private volatile Instant openUntil = Instant.MIN;

    GuardedTransport(ElasticsearchTransport delegate, Duration openFor, Clock clock) {
        this.delegate = delegate;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether calls fail at once now, because the node could not be reached a moment ago. */
    boolean isOpen() {
        return clock.instant().isBefore(openUntil);
    }

    @Override
    public <RequestT, ResponseT, ErrorT> ResponseT performRequest(RequestT request,
            Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) throws IOException {
        admit();
        try {
            ResponseT response = delegate.performRequest(request, endpoint, options);
            openUntil = Instant.MIN;
            return response;
        } catch (IOException unreachable) {
            trip();
            throw unreachable;
        }
    }

    @Override
    public <RequestT, ResponseT, ErrorT> CompletableFuture<ResponseT> performRequestAsync(RequestT request,
            Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) {
        try {
            admit();
        } catch (IOException open) {
            return CompletableFuture.failedFuture(open);
        }
        return delegate.performRequestAsync(request, endpoint, options).whenComplete((response, failure) -> {
            if (failure == null) {
                openUntil = Instant.MIN;
            } else if (failure instanceof IOException || failure.getCause() instanceof IOException) {
                trip();
            }
        });
    }

    private void admit() throws IOException {
        Instant now = clock.instant();
        if (now.isBefore(openUntil)) {
            throw new IOException("Elasticsearch could not be reached a moment ago; not trying again before " + openUntil);
        }
        if (!openUntil.equals(Instant.MIN)) {
            // Half open: this call tries; the others keep failing at once until it is answered.
            openUntil = now.plus(openFor);
        }
    }

    private void trip() {
        openUntil = clock.instant().plus(openFor);
    }

    @Override
    public JsonpMapper jsonpMapper() {
        return delegate.jsonpMapper();
    }

    @Override
    public TransportOptions options() {
        return delegate.options();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
