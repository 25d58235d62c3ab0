package io.omnicase.channels.email;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How well mails were put into cases, counted over every pair of mails: together in one case and in one conversation,
 * together though of different conversations, apart though of one.
 *
 * @param together        pairs rightly in one case
 * @param wronglyTogether pairs in one case that belong to different conversations
 * @param wronglyApart    pairs of one conversation in different cases
 */
record PairwiseGrouping(int together, int wronglyTogether, int wronglyApart) {

    /**
     * Scores the mails' cases ({@code predicted}) against their conversations ({@code expected}); each wrong pair is
     * added to {@code failures}, except a pair apart with a mail named in {@code knownApart}, which is only printed.
     */
    static PairwiseGrouping score(List<String> mails, Map<String, String> expected, Map<String, String> predicted,
                                  Set<String> knownApart, List<String> failures) {
        int together = 0;
        int wronglyTogether = 0;
        int wronglyApart = 0;
        for (int i = 0; i < mails.size(); i++) {
            for (int j = i + 1; j < mails.size(); j++) {
                String a = mails.get(i);
                String b = mails.get(j);
                boolean same = expected.get(a).equals(expected.get(b));
                boolean grouped = predicted.get(a).equals(predicted.get(b));
                if (same && grouped) {
                    together++;
                } else if (grouped) {
                    wronglyTogether++;
                    failures.add(a + " and " + b + " share a case but belong to different conversations");
                } else if (same) {
                    wronglyApart++;
                    String pair = a + " and " + b + " belong together but are apart";
                    if (knownApart.contains(a) || knownApart.contains(b)) {
                        System.out.println("  known: " + pair);
                    } else {
                        failures.add(pair);
                    }
                }
            }
        }
        return new PairwiseGrouping(together, wronglyTogether, wronglyApart);
    }

    double precision() {
        return together + wronglyTogether == 0 ? 1.0 : together / (double) (together + wronglyTogether);
    }

    double recall() {
        return together + wronglyApart == 0 ? 1.0 : together / (double) (together + wronglyApart);
    }
}
