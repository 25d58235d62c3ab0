/**
 * The supervisor's live floor: queues (waiting, oldest wait, SLA at risk and breached), agents (handling now, load,
 * idle since) and the live conversations with their mood, worst first, as one snapshot and then incremental events
 * over server-sent events; an alert feed any module raises alerts into ({@link io.omnicase.supervision.FloorAlerts});
 * and the supervisor's actions on a case (reassign, change priority, each with a reason on the case's timeline),
 * done through the cases and process modules. A supervisor sees the queues on their account; an admin every queue.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Supervisor floor")
package io.omnicase.supervision;
