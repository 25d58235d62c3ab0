package io.omnicase.assistant.web;

import io.swagger.v3.oas.annotations.Operation;
import io.omnicase.assistant.Article;
import io.omnicase.assistant.Assistant;
import io.omnicase.assistant.AssistantAnswer;
import io.omnicase.assistant.Example;
import io.omnicase.assistant.KnowledgeArticles;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The assistant for tools and evaluation: ask without opening a case, add resolved examples, read and edit articles. */
@RestController
class AssistantController {

    private static final Set<String> STAFF = Set.of("ROLE_AGENT", "ROLE_SUPERVISOR", "ROLE_ADMIN");
    private static final Set<String> CURATORS = Set.of("ROLE_SUPERVISOR", "ROLE_ADMIN");

    private final Assistant assistant;
    private final KnowledgeArticles articles;
    private final CaseAccess access;

    AssistantController(Assistant assistant, KnowledgeArticles articles, CaseAccess access) {
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
        String origin = has(user, CURATORS) ? "api" : KnowledgeScope.UNREVIEWED;
        long id = assistant.learn(new Example(request.question().strip(), request.answer().strip(), request.topic()),
                origin, null, user.getName());
        return new ExampleResponse(id);
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

    record ExampleRequest(@NotBlank @Size(max = Assistant.MAX_QUESTION) String question,
                          @NotBlank @Size(max = 4000) String answer,
                          @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,80}", message = "must be 1 to 80 letters, digits, _ or -") String topic) {
    }

    record ExampleResponse(long id) {
    }

    record ArticleRequest(String title, String topic, String body) {
    }

    record ArticleSummary(String slug, String title, String topic, String origin, Instant updatedAt) {
    }

    record ArticleResponse(String slug, String title, String topic, String body, String html, String origin,
                           String updatedBy, Instant updatedAt) {
    }
}
