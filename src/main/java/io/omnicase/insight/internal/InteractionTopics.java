package io.omnicase.insight.internal;

import io.omnicase.cases.CaseManagement;
import io.omnicase.routing.MessageFacts;
import io.omnicase.search.InteractionDocument;
import io.omnicase.search.InteractionTagger;
import io.omnicase.search.InteractionTags;
import io.omnicase.sentiment.Sentiment;
import org.springframework.stereotype.Component;

/**
 * Tags each message as it is indexed: its topic (routing's, so a rule's topic and a pattern's are the same), the agent
 * on a person's reply, the sentiment MariaDB holds for a customer's message.
 */
@Component
class InteractionTopics implements InteractionTagger {

    private final CaseManagement cases;

    InteractionTopics(CaseManagement cases) {
        this.cases = cases;
    }

    @Override
    public InteractionTags tagsOf(InteractionDocument document) {
        return switch (document.kind()) {
            case "INBOUND" -> new InteractionTags(MessageFacts.topicOf(document.text()).name(), null,
                    cases.sentimentOf(document.interactionId()).map(Sentiment::score).orElse(null));
            case "OUTBOUND" -> new InteractionTags(MessageFacts.topicOf(document.text()).name(),
                    CaseManagement.ASSISTANT.equals(document.author()) ? null : document.author(), null);
            default -> InteractionTags.NONE;
        };
    }
}
