/**
 * Local infrastructure for the default run: an embedded real MariaDB server and a managed real Elasticsearch node,
 * both started and stopped with the application. The {@code production} profile switches this module off and the
 * same jar talks to external servers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package io.omnicase.platform;
