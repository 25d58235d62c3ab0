package io.omnicase.cases;

import io.omnicase.http.ForbiddenException;

/**
 * The user may not read or change this case; answered as 403 problem details. The detail names the case id and the
 * reason, never anything the case holds.
 */
public class CaseAccessDeniedException extends ForbiddenException {

    public CaseAccessDeniedException(String detail) {
        super(detail);
    }
}
