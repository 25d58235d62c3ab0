package io.omnicase.cases;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The user may not read or change this case; answered as 403 problem details. The detail names the case id and the
 * reason, never anything the case holds.
 */
public class CaseAccessDeniedException extends ErrorResponseException {

    public CaseAccessDeniedException(String detail) {
        super(HttpStatus.FORBIDDEN, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
        problem.setTitle("Forbidden");
        return problem;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
