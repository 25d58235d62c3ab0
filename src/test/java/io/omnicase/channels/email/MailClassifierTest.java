package io.omnicase.channels.email;

import io.omnicase.channels.SharedData;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every mail of the labelled corpus (real bounces of many MTAs, auto-replies, people's mails) is classified right. */
class MailClassifierTest {

    @Test
    void everyMailOfTheCorpusIsClassifiedAsLabelled() throws Exception {
        Path corpus = SharedData.folder("email-corpus");
        List<String> lines = Files.readAllLines(corpus.resolve("labels.csv"));
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            MailKind expected = MailKind.valueOf(cells[1].strip().toUpperCase());
            MailKind actual;
            try (InputStream in = Files.newInputStream(corpus.resolve(cells[0]))) {
                actual = MailClassifier.classify(Mails.parse(in));
            }
            if (actual != expected) {
                wrong.add(cells[0] + ": expected " + expected + ", got " + actual);
            }
            checked++;
        }
        assertThat(checked).isEqualTo(99);
        assertThat(wrong).isEmpty();
    }
}
