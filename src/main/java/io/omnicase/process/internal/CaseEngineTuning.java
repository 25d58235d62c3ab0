package io.omnicase.process.internal;

import io.omnicase.process.CustomerCaseProcess;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.CompositeDbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * What the engine writes for the case process, kept to what is read (issue 18: each message used to cost a dozen
 * history writes). The case process's variables are glue (timer periods, the routing decision's queue and priority, the
 * latest message taken) whose values and history live in Omnicase's own tables (the decision entries of the timeline,
 * the audit trail): their history rows in {@code ACT_HI_VARINST}, one insert or update per variable change, are not
 * written. Process, activity and task history stay (the case's process history, erasure and the tests read them),
 * and so does the variable history of every other process.
 */
@Configuration(proxyBeanMethods = false)
class CaseEngineTuning {

    @Bean
    AbstractProcessEnginePlugin caseHistoryPlugin(@Value("${omnicase.process.variable-history:false}") boolean variableHistory) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                if (!variableHistory && configuration.getHistoryEventHandler() == null) {
                    configuration.setHistoryEventHandler(new WithoutCaseVariables(
                            new CompositeDbHistoryEventHandler(configuration.getCustomHistoryEventHandlers() == null
                                    ? new java.util.ArrayList<>() : configuration.getCustomHistoryEventHandlers())));
                }
            }
        };
    }

    /** Hands every history event to the database except the case process's variable changes. */
    static final class WithoutCaseVariables implements HistoryEventHandler {

        private final HistoryEventHandler delegate;

        WithoutCaseVariables(HistoryEventHandler delegate) {
            this.delegate = delegate;
        }

        static boolean kept(HistoryEvent event) {
            return !(event instanceof HistoricVariableUpdateEventEntity
                    && CustomerCaseProcess.KEY.equals(event.getProcessDefinitionKey()));
        }

        @Override
        public void handleEvent(HistoryEvent event) {
            if (kept(event)) {
                delegate.handleEvent(event);
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            for (HistoryEvent event : events) {
                handleEvent(event);
            }
        }
    }
}
