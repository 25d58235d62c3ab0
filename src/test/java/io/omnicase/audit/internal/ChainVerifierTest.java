package io.omnicase.audit.internal;

import io.omnicase.audit.AuditEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of one link of the chain, without a database: what an auditor re-checking an export by hand applies. */
class ChainVerifierTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:15:30.123456Z");

    private static AuditEntry entry(long seq, String prevHash, String content, String actor) {
        String digest = Canonical.sha256(content);
        String hash = Canonical.hash(prevHash, Canonical.header(seq, "message.in", 7L, 3L, actor, AT, digest));
        return new AuditEntry(seq, "message.in", 7L, 3L, actor, AT, content, digest, prevHash, hash, null);
    }

    @Test
    void aWellFormedLinkHoldsAndStillHoldsWithoutItsContent() {
        AuditEntry first = entry(1, Canonical.GENESIS, "{\"text\":\"hello\"}", "customer");
        assertThat(ChainVerifier.problem(first, 0, Canonical.GENESIS)).isNull();
        AuditEntry erased = new AuditEntry(1L, first.kind(), 7L, 3L, "customer", AT, null, first.contentDigest(),
                first.prevHash(), first.hash(), Instant.now());
        assertThat(ChainVerifier.problem(erased, 0, Canonical.GENESIS)).isNull();
    }

    @Test
    void eachKindOfTamperingIsNamed() {
        AuditEntry first = entry(1, Canonical.GENESIS, "{\"text\":\"hello\"}", "customer");
        AuditEntry second = entry(2, first.hash(), "{\"text\":\"again\"}", "customer");
        assertThat(ChainVerifier.problem(second, 0, Canonical.GENESIS)).contains("entry 1 is missing");
        assertThat(ChainVerifier.problem(second, 1, Canonical.GENESIS)).contains("does not follow");
        AuditEntry changedContent = new AuditEntry(2L, second.kind(), 7L, 3L, "customer", AT, "{\"text\":\"other\"}",
                second.contentDigest(), second.prevHash(), second.hash(), null);
        assertThat(ChainVerifier.problem(changedContent, 1, first.hash())).contains("content of entry 2 was changed");
        AuditEntry changedActor = new AuditEntry(2L, second.kind(), 7L, 3L, "someone", AT, second.content(),
                second.contentDigest(), second.prevHash(), second.hash(), null);
        assertThat(ChainVerifier.problem(changedActor, 1, first.hash())).contains("entry 2 was changed");
    }

    @Test
    void theHeaderIsCanonicalKeysSortedNoWhitespace() {
        assertThat(Canonical.header(5, "case.read", null, 9L, "auditor", AT, "ab"))
                .isEqualTo("{\"actor\":\"auditor\",\"caseId\":null,\"contentDigest\":\"ab\",\"customerId\":9,"
                        + "\"kind\":\"case.read\",\"occurredAt\":\"2026-12-01T10:15:30.123456Z\",\"seq\":5}");
    }
}
