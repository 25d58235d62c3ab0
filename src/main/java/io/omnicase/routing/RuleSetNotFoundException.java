package io.omnicase.routing;

/** A rule-set version that was never stored. */
public class RuleSetNotFoundException extends RuntimeException {

    public RuleSetNotFoundException(int version) {
        super("Rule set version " + version + " does not exist");
    }
}
