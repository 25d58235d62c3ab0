package io.omnicase.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a text (an address, a phrase) is still kept: every column of the database, every index of Elasticsearch. */
public final class PersonalDataTraces {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PersonalDataTraces() {
    }

    /** Every text or binary column of every table of the database (Omnicase's and Camunda's) that holds the text. */
    public static List<String> mariaDbColumnsHolding(JdbcClient jdbc, String text) {
        List<Map<String, Object>> columns = jdbc.sql("SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE IN ('char', 'varchar', 'tinytext', 'text', 'mediumtext', "
                + "'longtext', 'blob', 'mediumblob', 'longblob', 'varbinary', 'binary', 'json')").query().listOfRows();
        List<String> holding = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("TABLE_NAME");
            String name = (String) column.get("COLUMN_NAME");
            int rows = jdbc.sql("SELECT COUNT(*) FROM `" + table + "` WHERE `" + name + "` LIKE ?")
                    .param("%" + text + "%").query(Integer.class).single();
            if (rows > 0) {
                holding.add(table + "." + name);
            }
        }
        return holding;
    }

    /** How many documents of an index (or of all, {@code _all}) hold the text in any field. */
    /**
     * The documents of these cases in any index whose stored source holds the text: also fields kept but not indexed
     * (an outcome's quotes), which {@link #elasticsearchHits} cannot find.
     */
    public static java.util.List<String> elasticsearchSourcesHolding(String elasticsearchUris, String text, java.util.Collection<Long> caseIds)
            throws Exception {
        String body = JSON.writeValueAsString(Map.of("size", 1000, "query", Map.of("terms", Map.of("caseId", caseIds))));
        String base = elasticsearchUris.split(",")[0];
        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(URI.create(base + "/_all/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/_all/_search"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        java.util.List<String> holding = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode hit : JSON.readTree(response.body()).get("hits").get("hits")) {
            if (hit.get("_source").toString().contains(text)) {
                holding.add(hit.get("_index").asText() + "/" + hit.get("_id").asText() + " " + hit.get("_source"));
            }
        }
        return holding;
    }

    public static long elasticsearchHits(String elasticsearchUris, String text, String index) throws Exception {
        String body = JSON.writeValueAsString(Map.of("query", Map.of("query_string",
                Map.of("query", "\"" + text.replace("\"", "") + "\"", "default_field", "*", "lenient", true))));
        String base = elasticsearchUris.split(",")[0];
        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(URI.create(base + "/" + index + "/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/" + index + "/_search"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("hits").get("total").get("value").asLong();
    }
}
