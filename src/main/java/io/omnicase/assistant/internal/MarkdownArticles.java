package io.omnicase.assistant.internal;

import io.omnicase.assistant.InvalidArticleException;
import org.commonmark.ext.front.matter.YamlFrontMatterBlock;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.ext.front.matter.YamlFrontMatterVisitor;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads, checks and renders article Markdown. Raw HTML is refused (an article is Markdown, and a script in it would
 * reach agents' and customers' screens); rendering escapes HTML and drops unsafe link targets anyway.
 */
public final class MarkdownArticles {

    static final int MAX_BODY = 50_000;
    private static final int SUMMARY_CHARS = 600;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,119}");
    /** The line that closes front matter, as the front-matter extension reads it. */
    private static final Pattern FRONT_MATTER_END = Pattern.compile("(-{3}|\\.{3})(\\s.*)?");

    private static final Parser PARSER = Parser.builder().build();
    private static final Parser FILE_PARSER = Parser.builder().extensions(List.of(YamlFrontMatterExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();

    private MarkdownArticles() {
    }

    /** A Markdown file with front matter ({@code title:}, {@code topic:} between {@code ---} lines). */
    public record Parsed(String title, String topic, String body) {
    }

    public static Parsed parseFile(String content) {
        String text = content.replace("\r\n", "\n");
        if (!text.startsWith("---\n")) {
            throw new InvalidArticleException("frontMatter", "an article file starts with a front matter block (---, title:, topic:, ---)");
        }
        Node document = FILE_PARSER.parse(text);
        if (!(document.getFirstChild() instanceof YamlFrontMatterBlock frontMatter)) {
            throw new InvalidArticleException("frontMatter", "an article file starts with a front matter block (---, title:, topic:, ---)");
        }
        // The extension reads the block up to its closing line, or to the end of a file that never closes it.
        List<SourceSpan> spans = frontMatter.getSourceSpans();
        int closingLine = spans.get(spans.size() - 1).getLineIndex();
        int closingStart = startOfLine(text, closingLine);
        int bodyStart = startOfLine(text, closingLine + 1);
        String closing = text.substring(closingStart, bodyStart).stripTrailing();
        if (closingLine == 0 || !FRONT_MATTER_END.matcher(closing).matches()) {
            throw new InvalidArticleException("frontMatter", "the front matter block is not closed with ---");
        }
        YamlFrontMatterVisitor metadata = new YamlFrontMatterVisitor();
        document.accept(metadata);
        Map<String, String> fields = new LinkedHashMap<>();
        metadata.getData().forEach((key, values) ->
                fields.put(key.toLowerCase(Locale.ROOT), values.isEmpty() ? null : values.get(0).strip()));
        return validate(fields.get("title"), fields.get("topic"), text.substring(bodyStart));
    }

    /** Where a line starts, counting line breaks as the Markdown parser does; the text's end if there are fewer lines. */
    private static int startOfLine(String text, int line) {
        int index = 0;
        for (int seen = 0; seen < line && index < text.length(); index++) {
            char c = text.charAt(index);
            if (c == '\n' || (c == '\r' && (index + 1 == text.length() || text.charAt(index + 1) != '\n'))) {
                seen++;
            }
        }
        return index;
    }

    /** Checks an article's parts; the answer names the offending field. */
    public static Parsed validate(String title, String topic, String body) {
        if (title == null || title.isBlank() || title.length() > 300) {
            throw new InvalidArticleException("title", "must be 1 to 300 characters");
        }
        if (topic == null || !topic.strip().matches("[A-Za-z0-9_-]{1,80}")) {
            throw new InvalidArticleException("topic", "must be 1 to 80 letters, digits, _ or -");
        }
        if (body == null || body.isBlank()) {
            throw new InvalidArticleException("body", "must not be empty");
        }
        if (body.length() > MAX_BODY) {
            throw new InvalidArticleException("body", "must be at most " + MAX_BODY + " characters");
        }
        String html = firstRawHtml(PARSER.parse(body));
        if (html != null) {
            String first = html.strip().lines().findFirst().orElse("");
            throw new InvalidArticleException("body", "raw HTML is not allowed in an article (found "
                    + first.substring(0, Math.min(40, first.length())) + "); use Markdown");
        }
        return new Parsed(title.strip(), topic.strip(), body.strip());
    }

    public static String requireSlug(String slug) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new InvalidArticleException("slug", "must be 1 to 120 lower-case letters, digits or -, starting with a letter or digit");
        }
        return slug;
    }

    /** Safe HTML: any HTML in the source is escaped, links to javascript: and the like are dropped. */
    public static String html(String body) {
        return HTML.render(PARSER.parse(body));
    }

    /** The first paragraphs as plain text, up to about 600 characters: what the assistant says from an article. */
    public static String summary(String body) {
        StringBuilder summary = new StringBuilder();
        Node node = PARSER.parse(body).getFirstChild();
        while (node != null && summary.length() < SUMMARY_CHARS) {
            if (!(node instanceof org.commonmark.node.Heading)) {
                String text = TEXT.render(node).strip();
                if (!text.isEmpty()) {
                    summary.append(summary.isEmpty() ? "" : "\n").append(text);
                }
            }
            node = node.getNext();
        }
        if (summary.length() > SUMMARY_CHARS) {
            int cut = summary.lastIndexOf(" ", SUMMARY_CHARS);
            summary.setLength(cut > 0 ? cut : SUMMARY_CHARS);
            summary.append(" …");
        }
        return summary.toString();
    }

    /** Plain text of the whole body, for the index. */
    public static String plainText(String body) {
        return TEXT.render(PARSER.parse(body));
    }

    private static String firstRawHtml(Node document) {
        String[] found = new String[1];
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlBlock htmlBlock) {
                if (found[0] == null) {
                    found[0] = htmlBlock.getLiteral();
                }
            }

            @Override
            public void visit(HtmlInline htmlInline) {
                if (found[0] == null) {
                    found[0] = htmlInline.getLiteral();
                }
            }
        });
        return found[0];
    }
}
