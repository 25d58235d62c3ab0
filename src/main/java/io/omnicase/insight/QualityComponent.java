package io.omnicase.insight;

/** The parts of a quality score, in the order the breakdown lists them. */
public enum QualityComponent {
    FIRST_RESPONSE("First response against the SLA"),
    OWNERSHIP("Ownership phrases"),
    EMPATHY("Empathy phrases"),
    CONFIRMATION("Resolution confirmed by the customer"),
    SENTIMENT("Sentiment at the end against the start");

    private final String label;

    QualityComponent(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
