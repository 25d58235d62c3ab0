package io.omnicase.assistant;

import io.omnicase.assistant.internal.AttemptStore;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CustomerMessage;
import io.omnicase.search.HistoryUnavailableException;
import io.omnicase.search.KnowledgeScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnicase.customers.Channel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One turn of the assistant in a case's self-service loop: reads the customer's latest message, replies on the
 * timeline (as author {@value CaseManagement#ASSISTANT}) and says what the case process should do next. Every
 * attempt is recorded for the handover, so the agent sees what the assistant tried.
 */
@Service
public class SelfService {

    /** How often the assistant may be unsure in one self-service episode before it hands over. */
    public static final int MAX_LOW_CONFIDENCE = 2;
    /**
     * The loop breaker: at most this many automatic answers by mail to one address in {@link #LOOP_WINDOW}, over all
     * cases. An auto-responder that marks nothing as automatic looks like a person; this keeps it and the assistant
     * from answering each other for ever. The next mail of that address goes to a person.
     */
    public static final int MAX_AUTOMATIC_MAILS_PER_ADDRESS = 3;
    public static final Duration LOOP_WINDOW = Duration.ofDays(1);

    static final String THANKS = "Glad I could help! If anything else comes up, just write here.";
    /**
     * When no article answers well enough. It used to say "I am not sure I understood your question", also to a
     * customer who had asked plainly for something no article covers ("my invoice 4711 shows 19% VAT, I am a business
     * customer in Austria: can you correct it?", walk 46): the question was understood; the articles have no answer.
     */
    static final String REPHRASE = "I could not find an answer to this in our help articles. If you describe it in other "
            + "words, I will look again; or ask for a person, and someone from our team takes over.";
    static final String ASK_CONFIRMATION = "\n\nDid this answer your question? Reply \"yes\" if it did, "
            + "or ask for a person at any time.";

    private static final Logger log = LoggerFactory.getLogger(SelfService.class);

    private final Assistant assistant;
    private final CaseManagement cases;
    private final AttemptStore attempts;

    SelfService(Assistant assistant, CaseManagement cases, AttemptStore attempts) {
        this.assistant = assistant;
        this.cases = cases;
        this.attempts = attempts;
    }

    /** What a turn led to. */
    public enum Outcome { ANSWERED, ASKED_TO_REPHRASE, CONFIRMED, HAND_OVER }

    /**
     * @param lowConfidenceCount how often the assistant was unsure in this episode, including this turn
     */
    public record Turn(Outcome outcome, int lowConfidenceCount) {
    }

    /** @param lowConfidenceSoFar how often the assistant was unsure earlier in this episode */
    @Transactional
    public Turn respond(CaseId caseId, int lowConfidenceSoFar) {
        Optional<CaseManagement.Correspondent> to = cases.lastCorrespondent(caseId);
        if (to.isPresent() && to.get().channel() == Channel.EMAIL) {
            int sent = cases.assistantRepliesTo(Channel.EMAIL, to.get().address(), Instant.now().minus(LOOP_WINDOW));
            if (sent >= MAX_AUTOMATIC_MAILS_PER_ADDRESS) {
                log.info("Case {}: no automatic answer to {}, it had {} in the last {} (loop breaker)", caseId.value(),
                        to.get().address(), sent, LOOP_WINDOW);
                cases.recordNote(caseId, CaseManagement.ASSISTANT, "The assistant did not answer: " + to.get().address()
                                + " got " + sent + " automatic answers in the last 24 hours (mail loop breaker). A person takes over.",
                        Map.of("loopBreaker", true, "to", to.get().address(), "automaticAnswers", sent));
                return new Turn(Outcome.HAND_OVER, 0);
            }
        }
        Optional<CustomerMessage> latest = cases.latestCustomerMessage(caseId);
        if (latest.isPresent() && !latest.get().sender().allowsAutomaticAnswer()) {
            // Routing already sends such a case to a person; a turn started for an earlier message of the case may
            // still meet the forged one here, and no answer, not even the offer of a person, may go to its sender.
            log.info("Case {}: no automatic answer, the sender of its latest message is not verified", caseId.value());
            cases.recordNote(caseId, CaseManagement.ASSISTANT, "The assistant did not answer: the sender of the latest "
                            + "message is not verified (" + latest.get().sender().detail() + "). A person takes over.",
                    Map.of("senderNotVerified", true));
            return new Turn(Outcome.HAND_OVER, 0);
        }
        String message = latest.map(CustomerMessage::text).orElse("");
        if (CustomerReply.of(message) == CustomerReply.CONFIRMS && attempts.answeredBefore(caseId.value())) {
            cases.reply(caseId, CaseManagement.ASSISTANT, THANKS);
            return new Turn(Outcome.CONFIRMED, 0);
        }
        AssistantAnswer answer = ask(message, scope(caseId));
        attempts.record(caseId.value(), message, answer);
        if (answer.answered()) {
            cases.reply(caseId, CaseManagement.ASSISTANT, answer.answer() + ASK_CONFIRMATION);
            return new Turn(Outcome.ANSWERED, lowConfidenceSoFar);
        }
        int low = lowConfidenceSoFar + 1;
        // By mail a person takes over at the first doubt: asking to rephrase costs a customer a day there, not seconds
        // as in a chat, and a business mail that needs an action (a corrected invoice) got "describe it in other words"
        // (walk 48).
        boolean byMail = to.isPresent() && to.get().channel() == Channel.EMAIL;
        if (answer.handOver() || low >= MAX_LOW_CONFIDENCE || byMail) {
            cases.reply(caseId, CaseManagement.ASSISTANT, AssistantAnswer.OFFER_PERSON);
            return new Turn(Outcome.HAND_OVER, 0);
        }
        cases.reply(caseId, CaseManagement.ASSISTANT, REPHRASE);
        return new Turn(Outcome.ASKED_TO_REPHRASE, low);
    }

    /** What the assistant tried on a case, oldest first: for the agent who takes it over. */
    public List<AssistantAttempt> attempts(CaseId caseId) {
        return attempts.ofCase(caseId.value());
    }

    /**
     * What the customer's conversation may draw on: shared knowledge (articles, examples taught through the API) and
     * what was learned in this very case. Never another customer's case, not even of the same queue: an example
     * learned from a case quotes an agent's reply to that customer, which is theirs, not this customer's to read. Nor
     * an example an agent taught through the API: nobody reviewed it before a customer would read it.
     * Agents get suggestions from the cases they may read ({@link Assistant#suggestFor}).
     */
    private KnowledgeScope scope(CaseId caseId) {
        return KnowledgeScope.cases(java.util.Set.of(caseId.value())).forCustomers();
    }

    private AssistantAnswer ask(String message, KnowledgeScope scope) {
        try {
            return assistant.ask(message, scope);
        } catch (HistoryUnavailableException e) {
            // Without its knowledge the assistant cannot answer: a person takes the case, nothing waits on the index.
            log.warn("The knowledge index is unavailable; handing the case to a person: {}", e.getMessage());
            return new AssistantAnswer(false, AssistantAnswer.OFFER_PERSON, null, 0, List.of(),
                    "the knowledge base is unavailable", true);
        }
    }
}
