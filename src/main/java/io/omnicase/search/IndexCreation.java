package io.omnicase.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch.indices.CreateIndexRequest;
import co.elastic.clients.elasticsearch.indices.get_mapping.IndexMappingRecord;
import co.elastic.clients.util.ObjectBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Creates an index with its explicit settings and mapping once, tolerating a concurrent creator. An index created by
 * an older version lacks the fields added since ({@code added}, e.g. the {@code vector} field): they are put into its
 * mapping in place (adding a field is an allowed mapping change, existing documents keep working and simply lack it
 * until written again), so an upgrade needs no reindex into a new index.
 */
final class IndexCreation {

    private static final Logger log = LoggerFactory.getLogger(IndexCreation.class);

    private final ElasticsearchClient client;
    private final String index;
    private final Function<CreateIndexRequest.Builder, ObjectBuilder<CreateIndexRequest>> definition;
    private final Map<String, Property> added;
    private final AtomicBoolean ready = new AtomicBoolean();
    private volatile boolean upgraded;

    IndexCreation(ElasticsearchClient client, String index,
                  Function<CreateIndexRequest.Builder, ObjectBuilder<CreateIndexRequest>> definition) {
        this(client, index, definition, Map.of());
    }

    /** @param added fields introduced after the first release; also part of {@code definition} for new indices */
    IndexCreation(ElasticsearchClient client, String index,
                  Function<CreateIndexRequest.Builder, ObjectBuilder<CreateIndexRequest>> definition,
                  Map<String, Property> added) {
        this.client = client;
        this.index = index;
        this.definition = definition;
        this.added = Map.copyOf(added);
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
        } else if (!added.isEmpty()) {
            upgrade();
        }
        ready.set(true);
    }

    /** True once this instance found an older index and added the missing fields to it (its documents need a rewrite). */
    boolean upgraded() {
        return upgraded;
    }

    private void upgrade() throws IOException {
        Map<String, Property> missing = new LinkedHashMap<>(added);
        for (IndexMappingRecord mapping : client.indices().getMapping(g -> g.index(index)).result().values()) {
            missing.keySet().removeAll(mapping.mappings().properties().keySet());
        }
        if (missing.isEmpty()) {
            return;
        }
        client.indices().putMapping(p -> p.index(index).properties(missing));
        upgraded = true;
        log.info("Index {} was created by an older version: added the fields {} to its mapping", index, missing.keySet());
    }
}
