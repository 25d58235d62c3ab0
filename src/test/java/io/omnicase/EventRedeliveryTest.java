package io.omnicase;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A redelivery round reads the publications up to its newest claimed one, not the whole backlog behind it. */
class EventRedeliveryTest {

    @Test
    void aRoundReadsPublicationsUpToASecondAfterItsNewestClaimedOne() {
        Instant newest = Instant.now().minus(Duration.ofMinutes(5));

        Duration age = EventRedelivery.upTo(newest);

        // The registry reads those published before now minus the age: the claimed ones, not the four minutes after.
        Instant readBefore = Instant.now().minus(age);
        assertThat(readBefore).isAfter(newest).isBefore(newest.plusSeconds(2));
    }

    @Test
    void whenThisNodesClockIsBehindTheNewestPublicationEveryIncompletePublicationIsRead() {
        assertThat(EventRedelivery.upTo(Instant.now().plusSeconds(30))).isNull();
    }
}
