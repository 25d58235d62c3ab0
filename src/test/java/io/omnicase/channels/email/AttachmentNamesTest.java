package io.omnicase.channels.email;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer names their files as they like, but the file an agent downloads is of the type it was checked to be: a
 * plain-text part named {@code invoice.exe} or {@code Rechnung.pdf.bat} (any bytes pass as text) was saved by the
 * browser as a program (probe 50).
 */
class AttachmentNamesTest {

    @Test
    void aNameWhoseExtensionIsNotOfItsCheckedTypeGetsTheTypesExtension() {
        assertThat(Attachments.downloadName("invoice.exe", "text/plain")).isEqualTo("invoice.exe.txt");
        assertThat(Attachments.downloadName("Rechnung.pdf.bat", "text/plain")).isEqualTo("Rechnung.pdf.bat.txt");
        assertThat(Attachments.downloadName("statement.html", "text/plain")).isEqualTo("statement.html.txt");
        assertThat(Attachments.downloadName("report.svg", "image/png")).isEqualTo("report.svg.png");
        assertThat(Attachments.downloadName("data.csv.js", "text/csv")).isEqualTo("data.csv.js.csv");
        assertThat(Attachments.downloadName("invoice", "application/pdf")).isEqualTo("invoice.pdf");
        assertThat(Attachments.downloadName("invoice.exe.", "text/plain")).isEqualTo("invoice.exe..txt");
    }

    @Test
    void aNameOfItsOwnTypeStaysAsItIs() {
        assertThat(Attachments.downloadName("invoice.pdf", "application/pdf")).isEqualTo("invoice.pdf");
        assertThat(Attachments.downloadName("Scan 2.JPG", "image/jpeg")).isEqualTo("Scan 2.JPG");
        assertThat(Attachments.downloadName("photo.jpeg", "image/jpeg")).isEqualTo("photo.jpeg");
        assertThat(Attachments.downloadName("notes.txt", "text/plain")).isEqualTo("notes.txt");
        assertThat(Attachments.downloadName("export.csv", "text/csv")).isEqualTo("export.csv");
        assertThat(Attachments.downloadName("Überweisung März.pdf", "application/pdf")).isEqualTo("Überweisung März.pdf");
    }

    @Test
    void invisibleAndDirectionCharactersAreDroppedSoTheNameReadsAsItIs() {
        // "scan\u202Egpj.exe" shows as "scanexe.jpg"; "\u200B" hides in a name.
        assertThat(Attachments.downloadName("scan\u202Egpj.exe", "application/pdf")).isEqualTo("scangpj.exe.pdf");
        assertThat(Attachments.downloadName("in\u200Bvoice.pdf", "application/pdf")).isEqualTo("invoice.pdf");
        assertThat(Attachments.downloadName("\u202E", "text/plain")).isEqualTo("attachment.txt");
    }

    @Test
    void aNameIsShownWithoutItsDirectionCharactersWhetherKeptOrRefused() {
        assertThat(Attachments.shownName("photo\u202Egpj.exe")).isEqualTo("photogpj.exe");
        assertThat(Attachments.shownName("\u200b\"report\".pdf ")).isEqualTo("report.pdf");
        assertThat(Attachments.shownName(null)).isEmpty();
    }
}
