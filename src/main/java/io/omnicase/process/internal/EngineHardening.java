package io.omnicase.process.internal;

import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.ContextResource;
import org.springframework.core.io.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
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

            @Override
            public void postInit(ProcessEngineConfigurationImpl configuration) {
                // After every preInit: the starter sets the resources of the deployment at startup in its own.
                if (configuration instanceof SpringProcessEngineConfiguration spring && spring.getDeploymentResources() != null) {
                    spring.setDeploymentResources(Arrays.stream(spring.getDeploymentResources())
                            .map(EngineHardening::namedWithinClasspath).toArray(Resource[]::new));
                }
            }
        };
    }

    /**
     * A resource of the deployment at startup, named by its folder and file ("processes/customer-case.bpmn"). The
     * engine names a resource read from a directory by its absolute path ("/srv/omnicase/target/classes/processes/…"),
     * which every role that reads process definitions would then see.
     */
    static Resource namedWithinClasspath(Resource resource) {
        String url;
        try {
            url = resource.getURL().toString();
        } catch (IOException e) {
            return resource;
        }
        String[] parts = url.split("[/!]");
        String name = parts.length >= 2 ? parts[parts.length - 2] + "/" + parts[parts.length - 1] : resource.getFilename();
        return new NamedResource(resource, name);
    }

    /** The engine takes the name of a {@link ContextResource} as it is. */
    private static final class NamedResource extends AbstractResource implements ContextResource {

        private final Resource resource;
        private final String name;

        NamedResource(Resource resource, String name) {
            this.resource = resource;
            this.name = name;
        }

        @Override
        public String getPathWithinContext() {
            return name;
        }

        @Override
        public String getFilename() {
            return resource.getFilename();
        }

        @Override
        public String getDescription() {
            return name;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return resource.getInputStream();
        }
    }
}
