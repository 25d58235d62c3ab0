package io.omnicase.sentiment.internal;

import io.omnicase.embeddings.TextEmbeddings;
import io.omnicase.sentiment.CustomerSentiment;
import io.omnicase.sentiment.SentimentAnalyzer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the one shared {@link SentimentAnalyzer} (its lexicon is read once) and the one {@link CustomerSentiment}
 * (its weights read once; the embedding model is the application's one) beans.
 */
@Configuration(proxyBeanMethods = false)
class SentimentConfiguration {

    @Bean
    SentimentAnalyzer sentimentAnalyzer() {
        return SentimentAnalyzer.withVaderLexicon();
    }

    @Bean
    CustomerSentiment customerSentiment(SentimentAnalyzer lexicon, TextEmbeddings embeddings) {
        return new CustomerSentiment(lexicon, embeddings::embed);
    }
}
