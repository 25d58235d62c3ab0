package io.omnicase.cases;

import io.omnicase.customers.Channel;
import io.omnicase.customers.CustomerId;
import io.omnicase.customers.CustomerMerge;
import io.omnicase.customers.Customers;
import io.omnicase.customers.CustomersMerged;
import io.omnicase.support.TestServers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.test.context.ContextConfiguration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases module on its own, with the modules it uses (customers, sentiment and the embedding model sentiment reads
 * with, security): it stores a customer's
 * message once and tells the other modules by events, which are its whole contract with the process, the index and the
 * assistant. Runs against the real MariaDB server, in a database of its own (see {@link TestServers#moduleProperties()}).
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "embeddings")
@ContextConfiguration(initializers = TestServers.ModuleInitializer.class)
class CasesModuleIT {

    @Autowired
    CaseIntake intake;

    @Autowired
    CaseManagement cases;

    @Autowired
    Customers customers;

    @Test
    void aMessageOpensACaseIsStoredOnceAndAnnouncedOnce(AssertablePublishedEvents events) {
        InboundMessage message = message("My parcel never arrived");

        IntakeResult first = intake.receive(message);
        IntakeResult redelivered = intake.receive(message);

        assertThat(first.newCase()).isTrue();
        assertThat(redelivered.duplicate()).isTrue();
        assertThat(redelivered.messageId()).isEqualTo(first.messageId());
        assertThat(cases.timeline(first.caseId())).extracting(TimelineEntry::text).containsExactly("My parcel never arrived");
        assertThat(events.ofType(MessageReceived.class).matching(MessageReceived::caseId, first.caseId().value()))
                .singleElement().satisfies(received -> {
                    assertThat(received.messageId()).isEqualTo(first.messageId());
                    assertThat(received.newCase()).isTrue();
                });
        assertThat(events).contains(InteractionRecorded.class)
                .matching(InteractionRecorded::interactionId, first.messageId())
                .matching(InteractionRecorded::channel, Channel.EMAIL);
        assertThat(cases.timeline(first.caseId())).extracting(TimelineEntry::channel).containsExactly(Channel.EMAIL);
    }

    @Test
    void aCaseResolvedByAPersonAnnouncesTheQuestionAndTheAnswerThatResolvedIt(AssertablePublishedEvents events) {
        CaseId caseId = intake.receive(message("How do I change the delivery address of an order?")).caseId();
        cases.escalate(caseId);
        long reply = cases.reply(caseId, "agent", "Open the order and choose Change address before it ships.");

        cases.resolve(caseId, "agent", "Explained the address change", "OTHER");

        assertThat(events).contains(ReplyRecorded.class).matching(ReplyRecorded::interactionId, reply);
        assertThat(events.ofType(CaseResolved.class).matching(CaseResolved::caseId, caseId.value()))
                .singleElement().satisfies(resolved -> {
                    assertThat(resolved.question()).isEqualTo("How do I change the delivery address of an order?");
                    assertThat(resolved.answer()).isEqualTo("Open the order and choose Change address before it ships.");
                    assertThat(resolved.topic()).isEqualTo("OTHER");
                    assertThat(resolved.resolvedBy()).isEqualTo("agent");
                });
        assertThat(cases.find(caseId)).get().extracting(CaseView::status).isEqualTo(CaseStatus.RESOLVED);
    }

    @Test
    void aDecisionIsRecordedOnceOnTheTimelineAndReadBackAsTheDecision() {
        CaseId caseId = intake.receive(message("I was charged twice for my subscription")).caseId();
        Decision decision = new Decision(false, "billing", 75, List.of("BILLING"),
                List.of("A billing dispute is escalated"), "v7");

        cases.recordDecision(caseId, decision);

        assertThat(cases.timeline(caseId)).filteredOn(e -> e.kind() == InteractionKind.DECISION).singleElement()
                .satisfies(entry -> assertThat(entry.decision()).contains(decision));
        assertThat(cases.timeline(caseId)).filteredOn(e -> e.kind() != InteractionKind.DECISION)
                .allSatisfy(entry -> assertThat(entry.decision()).isEmpty());
        assertThat(cases.find(caseId)).get().satisfies(view -> {
            assertThat(view.queue()).isEqualTo("billing");
            assertThat(view.priority()).isEqualTo(75);
        });
    }

    @Test
    void anEscalationTakesTheQueueAndPriorityTheLatestDecisionRecordedOnTheCase() {
        CaseId caseId = intake.receive(message("The app crashes at login, urgent")).caseId();
        cases.recordDecision(caseId, new Decision(false, "general", 50, List.of(), List.of("first"), "v1"));
        cases.recordDecision(caseId, new Decision(false, "technical", 75, List.of("TECHNICAL"), List.of("second"), "v1"));

        cases.escalate(caseId);

        assertThat(cases.find(caseId)).get().extracting(CaseView::status).isEqualTo(CaseStatus.ESCALATED);
        assertThat(cases.timeline(caseId)).last().extracting(TimelineEntry::text)
                .isEqualTo("Escalated to queue technical with high priority");
    }

    @Test
    void aCustomerMergedAwayTakesTheirCasesAlongAndTheMergeRecordListsThem(AssertablePublishedEvents events) {
        CaseId moving = intake.receive(message("Where is my refund?")).caseId();
        CaseId staying = intake.receive(message("About my refund")).caseId();
        CustomerId source = new CustomerId(cases.find(moving).orElseThrow().customerId());
        CustomerId target = new CustomerId(cases.find(staying).orElseThrow().customerId());

        CustomerMerge merge = customers.merge(source, target, "supervisor");

        assertThat(merge.caseIds()).containsExactly(moving.value());
        assertThat(customers.merges(target)).singleElement().extracting(CustomerMerge::caseIds).isEqualTo(List.of(moving.value()));
        assertThat(cases.ofCustomer(target)).extracting(CaseView::id).containsExactlyInAnyOrder(moving.value(), staying.value());
        assertThat(cases.ofCustomer(source)).isEmpty();
        assertThat(cases.timeline(moving)).last().extracting(TimelineEntry::text)
                .isEqualTo("Customer " + source.value() + " merged into customer " + target.value() + " by supervisor"); // no such account in this module's database: the login as written
        assertThat(events).contains(CustomersMerged.class).matching(CustomersMerged::mergeId, merge.id());
    }

    private static InboundMessage message(String text) {
        String address = "module-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        return new InboundMessage(Channel.EMAIL, address, "Mia Module", text, "module-" + UUID.randomUUID(), null, null,
                Instant.now());
    }
}
