package io.omnicase.search;

import java.util.List;

/**
 * Customer messages of one topic on one channel: in the window that just ended and in each window of the baseline
 * before it (oldest first; empty windows count 0).
 */
public record TopicVolume(String topic, String channel, long windowCount, List<Long> baselineCounts) {
}
