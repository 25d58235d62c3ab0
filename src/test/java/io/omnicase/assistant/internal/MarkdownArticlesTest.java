package io.omnicase.assistant.internal;

import io.omnicase.assistant.InvalidArticleException;
import org.junit.jupiter.api.Test;

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
    void aFileWithUnclosedOrMissingFrontMatterIsRefusedNamingTheProblem() {
        assertThatThrownBy(() -> MarkdownArticles.parseFile("---\ntitle: x\ntopic: A\nbody"))
                .isInstanceOf(InvalidArticleException.class).hasMessageContaining("not closed");
        assertThatThrownBy(() -> MarkdownArticles.parseFile("# Just a heading"))
                .isInstanceOf(InvalidArticleException.class).hasMessageContaining("front matter");
        assertThatThrownBy(() -> MarkdownArticles.parseFile("---\ntopic: A\n---\nbody"))
                .isInstanceOf(InvalidArticleException.class).extracting("field").isEqualTo("title");
    }

    @Test
    void rawHtmlInAnArticleIsRefused() {
        assertThatThrownBy(() -> MarkdownArticles.validate("t", "A", "text <img src=x onerror=alert(1)> more"))
                .isInstanceOf(InvalidArticleException.class).hasMessageContaining("raw HTML");
        assertThatThrownBy(() -> MarkdownArticles.validate("t", "A", "<script>\nalert(1)\n</script>"))
                .isInstanceOf(InvalidArticleException.class).extracting("field").isEqualTo("body");
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
