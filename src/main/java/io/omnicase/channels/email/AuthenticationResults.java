package io.omnicase.channels.email;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code Authentication-Results} header (RFC 8601) as a mail server wrote it: who checked ({@code authserv-id})
 * and what each method found ({@code spf=pass}, {@code dkim=fail}, {@code dmarc=fail}). Reading is lenient about
 * comments, folding, spacing and case, and strict about the shape: a header that is not one answers nothing, never
 * an exception, so a mail is taken whatever its headers hold.
 *
 * @param authservId the checking server's id, lower case
 * @param checks     each method's checks in the header's order, method and result lower case ({@code dkim} may
 *                   have one per signature)
 */
record AuthenticationResults(String authservId, Map<String, List<Check>> checks) {

    /**
     * One method's result and the properties the server wrote beside it ({@code smtp.mailfrom}, {@code header.d},
     * {@code header.from}: names lower case, values as written, quotes dropped).
     */
    record Check(String result, Map<String, String> properties) {
        Check {
            properties = Map.copyOf(properties);
        }

        /** The domain a property names: the part after '@' of an address, the value itself otherwise; null if none. */
        String domain(String property) {
            String value = properties.get(property);
            if (value == null) {
                return null;
            }
            String domain = value.substring(value.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT);
            if (domain.endsWith(".")) {
                domain = domain.substring(0, domain.length() - 1);
            }
            return domain.isEmpty() ? null : domain;
        }
    }

    /** Longer headers are not read (a real one is a few hundred characters; this bounds the work on a forged one). */
    static final int MAX_LENGTH = 16_384;

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`{|}~-]+");
    private static final Pattern RESULT = Pattern.compile(
            "([A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?)(?:\\s*/\\s*[0-9]+)?\\s*=\\s*([A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)(?=\\s|$)");
    private static final Pattern VERSION = Pattern.compile("[0-9]+");
    /** RFC 8601 propspec: ptype "." property "=" value (a quoted string, an address or a token). */
    private static final Pattern PROPERTY = Pattern.compile(
            "(?:^|\\s)(smtp|header|body|policy)\\s*\\.\\s*([A-Za-z0-9_-]+)\\s*=\\s*(\"[^\"]*\"|[^\\s\"]+)");

    AuthenticationResults {
        Map<String, List<Check>> copy = new LinkedHashMap<>();
        checks.forEach((method, found) -> copy.put(method, List.copyOf(found)));
        checks = java.util.Collections.unmodifiableMap(copy);
    }

    /** Each method's results as written, in the header's order. */
    Map<String, List<String>> results() {
        Map<String, List<String>> results = new LinkedHashMap<>();
        checks.forEach((method, found) -> results.put(method, found.stream().map(Check::result).toList()));
        return results;
    }

    /** The method's checks that found this result. */
    List<Check> found(String method, String result) {
        return checks.getOrDefault(method, List.of()).stream().filter(check -> check.result().equals(result)).toList();
    }

    /** The header's results, or empty when it is no readable {@code Authentication-Results} value. */
    static Optional<AuthenticationResults> parse(String header) {
        if (header == null || header.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        List<String> parts = withoutComments(header);
        if (parts == null || parts.isEmpty()) {
            return Optional.empty();
        }
        String[] head = parts.get(0).strip().split("\\s+");
        String id = unquoted(head[0]);
        if (id == null || id.isEmpty() || head.length > 2 || head.length == 2 && !VERSION.matcher(head[1]).matches()) {
            return Optional.empty();
        }
        Map<String, List<Check>> results = new LinkedHashMap<>();
        for (int i = 1; i < parts.size(); i++) {
            String part = parts.get(i).strip();
            if (part.isEmpty() && i == parts.size() - 1) {
                continue; // a trailing ";"
            }
            if (part.equalsIgnoreCase("none")) {
                continue; // RFC 8601: "none", no method was applied
            }
            Matcher result = RESULT.matcher(part);
            if (!result.lookingAt()) {
                return Optional.empty();
            }
            Map<String, String> properties = new LinkedHashMap<>();
            Matcher property = PROPERTY.matcher(part.substring(result.end()));
            while (property.find()) {
                String value = property.group(3);
                properties.putIfAbsent((property.group(1) + "." + property.group(2)).toLowerCase(Locale.ROOT),
                        value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
            }
            results.computeIfAbsent(result.group(1).toLowerCase(Locale.ROOT), method -> new ArrayList<>())
                    .add(new Check(result.group(2).toLowerCase(Locale.ROOT), properties));
        }
        if (parts.size() == 1) {
            return Optional.empty(); // an authserv-id alone: no result and no "none"
        }
        return Optional.of(new AuthenticationResults(id.toLowerCase(Locale.ROOT), results));
    }

    /** Whether any result of the method is this one ({@code dkim} passes when any signature passes). */
    boolean has(String method, String result) {
        return !found(method, result).isEmpty();
    }

    /** The method's results as written, "spf=softfail", "dkim=none" when the header names none. */
    String said(String method) {
        List<Check> found = checks.get(method);
        return found == null || found.isEmpty() ? method + "=none"
                : method + "=" + String.join(",", found.stream().map(Check::result).toList());
    }

    /**
     * The header's ';'-separated parts with comments dropped (RFC 5322 comments: parenthesised, nested, with quoted
     * pairs) and quoted strings kept whole; null when a comment or quoted string does not end.
     */
    private static List<String> withoutComments(String header) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '\\' && (depth > 0 || quoted)) {
                if (i + 1 < header.length()) {
                    if (quoted) {
                        part.append(c).append(header.charAt(i + 1));
                    }
                    i++;
                }
                continue;
            }
            if (quoted) {
                part.append(c);
                quoted = c != '"';
            } else if (c == '(') {
                depth++;
                part.append(' ');
            } else if (depth > 0) {
                if (c == ')') {
                    depth--;
                }
            } else if (c == '"') {
                part.append(c);
                quoted = true;
            } else if (c == ';') {
                parts.add(part.toString());
                part.setLength(0);
            } else if (c == '\r' || c == '\n' || c == '\t') {
                part.append(' ');
            } else {
                part.append(c);
            }
        }
        if (depth > 0 || quoted) {
            return null;
        }
        parts.add(part.toString());
        return parts;
    }

    /** A token as it is, a quoted string without its quotes; null when it is neither. */
    private static String unquoted(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            String inner = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1").strip();
            return inner.isEmpty() || inner.chars().anyMatch(c -> c < 0x21 || c == 0x7f) ? null : inner;
        }
        return TOKEN.matcher(value).matches() ? value : null;
    }
}
