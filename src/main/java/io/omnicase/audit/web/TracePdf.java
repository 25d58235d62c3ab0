package io.omnicase.audit.web;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import io.omnicase.audit.ChainVerification;

import java.io.ByteArrayOutputStream;

/**
 * A case's audit trace as a PDF for auditors (OpenPDF): the case, the chain proof (verification, head checkpoint, how
 * to recompute the hashes) and every entry in chain order with its sequence number, time, kind, actor, content, content
 * digest, previous hash and hash, so a reader can re-check the chain from the paper. Hashes are printed whole on a line
 * of their own. Text is written with the PDF standard fonts (Latin-1): a character outside it prints as '?'; the JSON
 * export carries the exact content.
 */
final class TracePdf {

    /** The content of one entry is cut here on paper; the JSON export has it all. */
    private static final int MAX_CONTENT = 3_000;

    private static final Font TITLE = new Font(Font.HELVETICA, 16, Font.BOLD);
    private static final Font HEADING = new Font(Font.HELVETICA, 12, Font.BOLD);
    private static final Font TEXT = new Font(Font.HELVETICA, 9);
    private static final Font BOLD = new Font(Font.HELVETICA, 9, Font.BOLD);
    private static final Font MONO = new Font(Font.COURIER, 7.5f);

    private TracePdf() {
    }

    /** Every time on paper names its offset from UTC, so the PDF reads the same wherever it is opened. */
    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'xxx");

    static byte[] render(AuditController.Export export, java.time.ZoneId zone) {
        java.util.function.Function<java.time.Instant, String> time = at -> at == null ? "-" : TIME.format(at.atZone(zone));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 36, 36, 36, 36);
        PdfWriter.getInstance(document, out);
        AuditController.Trace trace = export.trace();
        AuditController.CaseSummary summary = trace.caseSummary();
        document.addTitle("Audit trace of case #" + summary.id());
        document.addCreator("Omnicase");
        document.open();
        document.add(new Paragraph("Audit trace of case #" + summary.id(), TITLE));
        document.add(line("Subject: ", latin1(summary.subject())));
        document.add(line("Customer: ", "#" + trace.customerId() + " " + latin1(trace.customerName())));
        document.add(line("Status: ", summary.status() + ", channel " + summary.channel() + ", queue " + summary.queue()
                + ", opened " + time.apply(summary.openedAt())
                + (summary.closedAt() == null ? "" : ", closed " + time.apply(summary.closedAt()))));
        document.add(line("Exported: ", time.apply(export.exportedAt()) + " by " + export.exportedBy()));
        // The audit page shows times in the reader's zone and says which; the paper says its own.
        document.add(line("Times: ", "in " + zone.getId() + ", each with its offset from UTC"));

        document.add(heading("Chain proof"));
        ChainVerification verification = export.proof().verification();
        document.add(line("Verification: ", verification.valid()
                ? "the whole chain verifies (" + verification.entries() + " entries up to entry " + verification.headSeq() + ")"
                : "BROKEN at entry " + verification.firstBroken().seq() + ": " + verification.firstBroken().problem()));
        document.add(line("Head: ", "entry " + verification.headSeq()));
        document.add(mono("head hash " + verification.headHash()));
        if (export.proof().checkpoint() != null) {
            var checkpoint = export.proof().checkpoint();
            document.add(line("Checkpoint (written outside the database): ", "chain " + checkpoint.chainId()
                    + ", entry " + checkpoint.seq() + ", at " + time.apply(checkpoint.at())));
            document.add(mono("checkpoint hash " + checkpoint.hash()));
        }
        document.add(line("How to re-check: ", export.proof().algorithm()));

        document.add(heading("Entries in chain order (" + trace.entries().size() + ")"));
        for (AuditController.Entry e : trace.entries()) {
            Paragraph head = new Paragraph();
            head.setSpacingBefore(6);
            head.add(new Chunk("#" + (e.seq() == null ? "(not yet sealed)" : e.seq()) + "  " + e.kind(), BOLD));
            head.add(new Chunk("  " + time.apply(e.occurredAt()) + "  by " + latin1(e.actor()), TEXT));
            document.add(head);
            document.add(new Paragraph(e.pseudonymised() ? "content dropped by erasure (its digest stays)"
                    : "content " + latin1(cut(e.content())), TEXT));
            document.add(mono("digest " + e.contentDigest()));
            document.add(mono("prev   " + (e.prevHash() == null ? "-" : e.prevHash())));
            document.add(mono("hash   " + (e.hash() == null ? "-" : e.hash())));
        }

        if (!trace.ruleSets().isEmpty()) {
            document.add(heading("Rule-set versions that decided"));
            for (AuditController.RuleSetText rules : trace.ruleSets().values()) {
                document.add(line(rules.label() + ": ", "checksum " + rules.checksum() + ", by " + latin1(rules.author())
                        + " at " + time.apply(rules.createdAt()) + (rules.reason() == null ? "" : ", " + latin1(rules.reason()))));
                document.add(new Paragraph(latin1(rules.drl()), MONO));
            }
        }
        document.close();
        return out.toByteArray();
    }

    private static Paragraph heading(String text) {
        Paragraph p = new Paragraph(text, HEADING);
        p.setSpacingBefore(12);
        p.setSpacingAfter(4);
        return p;
    }

    private static Paragraph line(String label, String text) {
        Paragraph p = new Paragraph();
        p.add(new Chunk(label, BOLD));
        p.add(new Chunk(text, TEXT));
        return p;
    }

    private static Paragraph mono(String text) {
        return new Paragraph(text, MONO);
    }

    private static String cut(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_CONTENT ? text : text.substring(0, MAX_CONTENT) + " ... (cut; the JSON export has it all)";
    }

    /** What the standard fonts can print: Latin-1 without control characters (a tab or line break is a space). */
    private static String latin1(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.append(c == '\n' || c == '\r' || c == '\t' ? ' '
                : Character.isISOControl(c) ? '?' : c <= 0xFF ? (char) c : '?'));
        return out.toString();
    }
}
