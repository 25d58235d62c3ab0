/**
 * The local servers of the default run: an embedded real MariaDB server and a managed real Elasticsearch node, both
 * started and stopped with the application. The {@code production} profile switches this module off and the same jar
 * talks to external servers. Its settings keep their {@code omnicase.platform.*} names, so existing configurations
 * stay valid.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Local servers")
package io.omnicase.localservers;
