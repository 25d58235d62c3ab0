package io.omnicase.assistant.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.assistant.AnswerEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import java.time.Duration;

/** Chooses the answer engine: built in (default, offline) or an OpenAI-compatible endpoint by configuration. */
@Configuration(proxyBeanMethods = false)
class AnswerEngines {

    @Bean
    @ConditionalOnProperty(name = "omnicase.assistant.engine", havingValue = "openai-compatible")
    AnswerEngine chatCompletionAnswerEngine(@Value("${omnicase.assistant.openai.url}") String url,
                                            @Value("${omnicase.assistant.openai.model}") String model,
                                            @Value("${omnicase.assistant.openai.api-key:}") String apiKey,
                                            @Value("${omnicase.assistant.openai.timeout:PT10S}") Duration timeout,
                                            ObjectMapper json, RestClient.Builder http) {
        return new ChatCompletionAnswerEngine(http, url, model, apiKey, timeout, json);
    }

    @Bean
    @ConditionalOnProperty(name = "omnicase.assistant.engine", havingValue = "built-in", matchIfMissing = true)
    AnswerEngine groundedAnswerEngine() {
        return new GroundedAnswerEngine();
    }
}
