/**
 * The interaction history in Elasticsearch: every timeline entry is indexed after commit (delivered reliably by the
 * event publication registry), and searched by text, customer, channel and date. The only module that imports the
 * Elasticsearch client. MariaDB stays the system of record; the index can be rebuilt from it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "History")
package io.omnicase.history;
