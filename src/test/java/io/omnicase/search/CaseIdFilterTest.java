package io.omnicase.search;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Any number of readable cases as terms queries Elasticsearch takes (at most 65,536 values each). */
class CaseIdFilterTest {

    @Test
    void manyCasesGoInChunksBelowTheLimitAndNoneIsLeftOut() {
        List<Long> ids = LongStream.rangeClosed(1, 120_001).boxed().toList();

        var chunks = CaseIdFilter.chunks(ids);

        assertThat(chunks).hasSize(3);
        assertThat(chunks).allSatisfy(q -> assertThat(q.terms().terms().value().size()).isLessThanOrEqualTo(65_536));
        assertThat(chunks.stream().mapToInt(q -> q.terms().terms().value().size()).sum()).isEqualTo(120_001);
        assertThat(CaseIdFilter.anyOf(ids).bool().minimumShouldMatch()).isEqualTo("1");
        assertThat(CaseIdFilter.anyOf(List.of(7L)).isTerms()).as("a few cases stay one terms query").isTrue();
    }
}
