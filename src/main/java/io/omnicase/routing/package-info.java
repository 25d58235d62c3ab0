/**
 * Drools routing: typed facts about the case, the customer and the latest message go in, a {@link
 * io.omnicase.routing.RoutingDecision} comes out (self-service or escalate, queue, priority, the rules that fired).
 * The only module that imports Drools.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Routing")
package io.omnicase.routing;
