package io.omnicase.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What a browser holds after logging in on the login form: the session cookie and the CSRF cookie. */
final class BrowserSession {

    private final int port;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    String csrf;
    /** Where the login form sent the browser. */
    String afterLogin;

    private BrowserSession(int port) {
        this.port = port;
    }

    static BrowserSession logIn(int port, String user) {
        return logIn(port, user, null);
    }

    /** Logs in after asking for {@code page} first (sent to the login form); {@link #afterLogin} is where login went. */
    static BrowserSession logIn(int port, String user, String page) {
        BrowserSession session = new BrowserSession(port);
        if (page != null) {
            session.keep(session.get(page));
        }
        session.keep(RawHttp.exchange(port, null, ("GET /login HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n"
                + session.cookieHeader()).strip(), null));
        String token = session.cookies.get("XSRF-TOKEN");
        byte[] form = ("username=" + user + "&password=demo&_csrf=" + token).getBytes(StandardCharsets.UTF_8);
        RawHttp.Reply login = RawHttp.exchange(port, null, "POST /login HTTP/1.1\r\nHost: x\r\n" + session.cookieHeader()
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length, form);
        if (login.status() != 302 || login.header("Location").contains("error")) {
            throw new IllegalStateException("login failed: " + login);
        }
        session.keep(login);
        session.afterLogin = login.header("Location");
        // The desk page hands out the CSRF token (a new one after login).
        session.keep(session.get("/desk.html"));
        session.csrf = session.cookies.get("XSRF-TOKEN");
        return session;
    }

    /** The cookie's value now (Camunda's pages set their own XSRF-TOKEN, under /camunda). */
    String cookie(String name) {
        return cookies.get(name);
    }

    RawHttp.Reply get(String path) {
        return get(path, "Accept: text/html\r\n");
    }

    /** A GET with these header lines, each ending in CRLF. */
    RawHttp.Reply get(String path, String headerLines) {
        return keep(RawHttp.exchange(port, null, ("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + headerLines
                + cookieHeader()).strip(), null));
    }

    RawHttp.Reply post(String path, String json, String csrfHeader) {
        return post(path, json, csrfHeader, "");
    }

    /** A POST with further header lines, each ending in CRLF. */
    RawHttp.Reply post(String path, String json, String csrfHeader, String headerLines) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return keep(RawHttp.exchange(port, null, "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + cookieHeader() + headerLines
                + (csrfHeader == null ? "" : "X-XSRF-TOKEN: " + csrfHeader + "\r\n")
                + "Content-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + body.length, body));
    }

    private String cookieHeader() {
        return cookies.isEmpty() ? "" : "Cookie: " + cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; ")) + "\r\n";
    }

    private RawHttp.Reply keep(RawHttp.Reply reply) {
        String setCookie = reply.header("Set-Cookie");
        if (setCookie != null) {
            for (String cookie : setCookie.split(", (?=[A-Za-z0-9_-]+=)")) {
                String pair = cookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    String value = pair.substring(eq + 1);
                    if (value.isEmpty()) {
                        cookies.remove(pair.substring(0, eq));
                    } else {
                        cookies.put(pair.substring(0, eq), value);
                    }
                }
            }
        }
        return reply;
    }
}
