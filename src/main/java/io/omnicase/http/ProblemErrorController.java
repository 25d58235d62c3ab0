package io.omnicase.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import java.io.IOException;

/**
 * The error page of the servlet container ({@code /error}): what Tomcat, Spring Security and static resources answer
 * before any controller runs is a problem description too, never Spring's whitelabel page or a stack trace.
 */
@Controller
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : HttpStatus.NOT_FOUND;
        if (status == null || !status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        if (status.is5xxServerError() && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && StoreOutage.causedBy(failure)) {
            // Before any controller (a filter reading sessions or users): the database is down, not the request wrong.
            status = HttpStatus.SERVICE_UNAVAILABLE;
            response.setHeader("Retry-After", Integer.toString(StoreOutage.RETRY_AFTER_SECONDS));
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        if (isPageNavigation(request)) {
            String camundaApp = status == HttpStatus.FORBIDDEN && uri instanceof String path ? camundaApp(path) : null;
            writePage(response, status, camundaApp == null ? null : CAMUNDA_APPS.get(camundaApp));
            return;
        }
        Problems.write(response, status, detail(status), Problems.instance(uri instanceof String s ? s : null));
    }

    /**
     * A person following a link or typing an address (the browser says so: {@code Sec-Fetch-Mode: navigate}) gets a
     * page with the same words and a way back; scripts, API clients and curl get the problem description.
     */
    static boolean isPageNavigation(HttpServletRequest request) {
        return "navigate".equals(request.getHeader("Sec-Fetch-Mode")) && "document".equals(request.getHeader("Sec-Fetch-Dest"));
    }

    /** Camunda's webapps, what each is and who it is for: the words of a refusal (fixed texts). */
    static final java.util.Map<String, String> CAMUNDA_APPS = java.util.Map.of(
            "tasklist", "Tasklist is Camunda's list of case tasks, for agents, supervisors and admins",
            "cockpit", "Cockpit is Camunda's view of the running processes, for supervisors, designers, auditors and admins",
            "admin", "Admin is Camunda's administration of users, groups and authorizations, for admins");
    private static final java.util.regex.Pattern CAMUNDA_APP = java.util.regex.Pattern.compile("/camunda/app/([a-z]+)(/.*)?");

    private static String camundaApp(String path) {
        java.util.regex.Matcher app = CAMUNDA_APP.matcher(path);
        return app.matches() && CAMUNDA_APPS.containsKey(app.group(1)) ? app.group(1) : null;
    }

    private static void writePage(HttpServletResponse response, HttpStatus status, String forWhom) throws IOException {
        response.setStatus(status.value());
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write(forWhom == null ? page(status) : notForYourRole(forWhom));
    }

    /** A Camunda webapp the user's role may not open: what it is and whose it is, as Omnicase's own pages say it. */
    static String notForYourRole(String forWhom) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Omnicase · Not for your role</title><link rel="icon" href="/favicon.svg" type="image/svg+xml">
                <link rel="stylesheet" href="/error-page.css"></head>
                <body><main class="error-page"><p class="brand">Omnicase</p><h1>Not for your role</h1><p id="error-detail">%s.
                Your role may not open it.</p>
                <p><a href="/">Back to your Omnicase pages</a></p></main></body></html>
                """.formatted(forWhom);
    }

    /** The error page of a status: only fixed texts, nothing of the request is echoed into it. */
    static String page(HttpStatus status) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Omnicase · %1$s</title><link rel="icon" href="/favicon.svg" type="image/svg+xml">
                <link rel="stylesheet" href="/error-page.css"></head>
                <body><main class="error-page"><p class="brand">Omnicase</p><h1>%1$s</h1><p id="error-detail">%2$s.</p>
                <p><a href="/">Back to your Omnicase pages</a></p></main></body></html>
                """.formatted(status.value() + " · " + status.getReasonPhrase(), detail(status));
    }

    /** What the client can do about it, by status; never the exception's own message. */
    static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request is malformed and was refused";
            case UNAUTHORIZED -> "Log in to use this resource";
            case FORBIDDEN -> "You may not use this resource";
            case NOT_FOUND -> "There is nothing at this address";
            case METHOD_NOT_ALLOWED -> "This address does not take this method";
            case PAYLOAD_TOO_LARGE -> "The request body is too large";
            case URI_TOO_LONG -> "The address is too long";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request headers are too large";
            case UNSUPPORTED_MEDIA_TYPE -> "The request body has a type this address does not take";
            case SERVICE_UNAVAILABLE -> "The service is unavailable; try again later";
            case HTTP_VERSION_NOT_SUPPORTED -> "This HTTP version is not supported";
            case NOT_IMPLEMENTED -> "This method is not supported";
            default -> status.is5xxServerError()
                    ? "The request could not be completed; the error has been logged"
                    : "The request was refused";
        };
    }
}
