package io.omnicase.assistant;

import java.time.Instant;

/**
 * A knowledge article: Markdown with a title and a topic.
 *
 * @param slug   its id, from its file name or given when created through the API
 * @param origin {@code knowledge-folder} if imported from {@code knowledge/}, {@code api} once created or edited there
 */
public record Article(String slug, String title, String topic, String body, String origin, String updatedBy,
                      Instant updatedAt) {
}
