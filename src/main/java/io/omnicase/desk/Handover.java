package io.omnicase.desk;

import io.omnicase.assistant.AnswerSource;
import io.omnicase.customers.Channel;
import io.omnicase.customers.Customer;
import io.omnicase.customers.Identity;

import java.time.Instant;
import java.util.List;

/**
 * Everything an agent needs to take a case over without asking the customer to repeat themselves.
 *
 * @param summary      a few sentences: who, what they asked, what the assistant tried, why a person has it now
 * @param transcript   the messages in and out, across channels, oldest first
 * @param assistant    what the assistant tried, oldest first
 * @param routing      the latest routing decision; null if none was taken yet
 * @param earlierCases the customer's other cases, newest first
 * @param repeatContact the customer had another case in the last 30 days: the desk alerts the agent
 * @param handedOn     why the case was last handed on ("Reassigned from Alex Agent to Sam Senior by …"); null if never
 * @param handedOnTo   the login it was handed to then, so a page can tell when someone else holds it now
 * @param handedOnAt   when it was handed on
 */
public record Handover(long caseId, String status, String summary, CustomerPart customer, List<Message> transcript,
                       List<AssistantTry> assistant, RoutingPart routing, List<EarlierCase> earlierCases,
                       boolean repeatContact, String handedOn, String handedOnTo, Instant handedOnAt) {

    /** The customer and every identity they used; {@code displayName} is the name agents know them by. */
    public record CustomerPart(long id, String displayName, Customer.Tier tier, List<Identity> identities) {
    }

    /**
     * A message of the transcript; {@code direction} is INBOUND (customer) or OUTBOUND (assistant or agent);
     * {@code delivery} how far a reply got (SENT, DELIVERED, READ, FAILED), null when nothing was reported.
     */
    public record Message(String direction, Channel channel, String author, String text, Instant at, String delivery) {
    }

    /**
     * One try of the assistant: the question, its answer or why it declined, with confidence and sources, and what the
     * customer said to an answer in their next message ({@code customerReaction}; null when they said nothing yet, or
     * nothing about the answer).
     */
    public record AssistantTry(String question, boolean answered, String answer, String topic, double confidence,
                               List<AnswerSource> sources, String declineReason, Instant at, Reaction customerReaction) {
    }

    /**
     * What a customer's next message said to the assistant's answer (walk 47: the handover read "Answered (billing,
     * high confidence)" after the customer had answered "No … let me talk to a person").
     */
    public enum Reaction {
        /** "Yes, thanks": the answer helped. */
        CONFIRMED,
        /** "No", "that did not help". */
        REJECTED,
        /** Asked for a person (without saying no first). */
        ASKED_FOR_PERSON,
        /** "No … let me talk to a person". */
        REJECTED_AND_ASKED_FOR_PERSON;

        /** As it reads after "the customer": "said no and asked for a person". */
        public String words() {
            return switch (this) {
                case CONFIRMED -> "said it helped";
                case REJECTED -> "said it did not help";
                case ASKED_FOR_PERSON -> "asked for a person";
                case REJECTED_AND_ASKED_FOR_PERSON -> "said it did not help and asked for a person";
            };
        }
    }

    /**
     * The routing decision and the rules that made it. {@code handedToPerson} says, for a case the rules gave the
     * assistant, that it went on to a person and why ("the assistant handed it to a person in queue general: …"); null
     * when it did not.
     */
    public record RoutingPart(boolean selfService, String queue, Integer priority, List<String> reasons,
                              String ruleSetVersion, Instant decidedAt, String handedToPerson) {
    }

    /** Another case of the same customer. */
    public record EarlierCase(long id, String status, String subject, String channel, Instant openedAt,
                              Instant resolvedAt) {
    }
}
