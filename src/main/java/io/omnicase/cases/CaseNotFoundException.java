package io.omnicase.cases;

import io.omnicase.http.NotFoundException;

/** The case asked for does not exist; the API answers 404. */
public class CaseNotFoundException extends NotFoundException {
    public CaseNotFoundException(long id) {
        super("Case " + id + " does not exist");
    }
}
