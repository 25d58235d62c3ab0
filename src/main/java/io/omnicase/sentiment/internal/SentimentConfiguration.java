package io.omnicase.sentiment.internal;

import io.omnicase.sentiment.SentimentAnalyzer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes the one shared {@link SentimentAnalyzer} (its lexicon is read once) a bean. */
@Configuration(proxyBeanMethods = false)
class SentimentConfiguration {

    @Bean
    SentimentAnalyzer sentimentAnalyzer() {
        return SentimentAnalyzer.withVaderLexicon();
    }
}
