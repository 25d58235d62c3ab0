package io.omnicase.process;

import io.omnicase.support.QueueCases;
import io.omnicase.support.RunningOmnicase;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engine keeps the case process's history that is read (the instance, the steps it passed, its tasks) and not the
 * history of its glue variables, whose values live in the case's own timeline.
 */
@RunningOmnicase
class CaseProcessHistoryIT {

    @LocalServerPort
    int port;

    @Autowired
    RuntimeService runtime;

    @Autowired
    HistoryService history;

    @Test
    void aDecidedCaseHasItsStepsInTheProcessHistoryButNotItsVariables() {
        QueueCases.QueueCase escalated = QueueCases.escalatedIn(port, "billing");
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(escalated.caseId()))
                .singleResult().getId();
        await().atMost(Duration.ofSeconds(30)).until(() -> history.createHistoricActivityInstanceQuery()
                .processInstanceId(instance).activityId(CustomerCaseProcess.Elements.user_handle_case.id()).count() == 1);

        assertThat(runtime.getVariables(instance)).containsKey(CustomerCaseProcess.Variables.LAST_CUSTOMER_MESSAGE);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).count()).isEqualTo(1);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId(CustomerCaseProcess.Elements.task_assess_case.id()).count()).isEqualTo(1);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).count()).isZero();
    }
}
