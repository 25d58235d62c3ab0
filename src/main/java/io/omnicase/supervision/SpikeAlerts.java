package io.omnicase.supervision;

import io.omnicase.insight.SpikeDetected;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Locale;

/** A spike the history finds (more contacts on a topic and channel than its baseline) becomes an alert on the floor. */
@Component
class SpikeAlerts {

    private final FloorAlerts alerts;

    SpikeAlerts(FloorAlerts alerts) {
        this.alerts = alerts;
    }

    @EventListener
    void on(SpikeDetected spike) {
        String topic = spike.topic() == null ? "contacts" : spike.topic().toLowerCase(Locale.ROOT).replace('_', ' ');
        String channel = spike.channel() == null ? "every channel" : spike.channel().toLowerCase(Locale.ROOT);
        String terms = spike.risingTerms().isEmpty() ? "" : ": " + String.join(", ", spike.risingTerms());
        alerts.raise(new FloorAlert("spike", "More " + topic + " contacts than usual on " + channel + terms,
                spike.caseIds().size() + " cases in the window; rising words: "
                        + (spike.risingTerms().isEmpty() ? "none stand out" : String.join(", ", spike.risingTerms())),
                spike.caseIds(), spike.at()));
    }
}
