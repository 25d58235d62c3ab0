package io.omnicase.embeddings;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import org.junit.jupiter.api.Test;
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
        // Half a character pair, as JSON's "\ud800" gives it: no character, so nothing to mean (the model refused it).
        assertThat(embeddings.embed("\ud800")).containsOnly(0f);
        assertThat(embeddings.embed(" \udc00 \ud83d")).containsOnly(0f);
        assertThat(Embeddings.cosine(embeddings.embed("refund \ud800please"), embeddings.embed("refund please"))).isGreaterThan(0.99);
        // Texts the model's tokenizer reads as nothing (it drops U+FFFD, control and format characters, and accents
        // from their letters): the model refused them, and a chat visitor's "\uFFFD" stalled their case's routing and
        // its indexing for ever (probe 50).
        for (String nothing : new String[]{"\uFFFD", "\uFFFD\uFFFD \uFFFD", "\u200B\u200B", "\u00AD", "\u0301",
                "\u0000\u0001", "\uFEFF \u2060"}) {
            assertThat(embeddings.embed(nothing)).as(nothing.codePoints().mapToObj(Integer::toHexString).toList().toString())
                    .containsOnly(0f);
        }
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

    /**
     * The sessions opened here (one thread each, no spinning) compute what the jars' own model classes compute: the
     * stored vectors, the sentiment classifier and the assistant's calibration were all made with those.
     */
    @Test
    void theModelsGiveTheVectorsOfTheirJarsOwnClasses() {
        String[] texts = {"Where is my parcel?", "I was charged twice for the same order and nobody answers my mails.",
                "x".repeat(3_000), "Привет 你好 hello"};
        assertSameVectors(new TextEmbeddings(), new AllMiniLmL6V2QuantizedEmbeddingModel(), texts);
        assertSameVectors(new KnowledgeEmbeddings(), new BgeSmallEnV15QuantizedEmbeddingModel(), texts);
    }

    private static void assertSameVectors(Embeddings ours, EmbeddingModel jars, String[] texts) {
        for (String text : texts) {
            float[] expected = jars.embed(text.length() > Embeddings.MAX_CHARS ? text.substring(0, Embeddings.MAX_CHARS) : text)
                    .content().vector();
            float[] actual = ours.embed(text);
            double norm = Math.sqrt(Embeddings.cosine(expected, expected));
            assertThat(Embeddings.cosine(actual, expected) / norm).as(ours.model() + ": " + text).isGreaterThan(0.9999);
        }
    }
}
