package io.omnicase.http;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.properties.SwaggerUiConfigParameters;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.core.properties.SwaggerUiOAuthProperties;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.core.providers.SpringWebProvider;
import org.springdoc.webmvc.ui.SwaggerIndexPageTransformer;
import org.springdoc.webmvc.ui.SwaggerIndexTransformer;
import org.springdoc.webmvc.ui.SwaggerWelcomeCommon;
import org.springdoc.webmvc.ui.SwaggerWelcomeWebMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.resource.ResourceTransformerChain;
import org.springframework.web.servlet.resource.TransformedResource;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The API page ("API" in every user's top bar) as a reader meets it: Omnicase's name and what the API is for, this
 * server rather than "Generated server url", and groups named in words ("Quality", not "quality-controller").
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static {
        // A controller that hands out the page's CSRF token takes it as an argument: no parameter of the request
        // (springdoc listed a "csrf" query parameter that a generated client would send; probe 50).
        org.springdoc.core.utils.SpringDocUtils.getConfig()
                .addRequestWrapperToIgnore(org.springframework.security.web.csrf.CsrfToken.class);
    }

    @Bean
    OpenAPI omnicaseApi() {
        return new OpenAPI()
                .info(new Info().title("Omnicase API").version("0.1")
                        .description("[← Back to Omnicase](/)\n\n"
                                + "Cases, messages, the desk, routing rules, process designs, supervision and the "
                                + "audit trail. Every call runs as the signed-in user (this page's session, or HTTP Basic) "
                                + "and sees only the queues and actions that user's roles allow. Errors are answered as "
                                + "RFC 9457 problem details (application/problem+json)."))
                .servers(List.of(new Server().url("/").description("this Omnicase server")));
    }

    @Bean
    OpenApiCustomizer readableGroups() {
        return api -> {
            TreeSet<String> names = new TreeSet<>();
            if (api.getPaths() != null) {
                api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                    rename(operation);
                    if (operation.getTags() != null) {
                        names.addAll(operation.getTags());
                    }
                }));
            }
            api.setTags(names.stream().map(name -> new Tag().name(name)).toList());
        };
    }

    private static void rename(Operation operation) {
        if (operation.getTags() != null) {
            operation.setTags(operation.getTags().stream().map(ApiDocumentation::words).filter(Objects::nonNull)
                    .distinct().toList());
        }
    }

    /** "quality-rules-controller" → "Quality rules"; "twilio-sms-webhook-controller" → "Twilio SMS webhook". */
    static String words(String tag) {
        String bare = tag.endsWith("-controller") ? tag.substring(0, tag.length() - "-controller".length()) : tag;
        String spaced = (" " + bare.replace('-', ' ') + " ").replace(" sms ", " SMS ").replace(" drl ", " DRL ")
                .replace(" api ", " API ").trim();
        return spaced.isEmpty() ? tag : spaced.substring(0, 1).toUpperCase(Locale.ROOT) + spaced.substring(1);
    }

    /**
     * The API page's settings ({@code /v3/api-docs/swagger-config}) name no OAuth redirect built from the request:
     * springdoc wrote {@code oauth2RedirectUrl} from the request's Host header, so a forged Host came back in the
     * answer (probe 46, I2). Omnicase's API signs in by session or HTTP Basic, not OAuth: the field is left out, unless
     * an operator configures an absolute {@code springdoc.swagger-ui.oauth2-redirect-url}, which is then given as is.
     */
    @Bean
    SwaggerWelcomeWebMvc swaggerWelcome(SwaggerUiConfigProperties config, SpringDocConfigProperties springDoc,
                                        SpringWebProvider web) {
        return new SwaggerWelcomeWebMvc(config, springDoc, web) {
            @Override
            protected void calculateOauth2RedirectUrl(SwaggerUiConfigParameters parameters, UriComponentsBuilder fromRequest) {
                String configured = config.getOauth2RedirectUrl();
                if (configured == null || configured.isBlank() || !parameters.isValidUrl(configured)) {
                    parameters.setOauth2RedirectUrl(null);
                }
            }
        };
    }

    /**
     * The API page's browser tab says "Omnicase API", not "Swagger UI", and a phone draws it at its own width (Swagger
     * UI's page has no viewport setting, so a phone drew it at desktop scale).
     */
    @Bean
    SwaggerIndexTransformer omnicaseApiPage(SwaggerUiConfigProperties config, SwaggerUiOAuthProperties oauth,
                                            SwaggerWelcomeCommon welcome, ObjectMapperProvider json) {
        return new SwaggerIndexPageTransformer(config, oauth, welcome, json) {
            @Override
            public Resource transform(HttpServletRequest request, Resource resource, ResourceTransformerChain chain)
                    throws IOException {
                if ("index.html".equals(resource.getFilename())) {
                    String page = new String(resource.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                            .replace("<title>Swagger UI</title>", "<title>Omnicase API</title>\n"
                                    + "    <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
                    return new TransformedResource(resource, page.getBytes(StandardCharsets.UTF_8));
                }
                return super.transform(request, resource, chain);
            }
        };
    }
}
