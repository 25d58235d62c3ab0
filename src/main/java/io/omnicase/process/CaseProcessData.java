package io.omnicase.process;

import io.omnicase.cases.CaseId;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

import java.util.Collection;
import java.util.List;

/**
 * What the process engine holds of a case beyond its id: variables (resolution, topic, ...), task names and
 * descriptions that carry the case's subject, in the runtime tables and in history. Erasure removes all of it: a
 * case still running ends (its process instance is deleted), and the instance's history is deleted with its
 * variables, tasks, details and comments. The audit trail keeps the story of the case.
 */
@Service
public class CaseProcessData {

    static final String ERASED = "personal data erased";

    private final RuntimeService runtime;
    private final HistoryService history;

    CaseProcessData(RuntimeService runtime, HistoryService history) {
        this.runtime = runtime;
        this.history = history;
    }

    /** Ends and forgets the processes of these cases; answers how many process instances were erased. */
    public int erase(Collection<Long> caseIds) {
        int erased = 0;
        for (long caseId : caseIds) {
            String businessKey = new CaseId(caseId).businessKey();
            for (ProcessInstance running : runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list()) {
                runtime.deleteProcessInstance(running.getId(), ERASED, true, true, true);
            }
            List<String> past = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey).list()
                    .stream().map(HistoricProcessInstance::getId).toList();
            if (!past.isEmpty()) {
                history.deleteHistoricProcessInstancesIfExists(past);
                erased += past.size();
            }
        }
        return erased;
    }
}
