/**
 * The agent desk: what an agent needs to take a case over from the assistant (the handover: transcript across
 * channels, what the assistant tried, the routing decision and its reasons, the customer's earlier cases, a short
 * summary), and the desk web page that shows it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Agent desk")
package io.omnicase.desk;
