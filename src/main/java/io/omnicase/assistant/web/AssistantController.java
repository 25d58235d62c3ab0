package io.omnicase.assistant.web;

import io.swagger.v3.oas.annotations.Operation;
import io.omnicase.assistant.Article;
import io.omnicase.assistant.Assistant;
import io.omnicase.assistant.AssistantAnswer;
import io.omnicase.assistant.Example;
import io.omnicase.assistant.KnowledgeArticles;
import io.omnicase.assistant.TaughtExample;
import io.omnicase.assistant.TaughtExamples;
import io.omnicase.http.ConflictException;
import io.omnicase.http.ForbiddenException;
import io.omnicase.http.InvalidFieldException;
import io.omnicase.routing.Queue;
import io.omnicase.routing.RuleSetVersion;
import io.omnicase.routing.RuleSets;
import io.omnicase.routing.Topic;
import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseScope;
import io.omnicase.search.KnowledgeScope;
import io.omnicase.http.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The assistant for tools and evaluation: ask without opening a case, teach, list, review and remove examples, read
 * and edit articles.
 */
@RestController
class AssistantController {

    private static final Set<String> STAFF = Set.of("ROLE_AGENT", "ROLE_SUPERVISOR", "ROLE_ADMIN");
    private static final Set<String> CURATORS = Set.of("ROLE_SUPERVISOR", "ROLE_ADMIN");

    /** Most examples one page lists. */
    static final int MAX_PAGE = 100;

    private final Assistant assistant;
    private final KnowledgeArticles articles;
    private final CaseAccess access;
    private final TaughtExamples taught;
    private final RuleSets ruleSets;

    AssistantController(Assistant assistant, KnowledgeArticles articles, CaseAccess access, TaughtExamples taught,
                        RuleSets ruleSets) {
        this.taught = taught;
        this.ruleSets = ruleSets;
        this.assistant = assistant;
        this.articles = articles;
        this.access = access;
    }

    /**
     * Answers from articles, examples from no case, and examples of the cases the asker may read. A channel gateway
     * asks for a customer, so it gets what a customer may read (no example an agent taught unreviewed).
     */
    @Operation(summary = "Ask the assistant a question; it answers from what it has learned, or declines")
    @PostMapping(path = "/api/assistant/ask", consumes = MediaType.APPLICATION_JSON_VALUE)
    AssistantAnswer ask(@Valid @RequestBody AskRequest request, Authentication user) {
        CaseScope scope = access.readableScope(user.getName());
        KnowledgeScope knowledge = scope.all() ? KnowledgeScope.everything() : KnowledgeScope.cases(scope.caseIds());
        return assistant.ask(request.question(), has(user, STAFF) ? knowledge : knowledge.forCustomers());
    }

    /**
     * Teaches an example. A supervisor's or admin's is shared with everyone, customers' self-service included; an
     * agent's answers colleagues (ask, desk suggestions) but never a customer: what the assistant sends customers
     * unreviewed must not be one agent's word.
     */
    @Operation(summary = "Teach the assistant a question and its answer")
    @PostMapping(path = "/api/assistant/examples", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ExampleResponse addExample(@Valid @RequestBody ExampleRequest request, Authentication user) {
        boolean curator = has(user, CURATORS);
        if (!curator) {
            mayTeach(user.getName(), request.topic());
        }
        String origin = curator ? "api" : KnowledgeScope.UNREVIEWED;
        long id = assistant.learn(new Example(request.question().strip(), request.answer().strip(), request.topic()),
                origin, null, user.getName());
        return new ExampleResponse(id);
    }

    /**
     * An agent teaches a topic of the routing (BILLING, TECHNICAL, ACCOUNT, OTHER, in any case) only when they work its
     * queue, the queue the active rule table sends a message of that topic to: an agent of billing and general taught
     * the technical desk's answers before (probe 46, L2). Any other topic names a piece of knowledge finer than the
     * routing (an intent such as "card_arrival") and belongs to no queue: any agent may teach it. What keeps such an
     * example from misleading colleagues is that it is shown as theirs and unreviewed, never reads "high", stays out
     * of customers' answers and statistics, and can be reviewed or removed.
     */
    private void mayTeach(String username, String topicName) {
        Optional<Topic> routing = java.util.Arrays.stream(Topic.values())
                .filter(topic -> topic.name().equalsIgnoreCase(topicName == null ? "" : topicName.strip())).findFirst();
        if (routing.isEmpty()) {
            return;
        }
        Topic topic = routing.get();
        Queue queue = ruleSets.active().map(RuleSetVersion::rules).map(table -> table.queueOf(topic)).orElse(Queue.GENERAL);
        if (!access.worksQueue(username, queue.group())) {
            throw new ForbiddenException("Questions of topic " + topic + " go to the " + queue.group()
                    + " queue, which you do not work: you teach only the routing topics of your queues ("
                    + String.join(", ", new java.util.TreeSet<>(access.queues(username))) + ") and topics of your own");
        }
    }

    /**
     * Lists examples, newest first. Supervisors and admins see everyone's (filter by teacher, topic, status); an agent
     * sees the examples they taught.
     */
    @Operation(summary = "List the examples the assistant was taught (supervisors: everyone's; agents: their own)")
    @GetMapping("/api/assistant/examples")
    ExamplePage examples(@RequestParam(required = false) String author, @RequestParam(required = false) String topic,
                         @RequestParam(defaultValue = "TAUGHT") String status, @RequestParam(defaultValue = "0") int page,
                         @RequestParam(defaultValue = "20") int size, Authentication user) {
        TaughtExamples.Status wanted;
        try {
            wanted = TaughtExamples.Status.valueOf(status.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("status", "must be one of unreviewed, reviewed, taught, all");
        }
        if (page < 0) {
            throw new InvalidFieldException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE) {
            throw new InvalidFieldException("size", "must be between 1 and " + MAX_PAGE);
        }
        String teacher = blankToNull(author);
        if (!has(user, CURATORS)) {
            if (teacher != null && !teacher.equals(user.getName())) {
                throw new ForbiddenException("You list only the examples you taught");
            }
            teacher = user.getName();
            if (wanted == TaughtExamples.Status.ALL) {
                wanted = TaughtExamples.Status.TAUGHT;
            }
        }
        TaughtExamples.Page found = taught.list(teacher, blankToNull(topic), wanted, page, size);
        return new ExamplePage(found.items(), found.total(), found.page(), found.size());
    }

    /**
     * Removes an example from the database and the knowledge index: it answers nobody again. Supervisors and admins
     * remove any; an agent only one they taught.
     */
    @Operation(summary = "Remove an example: it never answers again (supervisors: any; agents: their own)")
    @DeleteMapping("/api/assistant/examples/{exampleId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeExample(@PathVariable long exampleId, Authentication user) {
        TaughtExample example = taught.find(exampleId)
                .orElseThrow(() -> new NotFoundException("Example " + exampleId + " does not exist"));
        if (!has(user, CURATORS) && !(user.getName().equals(example.taughtBy()) && isTaught(example))) {
            throw new ForbiddenException("You remove only examples you taught; example " + exampleId
                    + " is not one of them");
        }
        taught.remove(exampleId, user.getName());
    }

    /** A supervisor vouches for an agent's example: it is shared from now on, customers' self-service included. */
    @Operation(summary = "Mark an agent's example reviewed (supervisors and admins)")
    @PostMapping("/api/assistant/examples/{exampleId}/review")
    TaughtExample reviewExample(@PathVariable long exampleId, Authentication user) {
        try {
            return taught.review(exampleId, user.getName())
                    .orElseThrow(() -> new NotFoundException("Example " + exampleId + " does not exist"));
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage());
        }
    }

    private static boolean isTaught(TaughtExample example) {
        return KnowledgeScope.UNREVIEWED.equals(example.origin()) || KnowledgeScope.REVIEWED.equals(example.origin());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static boolean has(Authentication user, Set<String> roles) {
        return user.getAuthorities().stream().anyMatch(a -> roles.contains(a.getAuthority()));
    }

    @Operation(summary = "List the knowledge articles")
    @GetMapping("/api/assistant/articles")
    List<ArticleSummary> articles() {
        return articles.all().stream()
                .map(a -> new ArticleSummary(a.slug(), a.title(), a.topic(), a.origin(), a.updatedAt())).toList();
    }

    @Operation(summary = "Read one knowledge article")
    @GetMapping("/api/assistant/articles/{slug}")
    ArticleResponse article(@PathVariable String slug) {
        return articles.find(slug).map(this::response)
                .orElseThrow(() -> new NotFoundException("Article " + slug + " does not exist"));
    }

    /** Creates or replaces an article; the answer carries its safe HTML rendering. */
    @Operation(summary = "Write or change a knowledge article")
    @PutMapping(path = "/api/assistant/articles/{slug}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ArticleResponse saveArticle(@PathVariable String slug, @Valid @RequestBody ArticleRequest request, Principal user) {
        return response(articles.save(slug, request.title(), request.topic(), request.body(), KnowledgeArticles.API,
                user.getName()));
    }

    private ArticleResponse response(Article article) {
        return new ArticleResponse(article.slug(), article.title(), article.topic(), article.body(),
                articles.html(article), article.origin(), article.updatedBy(), article.updatedAt());
    }

    record AskRequest(@NotBlank @Size(max = Assistant.MAX_QUESTION) String question) {
    }

    record ExampleRequest(@NotBlank @io.omnicase.http.VisibleText @Size(max = Assistant.MAX_QUESTION) String question,
                          @NotBlank @io.omnicase.http.VisibleText @Size(max = 4000) String answer,
                          @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,80}", message = "must be 1 to 80 letters, digits, _ or -") String topic) {
    }

    record ExampleResponse(long id) {
    }

    record ExamplePage(List<TaughtExample> items, long total, int page, int size) {
    }

    record ArticleRequest(String title, String topic, String body) {
    }

    record ArticleSummary(String slug, String title, String topic, String origin, Instant updatedAt) {
    }

    record ArticleResponse(String slug, String title, String topic, String body, String html, String origin,
                           String updatedBy, Instant updatedAt) {
    }
}
