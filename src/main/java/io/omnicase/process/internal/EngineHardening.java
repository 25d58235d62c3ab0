package io.omnicase.process.internal;

import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.List;

/**
 * Sets the engine up so that a process model cannot run code of its own: expressions see only the case process's
 * delegates and plain values ({@link CaseExpressions}), every deployment passes the {@link DeploymentGuard}, and a
 * task's candidates may work it (claim, complete) but not hand it to someone else, and lose it when it moves
 * ({@link QueueTaskAuthorizations}); a task goes only to queues and to people who work them ({@link TaskPeople}).
 */
@Configuration(proxyBeanMethods = false)
class EngineHardening {

    @Bean
    AbstractProcessEnginePlugin engineHardeningPlugin(ApplicationContext context) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                CaseExpressions expressions = new CaseExpressions(context);
                configuration.setBeans(expressions.beans());
                configuration.setExpressionManager(expressions);
                List<Deployer> preDeployers = new ArrayList<>();
                preDeployers.add(new DeploymentGuard());
                if (configuration.getCustomPreDeployers() != null) {
                    preDeployers.addAll(configuration.getCustomPreDeployers());
                }
                configuration.setCustomPreDeployers(preDeployers);
                List<org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener> parseListeners = new ArrayList<>();
                if (configuration.getCustomPreBPMNParseListeners() != null) {
                    parseListeners.addAll(configuration.getCustomPreBPMNParseListeners());
                }
                parseListeners.add(new TaskPeople(() -> context.getBean(io.omnicase.cases.CaseAccess.class)).onEveryUserTask());
                configuration.setCustomPreBPMNParseListeners(parseListeners);
                configuration.setDefaultUserPermissionNameForTask(Permissions.TASK_WORK.getName());
                configuration.setResourceAuthorizationProvider(new QueueTaskAuthorizations());
                configuration.setEnableExpressionsInAdhocQueries(false);
            }
        };
    }
}
