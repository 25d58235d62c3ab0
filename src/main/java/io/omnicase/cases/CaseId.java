package io.omnicase.cases;

/** Identifies a case; it is also the business key of the case's process instance. */
public record CaseId(long value) {

    public String businessKey() {
        return Long.toString(value);
    }

    public static CaseId of(String businessKey) {
        return new CaseId(Long.parseLong(businessKey));
    }
}
