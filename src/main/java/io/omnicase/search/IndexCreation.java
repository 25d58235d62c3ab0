package io.omnicase.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.CreateIndexRequest;
import co.elastic.clients.util.ObjectBuilder;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/** Creates an index with its explicit settings and mapping once, tolerating a concurrent creator. */
final class IndexCreation {

    private final ElasticsearchClient client;
    private final String index;
    private final Function<CreateIndexRequest.Builder, ObjectBuilder<CreateIndexRequest>> definition;
    private final AtomicBoolean ready = new AtomicBoolean();

    IndexCreation(ElasticsearchClient client, String index,
                  Function<CreateIndexRequest.Builder, ObjectBuilder<CreateIndexRequest>> definition) {
        this.client = client;
        this.index = index;
        this.definition = definition;
    }

    void ensure() throws IOException {
        if (ready.get()) {
            return;
        }
        if (!client.indices().exists(e -> e.index(index)).value()) {
            try {
                client.indices().create(c -> definition.apply(c.index(index)));
            } catch (ElasticsearchException e) {
                if (!"resource_already_exists_exception".equals(e.error().type())) {
                    throw e;
                }
            }
        }
        ready.set(true);
    }
}
