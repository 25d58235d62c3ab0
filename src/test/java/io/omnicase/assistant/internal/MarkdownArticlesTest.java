package io.omnicase.assistant.internal;

import io.omnicase.assistant.InvalidArticleException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Article files and bodies: front matter, refusal of raw HTML, safe rendering, summaries. */
class MarkdownArticlesTest {

    @Test
    void readsTitleTopicAndBodyFromAFileWithFrontMatter() {
        var parsed = MarkdownArticles.parseFile("---\ntitle: Reset your password\ntopic: ACCOUNT\n---\nChoose **Forgot password**.\n");

        assertThat(parsed.title()).isEqualTo("Reset your password");
        assertThat(parsed.topic()).isEqualTo("ACCOUNT");
        assertThat(parsed.body()).isEqualTo("Choose **Forgot password**.");
    }

    @Test
    void frontMatterKeysAreReadWhateverTheirCaseAndWindowsLineEndingsAndAColonInATitleAreKept() {
        var parsed = MarkdownArticles.parseFile(
                "---\r\nTitle: Refunds: how long they take  \r\nTOPIC:  BILLING\r\nauthor: someone\r\n---\r\nFive **days**.\r\n\r\nOr less.\r\n");

        assertThat(parsed.title()).isEqualTo("Refunds: how long they take");
        assertThat(parsed.topic()).isEqualTo("BILLING");
        assertThat(parsed.body()).isEqualTo("Five **days**.\n\nOr less.");
    }

    @Test
    void aQuotedTitleIsReadAsYamlReadsIt() {
        assertThat(MarkdownArticles.parseFile("---\ntitle: \"Invoices: where to find them\"\ntopic: BILLING\n---\nUnder Billing.\n")
                .title()).isEqualTo("Invoices: where to find them");
    }

    @Test
    void everyShippedArticleHasATitleATopicAndABodyWithoutTheFrontMatter() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of("knowledge"))) {
            files = listing.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            var parsed = MarkdownArticles.parseFile(Files.readString(file, StandardCharsets.UTF_8));

            assertThat(parsed.title()).as(file.toString()).isNotBlank().doesNotContain("title:");
            assertThat(parsed.topic()).as(file.toString()).matches("[A-Z]+");
            assertThat(parsed.body()).as(file.toString()).isNotBlank().doesNotContain("topic:").doesNotStartWith("---");
        }
    }

    @Test
    void aFileWithUnclosedOrMissingFrontMatterIsRefusedNamingTheProblem() {
        assertThatThrownBy(() -> MarkdownArticles.parseFile("---\ntitle: x\ntopic: A\nbody"))
                .isInstanceOf(InvalidArticleException.class).hasMessageContaining("not closed");
        assertThatThrownBy(() -> MarkdownArticles.parseFile("# Just a heading"))
                .isInstanceOf(InvalidArticleException.class).hasMessageContaining("front matter");
        assertThatThrownBy(() -> MarkdownArticles.parseFile("---\ntopic: A\n---\nbody"))
                .isInstanceOf(InvalidArticleException.class).extracting(e -> ((InvalidArticleException) e).field()).isEqualTo("title");
        assertThatThrownBy(() -> MarkdownArticles.parseFile("---\ntitle: x\ntopic: A\n---"))
                .isInstanceOf(InvalidArticleException.class).extracting(e -> ((InvalidArticleException) e).field()).isEqualTo("body");
    }

    @Test
    void rawHtmlInAnArticleIsRefused() {
        assertThatThrownBy(() -> MarkdownArticles.validate("t", "A", "text <img src=x onerror=alert(1)> more"))
                .isInstanceOf(InvalidArticleException.class).hasMessageContaining("raw HTML");
        assertThatThrownBy(() -> MarkdownArticles.validate("t", "A", "<script>\nalert(1)\n</script>"))
                .isInstanceOf(InvalidArticleException.class).extracting(e -> ((InvalidArticleException) e).field()).isEqualTo("body");
    }

    @Test
    void renderingEscapesHtmlAndDropsScriptLinks() {
        String html = MarkdownArticles.html("[click](javascript:alert(1)) **bold** & <b>");

        assertThat(html).doesNotContain("javascript:").contains("<strong>bold</strong>").contains("&lt;b&gt;");
    }

    @Test
    void theSummaryIsPlainTextOfTheFirstParagraphsWithoutHeadings() {
        String summary = MarkdownArticles.summary("# Title\n\nOpen **Settings**.\n\nThen choose *Rename*.\n");

        assertThat(summary).isEqualTo("Open Settings.\nThen choose Rename.");
    }
}
