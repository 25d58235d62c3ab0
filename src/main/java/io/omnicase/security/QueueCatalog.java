package io.omnicase.security;

import java.util.List;

/**
 * The work queues an account may be given, named as case access and the case process name them (lower case). The
 * routing module, which owns the queues, provides it; security only checks names against it.
 */
public interface QueueCatalog {

    List<String> queues();
}
