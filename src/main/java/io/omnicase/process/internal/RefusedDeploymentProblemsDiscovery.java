package io.omnicase.process.internal;

import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;

/**
 * Registers {@link RefusedDeploymentProblems} in every Jersey application of the process: engine-rest and the
 * webapps' own engine API, so that a refused deployment is answered alike through both.
 */
public final class RefusedDeploymentProblemsDiscovery implements ForcedAutoDiscoverable {

    @Override
    public void configure(FeatureContext context) {
        if (!context.getConfiguration().isRegistered(RefusedDeploymentProblems.class)) {
            context.register(RefusedDeploymentProblems.class);
        }
    }
}
