package io.omnicase.cases;

/** Where a case stands. Only a closed case is never reused: a message after that opens a new case. */
public enum CaseStatus {
    NEW, SELF_SERVICE, ESCALATED, RESOLVED, CLOSED;

    public boolean isOpen() {
        return this != CLOSED;
    }
}
