/**
 * The agent desk: the agent's queue list (tabs, search, filters; rows with customer, waiting time, SLA state and mood)
 * and its live feed, the live case stream (new entries, and the case's header after every change), the work list
 * (claim a task), the case actions (resolve, close) done through the case
 * process's {@link io.omnicase.process.CaseWork}, what an agent needs to take a case over from the assistant (the
 * handover: transcript across channels, what the assistant tried, the routing decision and its reasons, the
 * customer's earlier cases, a short summary), live guidance, and the desk web page that shows it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Agent desk")
package io.omnicase.desk;
