/**
 * What several app nodes on one MariaDB share: a lock per piece of scheduled work that must run on one node at a time
 * (the nightly audit jobs, retention), and the node's name. Shared by every module, like {@code http}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cluster", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.omnicase.cluster;
