package io.omnicase.cases;

import io.omnicase.http.ConflictException;

/** The case is not in a state that allows what was asked (replying to a closed case, say); the API answers 409. */
public class CaseStateException extends ConflictException {
    public CaseStateException(String message) {
        super(message);
    }
}
