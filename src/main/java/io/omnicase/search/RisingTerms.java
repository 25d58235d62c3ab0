package io.omnicase.search;

import java.util.List;

/** The words unusually frequent in a window against its baseline, most significant first, and the cases that use them. */
public record RisingTerms(List<String> terms, List<Long> caseIds) {
}
