package io.omnicase.embeddings;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextEmbeddingsTest {

    private final TextEmbeddings embeddings = new TextEmbeddings();

    @Test
    void paraphrasesAreNearerThanUnrelatedQuestions() {
        float[] refund = embeddings.embed("How do I get my money back?");
        float[] paraphrase = embeddings.embed("I would like a refund for my order");
        float[] unrelated = embeddings.embed("What time does the train to Berlin leave?");
        assertThat(refund).hasSize(TextEmbeddings.DIMENSIONS);
        assertThat(TextEmbeddings.cosine(refund, paraphrase)).isGreaterThan(TextEmbeddings.cosine(refund, unrelated) + 0.1);
    }

    @Test
    void oddInputGivesAVectorNotAnError() {
        assertThat(embeddings.embed("   ")).containsOnly(0f);
        for (String text : new String[]{"😡😡😡", "x".repeat(20_000), "\u0000\u0001binary\uFFFD", "Привет 你好 hello"}) {
            float[] vector = embeddings.embed(text);
            assertThat(vector).hasSize(TextEmbeddings.DIMENSIONS);
            assertThat(TextEmbeddings.cosine(vector, vector)).isBetween(0.99, 1.01);
        }
    }
}
