package io.omnicase.cases;

/** The case asked for does not exist. */
public class CaseNotFoundException extends RuntimeException {
    public CaseNotFoundException(long id) {
        super("Case " + id + " does not exist");
    }
}
