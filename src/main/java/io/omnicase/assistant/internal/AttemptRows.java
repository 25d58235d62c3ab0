package io.omnicase.assistant.internal;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

import java.util.List;

/** The assistant's tries, by case. */
interface AttemptRows extends Repository<AttemptRow, Long> {

    AttemptRow save(AttemptRow attempt);

    // JPQL text, not derived queries: Hibernate translates a derived (criteria) query again on every call.
    @Query("select count(a) > 0 from AttemptRow a where a.caseId = :caseId and a.answered = true")
    boolean existsByCaseIdAndAnsweredTrue(@Param("caseId") long caseId);

    @Query("select a from AttemptRow a where a.caseId = :caseId order by a.id")
    List<AttemptRow> findByCaseIdOrderById(@Param("caseId") long caseId);
}
