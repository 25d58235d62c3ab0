/**
 * The AI self-service assistant: answers customers' questions grounded only in knowledge articles (Markdown under
 * {@code knowledge/}) and in resolved cases, with a confidence and its sources; declines and offers a person when it
 * is not sure. Retrieval runs through the search module's knowledge index; composing the answer is an
 * {@link io.omnicase.assistant.AnswerEngine} (built in and offline, or an OpenAI-compatible endpoint).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Assistant")
package io.omnicase.assistant;
