package io.omnicase.search;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.Endpoint;
import co.elastic.clients.transport.TransportOptions;

import java.util.concurrent.CompletableFuture;

/** Stands in for the HTTP transport to one Elasticsearch node in unit tests: a test says how it answers a call. */
abstract class StandInTransport implements ElasticsearchTransport {

    @Override
    public <RequestT, ResponseT, ErrorT> CompletableFuture<ResponseT> performRequestAsync(RequestT request,
            Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public JsonpMapper jsonpMapper() {
        return new JacksonJsonpMapper();
    }

    @Override
    public TransportOptions options() {
        return null;
    }

    @Override
    public void close() {
    }
}
