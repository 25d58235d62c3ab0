/**
 * Search over Elasticsearch, the only module that imports its client: the interaction history (every timeline entry,
 * indexed after commit, delivered reliably by the event publication registry; searched by text, customer, channel and
 * date, within the reader's cases) and the assistant's retrieval index (knowledge articles and resolved examples).
 * MariaDB stays the system of record; the indices can be rebuilt from it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Search")
package io.omnicase.search;
