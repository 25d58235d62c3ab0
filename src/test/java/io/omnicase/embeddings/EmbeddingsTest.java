package io.omnicase.embeddings;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Both models: the message model (intake, history) and the assistant's knowledge model. */
class EmbeddingsTest {

    static Stream<Embeddings> models() {
        return Stream.of(new TextEmbeddings(), new KnowledgeEmbeddings());
    }

    @ParameterizedTest
    @MethodSource("models")
    void paraphrasesAreNearerThanUnrelatedQuestions(Embeddings embeddings) {
        float[] refund = embeddings.embed("How do I get my money back?");
        float[] paraphrase = embeddings.embed("I would like a refund for my order");
        float[] unrelated = embeddings.embed("What time does the train to Berlin leave?");
        assertThat(refund).hasSize(Embeddings.DIMENSIONS);
        assertThat(Embeddings.cosine(refund, paraphrase)).isGreaterThan(Embeddings.cosine(refund, unrelated) + 0.1);
    }

    @ParameterizedTest
    @MethodSource("models")
    void oddInputGivesAVectorNotAnError(Embeddings embeddings) {
        assertThat(embeddings.embed("   ")).containsOnly(0f);
        for (String text : new String[]{"😡😡😡", "x".repeat(20_000), "\u0000\u0001binary\uFFFD", "Привет 你好 hello"}) {
            float[] vector = embeddings.embed(text);
            assertThat(vector).hasSize(Embeddings.DIMENSIONS);
            assertThat(Embeddings.cosine(vector, vector)).isBetween(0.99, 1.01);
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void aTextAskedForAgainGetsTheSameVectorAndCannotChangeTheKeptOne(Embeddings embeddings) {
        float[] first = embeddings.embed("Where is my parcel?");
        first[0] = 42f;
        assertThat(embeddings.embed("Where is my parcel?")[0]).isNotEqualTo(42f);
    }
}
