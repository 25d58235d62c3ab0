package io.omnicase.search;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import co.elastic.clients.transport.Endpoint;
import co.elastic.clients.transport.TransportOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardedTransportTest {

    private final Node node = new Node();
    private final MovableClock clock = new MovableClock();
    private final GuardedTransport guarded = new GuardedTransport(node, Duration.ofSeconds(5), clock);

    @Test
    void aNodeThatCannotBeReachedIsNotCalledAgainUntilThePauseIsOver() throws Exception {
        node.failWith = new SocketTimeoutException("30,000 milliseconds timeout");
        assertThatThrownBy(this::call).isInstanceOf(SocketTimeoutException.class);
        assertThat(guarded.isOpen()).isTrue();

        assertThatThrownBy(this::call).isInstanceOf(IOException.class).hasMessageContaining("a moment ago");
        assertThat(node.calls).isEqualTo(1);

        clock.advance(Duration.ofSeconds(6));
        node.failWith = null;
        assertThat(call()).isEqualTo("answer");
        assertThat(node.calls).isEqualTo(2);
        assertThat(guarded.isOpen()).isFalse();
        assertThat(call()).isEqualTo("answer");
    }

    @Test
    void aTrialCallThatFailsAgainKeepsTheBreakerOpen() throws Exception {
        node.failWith = new IOException("Connection refused");
        assertThatThrownBy(this::call).isInstanceOf(IOException.class);
        clock.advance(Duration.ofSeconds(6));
        assertThatThrownBy(this::call).hasMessage("Connection refused");
        assertThat(node.calls).isEqualTo(2);
        assertThatThrownBy(this::call).hasMessageContaining("a moment ago");
        assertThat(node.calls).isEqualTo(2);
    }

    @Test
    void anErrorTheNodeAnswersIsTheNodeWorkingAndLeavesTheBreakerClosed() {
        node.failWithError = true;
        assertThatThrownBy(this::call).isInstanceOf(ElasticsearchException.class);
        assertThat(guarded.isOpen()).isFalse();
        assertThatThrownBy(this::call).isInstanceOf(ElasticsearchException.class);
        assertThat(node.calls).isEqualTo(2);
    }

    private Object call() throws IOException {
        return guarded.performRequest("request", null, null);
    }

    /** Stands in for the HTTP transport to one Elasticsearch node: answers, times out, or answers an error. */
    private static final class Node extends StandInTransport {
        IOException failWith;
        boolean failWithError;
        int calls;

        @Override
        @SuppressWarnings("unchecked")
        public <RequestT, ResponseT, ErrorT> ResponseT performRequest(RequestT request,
                Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) throws IOException {
            calls++;
            if (failWith != null) {
                throw failWith;
            }
            if (failWithError) {
                throw new ElasticsearchException("search", ErrorResponse.of(e -> e.status(400)
                        .error(c -> c.type("parsing_exception").reason("bad query"))));
            }
            return (ResponseT) "answer";
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
