package io.omnicase.assistant.internal;

import io.omnicase.search.TopicSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.omnicase.assistant.internal.TopicVoteTest.oneQuestion;
import static io.omnicase.assistant.internal.TopicVoteTest.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each topic's centroid and how close its own sources are to each other, cached per topic. */
class TopicModelTest {

    @Test
    void theSameWordsTaughtAgainAreOnePhrasingNotASiblingAtSimilarityOne() {
        float[] charged = unit(1, 0.5f, 0, 0);
        var copies = TopicModel.measure(1, oneQuestion(charged, charged.clone(), charged.clone(), unit(1, 0, 0.5f, 0)));
        var once = TopicModel.measure(1, oneQuestion(charged, unit(1, 0, 0.5f, 0)));

        assertThat(copies.nearest()).containsExactly(once.nearest());
        assertThat(java.util.Arrays.stream(copies.nearest()).max().orElseThrow()).isLessThan(0.9);
        assertThat(copies.centroid()).containsExactly(once.centroid());
    }

    @Test
    void measuresTheCentroidAndEachSourcesSimilarityToItsNearestOtherSourceAndToTheOthersCentroid() {
        var raw = TopicModel.measure(1, oneQuestion(unit(1, 0, 0), unit(0, 1, 0), unit(1, 1, 0)));

        assertThat(raw.centroid()[0]).isCloseTo(raw.centroid()[1], within(1e-6f));
        assertThat(TopicModel.dot(raw.centroid(), raw.centroid())).isCloseTo(1, within(1e-6));
        // (1,0,0)'s nearest other source is (1,1,0)/√2; the others' centroid is (1,2,0)/√5.
        assertThat(raw.nearest()[0]).isCloseTo(1 / Math.sqrt(2), within(1e-6));
        assertThat(raw.toCentroid()[0]).isCloseTo((1 / Math.sqrt(2)) / Math.sqrt(0.5 + Math.pow(1 + 1 / Math.sqrt(2), 2)),
                within(1e-6));
    }

    @Test
    void measuresHowCloseSourcesLieOnlyAmongPhrasingsOfTheSameQuestion() {
        // Three articles of one broad topic, each about something else, and two phrasings of one taught question.
        var raw = TopicModel.measure(1, List.of(new TopicSource("article:a", unit(1, 0.6f, 0, 0)),
                new TopicSource("article:b", unit(1, 0, 0.6f, 0)), new TopicSource("article:c", unit(1, 0, 0, 0.6f)),
                new TopicSource("topic:BILLING", unit(0, 0, 0, 1)), new TopicSource("topic:BILLING", unit(0, 0, 0.1f, 1))));

        // The articles, 0.74 apart, are not paraphrases of each other: only the two phrasings are measured.
        assertThat(raw.nearest()).hasSize(2);
        assertThat(raw.nearest()[0]).isCloseTo(1 / Math.sqrt(1.01), within(1e-6));
        assertThat(raw.toCentroid()[1]).isCloseTo(1 / Math.sqrt(1.01), within(1e-6));
        // The centroid is still the whole topic's.
        assertThat(raw.size()).isEqualTo(5);
        assertThat(raw.centroid()[0]).isGreaterThan(0.5f);

        // A topic of articles alone says nothing about paraphrases: it holds no values of its own.
        var articles = TopicModel.measure(1, List.of(new TopicSource("article:a", unit(1, 0.6f, 0, 0)),
                new TopicSource("article:b", unit(1, 0, 0.6f, 0))));
        assertThat(articles.nearest()).isEmpty();
        Map<String, TopicModel.Raw> topics = Map.of("ACCOUNT", articles);
        var snapshot = TopicModel.snapshot(List.copyOf(topics.values()), topics);
        assertThat(snapshot.of("ACCOUNT").nearestMean()).isEqualTo(TopicModel.DEFAULT_NN_MEAN);
        // An answer drawn from one of its articles is read by the article alone (ArticleReading.article).
        assertThat(snapshot.of("ACCOUNT").articlesOnly()).isTrue();
        // One taught example, or one resolved case, makes it a topic of phrasings again: read as before.
        for (String phrasing : List.of("topic:ACCOUNT", "case:7")) {
            var mixed = TopicModel.measure(1, List.of(new TopicSource("article:a", unit(1, 0.6f, 0, 0)),
                    new TopicSource(phrasing, unit(1, 0, 0.6f, 0))));
            assertThat(mixed.articlesOnly()).as(phrasing).isFalse();
        }
        assertThat(TopicModel.Snapshot.EMPTY.prior().articlesOnly()).isFalse();
    }

    @Test
    void aTopicWithOneSourceIsJudgedByTheMeanOverAllTopicsAndAManyPhrasingTopicByItsOwnSpread() {
        Map<String, TopicModel.Raw> topics = new HashMap<>();
        topics.put("ONE", TopicModel.measure(1, oneQuestion(unit(0, 0, 0, 0, 0, 0, 1))));
        topics.put("TIGHT", TopicModel.measure(1, oneQuestion(unit(1, 0.05f, 0, 0, 0, 0, 0), unit(1, 0, 0.05f, 0, 0, 0, 0),
                unit(1, 0.05f, 0.05f, 0, 0, 0, 0), unit(1, 0, 0, 0, 0, 0, 0), unit(1, 0.02f, 0, 0, 0, 0, 0))));
        // Each phrasing shares about half its meaning with the next one only.
        topics.put("LOOSE", TopicModel.measure(1, oneQuestion(unit(1, 1, 0, 0, 0, 0, 0), unit(0, 1, 1, 0, 0, 0, 0),
                unit(0, 0, 1, 1, 0, 0, 0), unit(0, 0, 0, 1, 1, 0, 0), unit(0, 0, 0, 0, 1, 1, 0), unit(1, 0, 0, 0, 0, 1, 0))));

        var snapshot = TopicModel.snapshot(List.copyOf(topics.values()), topics);

        assertThat(snapshot.of("ONE").nearestMean()).isEqualTo(snapshot.prior().nearestMean());
        assertThat(snapshot.of("TIGHT").nearestMean()).isGreaterThan(snapshot.prior().nearestMean());
        assertThat(snapshot.of("LOOSE").nearestMean()).isLessThan(snapshot.of("TIGHT").nearestMean() - 0.1);
        assertThat(snapshot.of("UNKNOWN").centroid()).isNull();
    }

    @Test
    void measuresAgainOnlyTheTopicsWhoseSourcesChanged() {
        Map<String, Long> versions = new HashMap<>(Map.of("A", 1L, "B", 1L));
        Map<String, List<float[]>> vectors = new HashMap<>(Map.of(
                "A", List.of(unit(1, 0, 0), unit(1, 0.1f, 0)), "B", List.of(unit(0, 1, 0))));
        List<String> measured = new ArrayList<>();
        var model = new TopicModel(() -> Map.copyOf(versions), topic -> {
            measured.add(topic);
            return vectors.get(topic).stream().map(v -> new TopicSource("topic:" + topic, v)).toList();
        });

        var first = model.current();
        assertThat(model.current()).isSameAs(first);
        vectors.put("B", List.of(unit(0, 1, 0), unit(0, 1, 0.1f)));
        versions.put("B", 2L);
        var second = model.current();
        versions.remove("A");
        var third = model.current();

        assertThat(measured).containsExactlyInAnyOrder("A", "B", "B");
        assertThat(first.of("B").size()).isEqualTo(1);
        assertThat(second.of("B").size()).isEqualTo(2);
        assertThat(third.topics()).containsOnlyKeys("B");
    }

    @Test
    void aFewUnrelatedSourcesBarelyMoveTheKnowledgesSpreadButManyPhrasingsDefineIt() {
        // Nine articles 0.70 apart (the demo's kind of knowledge): held near the tuning data's 0.90 by the pseudo-values.
        double[] few = TopicModel.pooled(List.of(new double[]{0.68, 0.70, 0.72, 0.69, 0.71, 0.70, 0.70, 0.68, 0.72}),
                0.90, 0.06);
        assertThat(few[0]).isCloseTo((9 * 0.70 + TopicModel.KNOWLEDGE_PRIOR_WEIGHT * 0.90)
                / (9 + TopicModel.KNOWLEDGE_PRIOR_WEIGHT), within(1e-9));
        assertThat(few[0]).isGreaterThan(0.83);
        // Their distance from the tuning data's mean widens the spread instead of hiding it.
        assertThat(few[1]).isGreaterThan(0.09);

        // A thousand phrasings 0.80 apart define it themselves.
        double[] many = new double[1000];
        java.util.Arrays.fill(many, 0.80);
        double[] own = TopicModel.pooled(List.of(many), 0.90, 0.06);
        assertThat(own[0]).isCloseTo(0.80, within(0.003));

        // No values at all: the tuning data's.
        assertThat(TopicModel.pooled(List.of(), 0.90, 0.06)).containsExactly(0.90, 0.06);
    }

    @Test
    void examplesAnAgentTaughtUnreviewedMoveNeitherATopicNorThePooledStatisticsThatCustomersAnswersAreReadInButCountForColleagues() {
        // Topic A holds two reviewed phrasings; an agent then teaches A three far-off phrasings of their own, and a
        // topic C that only they teach.
        Map<String, List<TopicSource>> sources = Map.of(
                "A", List.of(new TopicSource("topic:A", unit(1, 0, 0), "api"),
                        new TopicSource("topic:A", unit(1, 0.1f, 0), "agent-reviewed")),
                "B", List.of(new TopicSource("topic:B", unit(0, 1, 0), "api"),
                        new TopicSource("topic:B", unit(0, 1, 0.2f), "api")));
        Map<String, List<TopicSource>> planted = new HashMap<>(Map.of(
                "A", new ArrayList<>(sources.get("A")), "B", sources.get("B"),
                "C", List.of(new TopicSource("topic:C", unit(0, 0, 1), "agent"),
                        new TopicSource("topic:C", unit(0, 0.3f, 1), "agent"))));
        planted.get("A").addAll(List.of(new TopicSource("topic:A", unit(0, 0, 1), "agent"),
                new TopicSource("topic:A", unit(0, 0.5f, 1), "agent"), new TopicSource("topic:A", unit(0.2f, 0, 1), "agent")));

        var clean = new TopicModel(() -> Map.of("A", 1L, "B", 1L), sources::get).current(true);
        TopicModel model = new TopicModel(() -> Map.of("A", 1L, "B", 1L, "C", 1L), planted::get);
        var withPlanted = model.current(true);

        assertThat(withPlanted.prior().nearestMean()).isEqualTo(clean.prior().nearestMean());
        assertThat(withPlanted.prior().nearestSd()).isEqualTo(clean.prior().nearestSd());
        assertThat(withPlanted.of("A").centroid()).containsExactly(clean.of("A").centroid());
        assertThat(withPlanted.of("A").nearestMean()).isEqualTo(clean.of("A").nearestMean());
        assertThat(withPlanted.of("A").size()).isEqualTo(2);
        // A topic of unreviewed examples alone is one the model does not hold: the all-topics mean, no centroid.
        assertThat(withPlanted.topics()).doesNotContainKey("C");
        assertThat(withPlanted.of("C").centroid()).isNull();

        // Colleagues are answered from those examples too, and their answers are read in statistics that hold them
        // (an evaluation or a desk whose knowledge agents taught is calibrated on what it answers from).
        var colleagues = model.current();
        assertThat(colleagues.of("A").size()).isEqualTo(5);
        assertThat(colleagues.of("C").centroid()).isNotNull();
        assertThat(colleagues.prior().nearestMean()).isNotEqualTo(clean.prior().nearestMean());
    }
}
