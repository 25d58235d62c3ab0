package io.omnicase.cases;

/** The case is not in a state that allows what was asked (replying to a closed case, say). */
public class CaseStateException extends RuntimeException {
    public CaseStateException(String message) {
        super(message);
    }
}
