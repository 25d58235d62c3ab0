package io.omnicase.security.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the refused production settings as a start-up failure an operator can read, not a stack trace. */
public class ProductionSettingsFailureAnalyzer
        extends AbstractFailureAnalyzer<ProductionSettings.InsecureProductionSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, ProductionSettings.InsecureProductionSettingsException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set each variable named above to the real secret (see README, \"Production\"); demo values and empty "
                        + "values are refused in the production profile.", cause);
    }
}
