package io.omnicase.process.internal;

import io.omnicase.process.DeploymentPolicy;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;

import java.util.ArrayList;
import java.util.List;

/**
 * The one door every deployment passes, runs before the engine parses anything: a new deployment through
 * engine-rest, the webapps, Java or the auto-deployment at startup, and a stored deployment the engine loads again
 * into its cache. A resource that {@link DeploymentPolicy} refuses stops the deployment.
 */
final class DeploymentGuard implements Deployer {

    @Override
    public void deploy(DeploymentEntity deployment) {
        List<String> refusals = new ArrayList<>();
        if (deployment.getResources() != null) {
            for (ResourceEntity resource : deployment.getResources().values()) {
                refusals.addAll(DeploymentPolicy.refusals(resource.getName(), resource.getBytes()));
            }
        }
        if (!refusals.isEmpty()) {
            throw new RefusedDeploymentException(refusals);
        }
    }
}
