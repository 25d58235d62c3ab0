package io.omnicase.cases;

/** What a routing decision reads about a case: the case, its latest customer message and counts. */
public record CaseSnapshot(CaseView view, String latestMessage, int messageCount, int openCasesOfCustomer) {
}
