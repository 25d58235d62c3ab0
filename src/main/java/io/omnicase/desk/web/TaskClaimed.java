package io.omnicase.desk.web;

/** Someone claimed or took over a case's task at the desk: the desk's live feeds tell who follows the case. */
record TaskClaimed(long caseId) {
}
