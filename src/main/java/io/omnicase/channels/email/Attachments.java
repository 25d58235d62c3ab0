package io.omnicase.channels.email;

import io.omnicase.channels.ChannelsProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeUtility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Attachments of customers' mails: kept only within the size limit and when the declared type is an allowed one and
 * the bytes really are of that type (a "PDF" that is an executable is refused), so a download can never be a page
 * that runs in an agent's browser.
 */
@Repository
class Attachments {

    /** Allowed types and the bytes files of that type start with (empty: any bytes, e.g. plain text). */
    private static final Map<String, byte[]> ALLOWED = Map.of(
            "application/pdf", "%PDF".getBytes(StandardCharsets.US_ASCII),
            "image/png", new byte[]{(byte) 0x89, 'P', 'N', 'G'},
            "image/jpeg", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
            "image/gif", "GIF8".getBytes(StandardCharsets.US_ASCII),
            "text/plain", new byte[0],
            "text/csv", new byte[0]);

    /**
     * The file name endings of each allowed type, the first one added to a name that has none of them. The type was
     * checked, the name is the sender's: a plain-text part (any bytes pass as text) named {@code invoice.exe} or
     * {@code Rechnung.pdf.bat} was saved by the agent's browser as a program (probe 50).
     */
    private static final Map<String, List<String>> EXTENSIONS = Map.of(
            "application/pdf", List.of("pdf"),
            "image/png", List.of("png"),
            "image/jpeg", List.of("jpg", "jpeg", "jpe"),
            "image/gif", List.of("gif"),
            "text/plain", List.of("txt", "text", "log"),
            "text/csv", List.of("csv"));

    /**
     * The name a file is listed and downloaded under: the sender's name without invisible or direction characters
     * (control and format characters: "scan\u202Egpj.exe" read "scanexe.jpg"), ending in an extension of the type the
     * file was checked to be: {@code invoice.exe} of type {@code text/plain} is {@code invoice.exe.txt}.
     */
    static String downloadName(String name, String contentType) {
        String cleaned = shownName(name);
        if (cleaned.isEmpty()) {
            cleaned = "attachment";
        }
        List<String> endings = EXTENSIONS.getOrDefault(contentType, List.of("bin"));
        int dot = cleaned.lastIndexOf('.');
        String extension = dot < 0 ? "" : cleaned.substring(dot + 1).toLowerCase(Locale.ROOT);
        return endings.contains(extension) ? cleaned : cleaned + "." + endings.get(0);
    }

    /**
     * A file's name as a page may show it: without control, format and direction characters (which make
     * "scan\u202Egpj.exe" read "scanexe.jpg") and double quotes; the timeline's list of a mail's files, refused ones
     * too, shows names so (probe 50).
     */
    static String shownName(String name) {
        return (name == null ? "" : name).codePoints()
                .filter(c -> Character.getType(c) != Character.CONTROL && Character.getType(c) != Character.FORMAT
                        && c != '"')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
    }

    /** A file found in a mail, and whether it passed the checks (else {@code refusal} says why). */
    record Found(String filename, String contentType, byte[] content, String refusal) {
    }

    /** A stored attachment without its bytes. */
    record Stored(long id, long caseId, String filename, String contentType, int sizeBytes) {
    }

    private final JdbcClient jdbc;
    private final int maxBytes;

    Attachments(JdbcClient jdbc, ChannelsProperties properties) {
        this.jdbc = jdbc;
        this.maxBytes = properties.email().maxAttachmentBytes();
    }

    List<Found> find(Part mail) throws MessagingException, IOException {
        List<Found> found = new ArrayList<>();
        collect(mail, found);
        return found;
    }

    /** Stores the kept files of a message once: a mail taken again (its first take failed after commit) adds none twice. */
    void store(long caseId, long interactionId, List<Found> files) {
        if (jdbc.sql("SELECT COUNT(*) FROM email_attachments WHERE interaction_id = ?").param(interactionId)
                .query(Integer.class).single() > 0) {
            return;
        }
        for (Found file : files) {
            if (file.refusal() == null) {
                jdbc.sql("INSERT INTO email_attachments (case_id, interaction_id, filename, content_type, size_bytes, content, "
                                + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                        .params(caseId, interactionId, file.filename(), file.contentType(), file.content().length,
                                file.content(), Timestamp.from(Instant.now()))
                        .update();
            }
        }
    }

    List<Stored> ofCase(long caseId) {
        return jdbc.sql("SELECT id, case_id, filename, content_type, size_bytes FROM email_attachments WHERE case_id = ? ORDER BY id")
                .param(caseId)
                .query((rs, n) -> new Stored(rs.getLong(1), rs.getLong(2), downloadName(rs.getString(3), rs.getString(4)),
                        rs.getString(4), rs.getInt(5)))
                .list();
    }

    Optional<Map.Entry<Stored, byte[]>> load(long caseId, long id) {
        return jdbc.sql("SELECT id, case_id, filename, content_type, size_bytes, content FROM email_attachments "
                        + "WHERE case_id = ? AND id = ?")
                .params(caseId, id)
                .query((rs, n) -> Map.entry(new Stored(rs.getLong(1), rs.getLong(2),
                        downloadName(rs.getString(3), rs.getString(4)), rs.getString(4), rs.getInt(5)), rs.getBytes(6)))
                .optional();
    }

    private void collect(Part part, List<Found> found) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            for (jakarta.mail.BodyPart child : MimeParts.children(part)) {
                collect(child, found);
            }
            return;
        }
        String filename = filename(part);
        if (filename == null) {
            return;
        }
        String type = part.getContentType() == null ? "application/octet-stream"
                : part.getContentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
        byte[] content = MimeParts.content(part, maxBytes + 1);
        String refusal = null;
        if (content.length > maxBytes) {
            refusal = "larger than " + maxBytes / 1024 + " KB";
            content = new byte[0];
        } else if (!ALLOWED.containsKey(type)) {
            refusal = "type " + type + " is not accepted";
        } else if (!startsWith(content, ALLOWED.get(type))) {
            refusal = "content is not " + type;
        }
        found.add(new Found(refusal == null ? downloadName(filename, type) : filename, type,
                refusal == null ? content : new byte[0], refusal));
    }

    private static String filename(Part part) throws MessagingException {
        String name = part.getFileName();
        if (name == null) {
            return null;
        }
        try {
            name = MimeUtility.decodeText(name);
        } catch (UnsupportedEncodingException e) {
            // keep the encoded form: still a usable name
        }
        // No paths, no control characters: the name only labels a download.
        // (lastIndexOf, not a regular expression: ".*[/\\]" backtracks quadratically over a long name without a slash)
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        return name.isEmpty() ? "attachment"
                : name.codePointCount(0, name.length()) <= 200 ? name : name.substring(0, name.offsetByCodePoints(0, 200));
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        return content.length >= magic.length && Arrays.equals(Arrays.copyOf(content, magic.length), magic);
    }
}
