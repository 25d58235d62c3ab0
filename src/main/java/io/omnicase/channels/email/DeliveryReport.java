package io.omnicase.channels.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The failed recipients a bounce names: from the DSN's per-recipient fields, else from X-Failed-Recipients. */
final class DeliveryReport {

    private static final Pattern FIELD = Pattern.compile("(?im)^(Final-Recipient|Original-Recipient|Status|Action|Diagnostic-Code)[ \\t]*+:[ \\t]*+(.+)$");

    /** One recipient the report says could not be reached. */
    record FailedRecipient(String address, String status, String diagnostic, boolean delayed) {
    }

    private DeliveryReport() {
    }

    static List<FailedRecipient> failedRecipients(MimeMessage mail) throws MessagingException, IOException {
        List<FailedRecipient> failed = new ArrayList<>();
        String report = statusPart(mail);
        if (report != null) {
            // Per-recipient blocks are separated by blank lines; the first block is about the reporting MTA.
            for (String block : report.replace("\r\n", "\n").split("\n\\s*\n")) {
                String address = null;
                String status = null;
                String diagnostic = null;
                String action = "";
                Matcher m = FIELD.matcher(block);
                while (m.find()) {
                    String value = m.group(2).strip();
                    switch (m.group(1).toLowerCase()) {
                        case "final-recipient" -> address = addressOf(value);
                        case "original-recipient" -> address = address == null ? addressOf(value) : address;
                        case "status" -> status = value;
                        case "action" -> action = value.toLowerCase();
                        default -> diagnostic = value;
                    }
                }
                if (address != null && !action.equals("delivered") && !action.equals("relayed") && !action.equals("expanded")) {
                    failed.add(new FailedRecipient(address, status, diagnostic, action.equals("delayed")));
                }
            }
        }
        if (failed.isEmpty()) {
            String header = MailClassifier.header(mail, "X-Failed-Recipients");
            for (String address : header.split(",")) {
                if (address.contains("@")) {
                    failed.add(new FailedRecipient(address.strip(), null, null, false));
                }
            }
        }
        return failed;
    }

    private static String addressOf(String value) {
        // "rfc822; user@example.com" (the type may be missing in sloppy reports)
        String address = value.contains(";") ? value.substring(value.indexOf(';') + 1) : value;
        address = address.strip().replaceAll("^<|>$", "");
        return address.contains("@") ? address : null;
    }

    static String statusPart(Part part) throws MessagingException, IOException {
        if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
            return new String(MimeParts.content(part, 1_000_000), StandardCharsets.UTF_8);
        }
        for (jakarta.mail.BodyPart child : MimeParts.children(part)) {
            String found = statusPart(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
