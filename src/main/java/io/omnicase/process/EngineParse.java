package io.omnicase.process;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.impl.bpmn.deployer.BpmnDeployer;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine's own reading of a model, without deploying it: what the policy and the code's contract do not look at
 * (a missing history time to live, a flow to an element that does not exist, an unparsable timer) refuses the model
 * at validation, naming the element, instead of failing the deployment.
 */
final class EngineParse {

    private EngineParse() {
    }

    static List<DeploymentProblem> problems(ProcessEngineConfigurationImpl engine, String resourceName, String bpmnXml) {
        return engine.getCommandExecutorTxRequired().execute(context -> {
            DeploymentEntity trial = new DeploymentEntity();
            trial.setName("validation of " + resourceName);
            trial.setNew(true); // as a deployment is: checks for new models only (the history time to live) apply
            try {
                parser(engine).createParse().sourceString(bpmnXml).deployment(trial).name(resourceName).execute();
                return List.of();
            } catch (ParseException e) {
                return problems(e);
            }
        });
    }

    /** The parser the engine deploys with (its parse listeners included). */
    private static BpmnParser parser(ProcessEngineConfigurationImpl engine) {
        return engine.getDeployers().stream().filter(BpmnDeployer.class::isInstance).map(BpmnDeployer.class::cast)
                .findFirst().orElseThrow(() -> new IllegalStateException("the engine has no BPMN deployer")).getBpmnParser();
    }

    /** The parser's errors, each with the element it names. */
    static List<DeploymentProblem> problems(ParseException e) {
        List<DeploymentProblem> problems = new ArrayList<>();
        for (ResourceReport report : e.getResorceReports()) {
            for (Problem error : report.getErrors()) {
                String element = error.getMainElementId() != null ? error.getMainElementId()
                        : error.getElementIds() == null || error.getElementIds().isEmpty() ? null : error.getElementIds().get(0);
                problems.add(new DeploymentProblem(element, error.getMessage()));
            }
        }
        if (problems.isEmpty()) {
            problems.add(new DeploymentProblem(null, "the engine cannot read the model: " + e.getMessage()));
        }
        return problems;
    }
}
