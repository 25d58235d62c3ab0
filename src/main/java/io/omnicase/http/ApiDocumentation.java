package io.omnicase.http;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

    @Bean
    OpenAPI omnicaseApi() {
        return new OpenAPI()
                .info(new Info().title("Omnicase API").version("0.1")
                        .description("Cases, messages, the desk, routing rules, process designs, supervision and the "
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

    /** "quality-rules-controller" → "Quality rules". */
    static String words(String tag) {
        String bare = tag.endsWith("-controller") ? tag.substring(0, tag.length() - "-controller".length()) : tag;
        String spaced = bare.replace('-', ' ').trim();
        return spaced.isEmpty() ? tag : spaced.substring(0, 1).toUpperCase(Locale.ROOT) + spaced.substring(1);
    }
}
