package io.omnicase.routing;

/** Everything one routing decision reads: the case, its customer and their latest message. */
public record RoutingFacts(CaseFacts caseFacts, CustomerFacts customer, MessageFacts message) {
}
