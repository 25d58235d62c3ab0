package io.omnicase.process;

import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camunda keeps the nonce of its latest page on the servlet context, so pages opened at the same moment got each
 * other's nonce and stayed blank (the browser refused their scripts). Every page, however many at once, carries the
 * nonce its own policy header names.
 */
@RunningOmnicase
class CamundaPageNonceIT {

    private static final Pattern HEADER_NONCE = Pattern.compile("'nonce-([^']+)'");
    private static final Pattern PAGE_NONCE = Pattern.compile("nonce=\"([^\"]*)\"");

    @LocalServerPort
    int port;

    @Test
    void pagesOpenedAtOnceEachCarryTheirOwnHeadersNonce() {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString("supervisor:demo".getBytes(StandardCharsets.UTF_8));
        List<CompletableFuture<HttpResponse<String>>> pages = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String app = i % 2 == 0 ? "cockpit" : "tasklist";
            pages.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/camunda/app/" + app + "/default/"))
                    .header("Authorization", auth).header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString()));
        }
        int checked = 0;
        for (CompletableFuture<HttpResponse<String>> future : pages) {
            HttpResponse<String> page = future.join();
            assertThat(page.statusCode()).isEqualTo(200);
            Matcher header = HEADER_NONCE.matcher(page.headers().firstValue("Content-Security-Policy").orElse(""));
            assertThat(header.find()).as("the page's policy names a nonce").isTrue();
            Matcher inPage = PAGE_NONCE.matcher(page.body());
            int scripts = 0;
            while (inPage.find()) {
                assertThat(inPage.group(1)).as("a script's nonce is its page's").isEqualTo(header.group(1));
                scripts++;
            }
            assertThat(scripts).isPositive();
            checked++;
        }
        assertThat(checked).isEqualTo(40);
    }
}
