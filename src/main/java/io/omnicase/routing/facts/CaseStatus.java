package io.omnicase.routing.facts;

/** Where the case stands, as the routing rules name it. */
public enum CaseStatus {
    NEW, SELF_SERVICE, ESCALATED, RESOLVED, CLOSED
}
