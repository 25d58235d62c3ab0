package io.omnicase.channels.messaging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twilio's {@code X-Twilio-Signature}: base64(HMAC-SHA1(authToken, url + every POST parameter as name + value, sorted
 * by name)). Like Twilio's own validator it accepts the URL with or without an explicit port, because proxies differ
 * in what they pass on; a JSON body is covered by the URL's {@code bodySHA256} parameter instead.
 */
public final class TwilioSignature {

    private static final Pattern URL = Pattern.compile("^(https?)://([^/:?#]+)(?::(\\d+))?(.*)$", Pattern.CASE_INSENSITIVE);

    private TwilioSignature() {
    }

    public static String sign(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        if (params != null) {
            new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value == null ? "" : value));
        }
        return Base64.getEncoder().encodeToString(
                HubSignature.hmac("HmacSHA1", authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Validates a form-encoded request. */
    public static boolean verify(String authToken, String url, Map<String, String> params, String signature) {
        if (signature == null || signature.isEmpty() || authToken == null || authToken.isEmpty()) {
            return false;
        }
        byte[] given = signature.getBytes(StandardCharsets.UTF_8);
        for (String candidate : urlForms(url)) {
            if (MessageDigest.isEqual(sign(authToken, candidate, params).getBytes(StandardCharsets.UTF_8), given)) {
                return true;
            }
        }
        return false;
    }

    /** Validates a JSON-body request: the signature covers the URL, the URL's bodySHA256 covers the body. */
    public static boolean verifyJson(String authToken, String url, String body, String signature) {
        String bodyHash = queryParameter(url, "bodySHA256");
        if (bodyHash == null || body == null) {
            return false;
        }
        String actual = sha256Hex(body);
        return MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII), bodyHash.getBytes(StandardCharsets.US_ASCII))
                && verify(authToken, url, Map.of(), signature);
    }

    private static Set<String> urlForms(String url) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(url);
        Matcher m = URL.matcher(url);
        if (m.matches()) {
            String scheme = m.group(1);
            String defaultPort = scheme.equalsIgnoreCase("https") ? "443" : "80";
            String port = m.group(3) == null ? defaultPort : m.group(3);
            forms.add(scheme + "://" + m.group(2) + m.group(4));
            forms.add(scheme + "://" + m.group(2) + ":" + port + m.group(4));
        }
        return forms;
    }

    private static String queryParameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return pair.substring(eq + 1);
            }
        }
        return null;
    }

    private static String sha256Hex(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
