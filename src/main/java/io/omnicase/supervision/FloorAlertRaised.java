package io.omnicase.supervision;

import java.util.Set;

/**
 * An alert went into the floor's feed; {@code queues} are those of its cases (empty for a floor-wide alert), so the
 * feed shows it to the supervisors of those queues. Published in the transaction that stored it.
 */
public record FloorAlertRaised(Floor.Alert alert, Set<String> queues) {
}
