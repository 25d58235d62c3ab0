package io.omnicase.assistant.internal;

import org.springframework.data.repository.Repository;

import java.util.List;

/** The assistant's tries, by case. */
interface AttemptRows extends Repository<AttemptRow, Long> {

    AttemptRow save(AttemptRow attempt);

    boolean existsByCaseIdAndAnsweredTrue(long caseId);

    List<AttemptRow> findByCaseIdOrderById(long caseId);
}
