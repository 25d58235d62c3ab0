package io.omnicase.routing;

import io.omnicase.http.NotFoundException;

/** A rule-set version that was never stored; the API answers 404. */
public class RuleSetNotFoundException extends NotFoundException {

    public RuleSetNotFoundException(int version) {
        super("Rule set version " + version + " does not exist");
    }
}
