package io.omnicase.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reciprocal rank fusion: each ranking gives a document {@code 1 / (K + rank)} (rank from 1), the sums order the
 * union. Scores of BM25 and of vector similarity are not comparable; their ranks are. Done in the application, so no
 * licensed server feature is needed.
 */
final class RankFusion {

    /** The usual constant: damps the weight of the very first ranks so that agreement between rankings wins. */
    static final int K = 60;

    private RankFusion() {
    }

    record Fused<T>(T item, double score) {
    }

    /** The union of the rankings, best fused score first; an item keeps the first instance seen. */
    static <T> List<Fused<T>> fuse(List<List<T>> rankings, Function<T, String> id) {
        Map<String, T> items = new LinkedHashMap<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (List<T> ranking : rankings) {
            for (int rank = 0; rank < ranking.size(); rank++) {
                T item = ranking.get(rank);
                String key = id.apply(item);
                items.putIfAbsent(key, item);
                scores.merge(key, 1.0 / (K + rank + 1), Double::sum);
            }
        }
        List<Fused<T>> fused = new ArrayList<>();
        items.forEach((key, item) -> fused.add(new Fused<>(item, scores.get(key))));
        fused.sort(Comparator.comparingDouble((Fused<T> f) -> f.score()).reversed());
        return fused;
    }

    static List<Float> asList(float[] vector) {
        List<Float> list = new ArrayList<>(vector.length);
        for (float v : vector) {
            list.add(v);
        }
        return list;
    }

    static boolean isZero(float[] vector) {
        for (float v : vector) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}
