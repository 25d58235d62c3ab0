package io.omnicase.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.omnicase.audit.AuditEntry;
import io.omnicase.audit.AuditTrail;
import io.omnicase.audit.ChainVerification;
import io.omnicase.audit.Erasure;
import io.omnicase.audit.PersonalData;
import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseView;
import io.omnicase.customers.Channel;
import io.omnicase.customers.Customer;
import io.omnicase.customers.CustomerId;
import io.omnicase.customers.Customers;
import io.omnicase.http.ConflictException;
import io.omnicase.http.InvalidFieldException;
import io.omnicase.http.NotFoundException;
import io.omnicase.routing.RuleSetVersion;
import io.omnicase.routing.RuleSets;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The auditor's API: find a case or customer, its trace in chain order with the why of each decision (the rule text of
 * the version that decided), verification of the chain, and a case's trace exported with the proof of its chain.
 */
@RestController
class AuditController {

    private static final Pattern RULE_SET_LABEL = Pattern.compile("v(\\d{1,9})");
    private static final int MAX_QUERY = 320;

    private final AuditTrail trail;
    private final CaseAccess access;
    private final CaseManagement cases;
    private final Customers customers;
    private final RuleSets ruleSets;
    private final PersonalData personalData;

    AuditController(AuditTrail trail, CaseAccess access, CaseManagement cases, Customers customers, RuleSets ruleSets,
                    PersonalData personalData) {
        this.personalData = personalData;
        this.trail = trail;
        this.access = access;
        this.cases = cases;
        this.customers = customers;
        this.ruleSets = ruleSets;
    }

    /** An entry as the page shows it; {@code content} is the stored canonical JSON, null once erased. */
    record Entry(Long seq, String kind, Long caseId, Long customerId, String actor, Instant occurredAt,
                 @JsonRawValue String content, boolean pseudonymised, String contentDigest, String prevHash, String hash) {

        static Entry of(AuditEntry e) {
            return new Entry(e.seq(), e.kind(), e.caseId(), e.customerId(), e.actor(), e.occurredAt(), e.content(),
                    e.pseudonymisedAt() != null, e.contentDigest(), e.prevHash(), e.hash());
        }
    }

    /** A rule-set version a decision of the trace names, with the rule text it decided with. */
    record RuleSetText(int version, String label, String checksum, String drl, String author, String reason,
                       Instant createdAt) {
    }

    record CaseSummary(long id, long customerId, String status, String subject, String channel, String queue,
                       Instant openedAt, Instant closedAt) {
        static CaseSummary of(CaseView v) {
            return new CaseSummary(v.id(), v.customerId(), v.status().name(), v.subject(), v.channel().name(), v.queue(),
                    v.openedAt(), v.closedAt());
        }
    }

    record Trace(CaseSummary caseSummary, Long customerId, String customerName, List<CaseSummary> cases,
                 List<Entry> entries, Map<String, RuleSetText> ruleSets) {
    }

    record Found(List<CaseSummary> cases, List<CustomerFound> customers) {
    }

    record CustomerFound(long id, String name, int cases) {
    }

    @Operation(summary = "Find a case or customer by number, email address or phone number")
    @GetMapping("/api/audit/find")
    Found find(@RequestParam("q") String q, Principal user) {
        String query = q == null ? "" : q.strip();
        if (query.isEmpty() || query.length() > MAX_QUERY) {
            throw new InvalidFieldException("q", "must be a case or customer number, an email address or a phone number");
        }
        List<CaseSummary> foundCases = new ArrayList<>();
        Set<Long> customerIds = new LinkedHashSet<>();
        if (query.matches("#?\\d{1,18}")) {
            long id = Long.parseLong(query.replace("#", ""));
            cases.find(new CaseId(id)).ifPresent(v -> foundCases.add(CaseSummary.of(v)));
            customers.find(new CustomerId(id)).ifPresent(c -> customerIds.add(id));
        }
        for (Channel channel : Channel.values()) {
            if (channel.identityKind().accepts(query)) {
                customers.known(channel, query).ifPresent(c -> customerIds.add(c.value()));
            }
        }
        // A phone number as people write it inside their country ("0151 12345678"): its international forms.
        customers.byNationalPhoneNumber(query, 20).forEach(c -> customerIds.add(c.value()));
        List<CustomerFound> found = customerIds.stream().map(id -> customers.find(new CustomerId(id)))
                .flatMap(Optional::stream)
                .map(c -> new CustomerFound(c.id().value(), c.shownName(), cases.ofCustomer(c.id()).size())).toList();
        return new Found(foundCases, found);
    }

    @Operation(summary = "The audit trail of a case, in order")
    @GetMapping("/api/audit/cases/{id}/trace")
    Trace caseTrace(@PathVariable long id, Principal user) {
        CaseView view = access.checkRead(user.getName(), new CaseId(id));
        List<Entry> entries = trail.ofCase(id).stream().map(Entry::of).toList();
        return new Trace(CaseSummary.of(view), view.customerId(), customerName(view.customerId()), List.of(), entries,
                ruleSetsOf(entries));
    }

    @Operation(summary = "The audit trail of a customer, across their cases")
    @GetMapping("/api/audit/customers/{id}/trace")
    Trace customerTrace(@PathVariable long id, Principal user) {
        Customer customer = customers.find(new CustomerId(id))
                .orElseThrow(() -> new NotFoundException("Customer " + id + " does not exist"));
        access.checkCustomerRead(user.getName(), customer.id());
        List<CaseView> theirCases = cases.ofCustomer(customer.id());
        List<Entry> entries = trail.ofCustomer(id, theirCases.stream().map(CaseView::id).toList()).stream()
                .map(Entry::of).toList();
        return new Trace(null, id, customer.shownName(), theirCases.stream().map(CaseSummary::of).toList(), entries,
                ruleSetsOf(entries));
    }

    /** How a reader checks the export by themselves. */
    static final String ALGORITHM = "hash = SHA-256(hex(prevHash) + header), header = the JSON object {actor, caseId, "
            + "contentDigest, customerId, kind, occurredAt (ISO-8601 UTC), seq} with keys sorted and no whitespace; "
            + "contentDigest = SHA-256 of the UTF-8 content string (kept even after erasure drops the content); the first "
            + "entry's prevHash is 64 zeros. A case's entries are a subsequence of the one chain: each entry's prevHash "
            + "is the hash of the chain entry before it, which may belong to another case.";

    record Proof(String algorithm, ChainVerification verification, AuditTrail.Checkpoint checkpoint) {
    }

    record Export(Instant exportedAt, String exportedBy, Trace trace, Proof proof) {
    }

    @Operation(summary = "Export a case's audit trail as JSON, with its chain for checking")
    @GetMapping("/api/audit/cases/{id}/export")
    ResponseEntity<Export> export(@PathVariable long id, Principal user) {
        Trace trace = caseTrace(id, user);
        AuditTrail.Checkpoint checkpoint;
        try {
            checkpoint = trail.checkpoint();
        } catch (IllegalStateException e) {
            checkpoint = null; // the verification in the proof says why
        }
        Proof proof = new Proof(ALGORITHM, trail.verify(), checkpoint);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"case-" + id + "-audit-trace.json\"")
                .body(new Export(Instant.now(), user.getName(), trace, proof));
    }

    /**
     * The same export as a PDF for auditors: the trace in chain order with every entry's hashes and the chain proof.
     * No {@code produces}: a bad request still answers problem+json.
     */
    @Operation(summary = "Export a case's audit trail as a PDF")
    @GetMapping("/api/audit/cases/{id}/trace.pdf")
    ResponseEntity<byte[]> exportPdf(@PathVariable long id, @RequestParam(name = "zone", required = false) String zone, Principal user) {
        java.time.ZoneId timeZone = zoneOf(zone);
        Export export = export(id, user).getBody();
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"case-" + id + "-audit-trace.pdf\"")
                .body(TracePdf.render(export, timeZone));
    }

    /**
     * The zone the PDF writes its times in: a region id the page sends ("Europe/Berlin"), UTC without one. Only a
     * region or UTC is taken (no offsets, no short ids like "CST", which name several zones), and one the JDK knows.
     */
    static java.time.ZoneId zoneOf(String zone) {
        if (zone == null || zone.isBlank()) {
            return java.time.ZoneId.of("UTC");
        }
        String id = zone.strip();
        boolean region = id.length() <= 64 && id.matches("[A-Za-z]+(?:/[A-Za-z0-9_+-]+){1,2}") && known(id);
        if (!region && !id.equals("UTC")) {
            throw new InvalidFieldException("zone", "is not a time zone; use a region such as Europe/Berlin, or UTC");
        }
        return java.time.ZoneId.of(id);
    }

    /** Whether the time-zone database knows this region (without building the set of all ~600 ids each request). */
    private static boolean known(String region) {
        try {
            java.time.ZoneId.of(region);
            return true;
        } catch (java.time.DateTimeException unknown) {
            return false;
        }
    }

    @Operation(summary = "Check that the audit trail's chain is unbroken")
    @GetMapping("/api/audit/verification")
    ChainVerification verify() {
        return trail.verify();
    }

    @Operation(summary = "Seal the audit trail so far with a checkpoint")
    @PostMapping("/api/audit/checkpoints")
    AuditTrail.Checkpoint checkpoint() {
        try {
            return trail.checkpoint();
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage());
        }
    }

    /** Why the customer's data is erased; recorded in the audit trail, so it names a request, not the person. */
    record ErasureRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @Operation(summary = "Erase a customer's personal data (right to erasure)")
    @PostMapping(path = "/api/audit/customers/{id}/erasure", consumes = MediaType.APPLICATION_JSON_VALUE)
    Erasure erase(@PathVariable long id, @Valid @RequestBody ErasureRequest request, Principal user) {
        return personalData.erase(new CustomerId(id), user.getName(), request.reason().strip());
    }

    /** Everything held on a customer (an access request), as a JSON download. */
    @Operation(summary = "Everything Omnicase holds about a customer (right of access)")
    @GetMapping("/api/audit/customers/{id}/data")
    ResponseEntity<PersonalData.AccessExport> data(@PathVariable long id) {
        PersonalData.AccessExport export = personalData.export(new CustomerId(id))
                .orElseThrow(() -> new NotFoundException("Customer " + id + " does not exist"));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"customer-" + id + "-data.json\"")
                .body(export);
    }

    private String customerName(long customerId) {
        return customers.find(new CustomerId(customerId)).map(Customer::shownName).orElse("Customer #" + customerId);
    }

    private static final Pattern VERSION_IN_CONTENT = Pattern.compile("\"ruleSetVersion\":\"(v\\d{1,9})\"");

    private Map<String, RuleSetText> ruleSetsOf(List<Entry> entries) {
        Map<String, RuleSetText> texts = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.content() == null || !"routing.decided".equals(e.kind())) {
                continue;
            }
            Matcher label = VERSION_IN_CONTENT.matcher(e.content());
            if (label.find() && !texts.containsKey(label.group(1))) {
                Matcher number = RULE_SET_LABEL.matcher(label.group(1));
                if (number.matches()) {
                    ruleSets.version(Integer.parseInt(number.group(1))).ifPresent(v -> texts.put(label.group(1), text(v)));
                }
            }
        }
        return texts;
    }

    private static RuleSetText text(RuleSetVersion v) {
        return new RuleSetText(v.version(), v.label(), v.checksum(), v.drl(), v.author(), v.reason(), v.createdAt());
    }
}
