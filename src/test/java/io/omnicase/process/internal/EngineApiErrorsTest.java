package io.omnicase.process.internal;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of the engine API's error answers are put in words, and with which status. */
class EngineApiErrorsTest {

    @Test
    void theEnginesFailuresAreTheRequestsFaultADatabaseOutageOrAConcurrentChange() {
        assertThat(answer(500, "{\"type\":\"ProcessEngineException\",\"message\":\"The task cannot be deleted because is part of a running process\"}"))
                .isEqualTo(new EngineApiErrors.Answer(HttpStatus.BAD_REQUEST,
                        "The engine cannot carry out this request: The task cannot be deleted because is part of a running process"));
        assertThat(answer(500, "{\"type\":\"NullPointerException\",\"message\":\"Cannot invoke \\\"org.camunda.bpm.X.get()\\\"\"}").detail())
                .doesNotContain("org.camunda").doesNotContain("Exception");
        assertThat(answer(500, "{\"type\":\"ProcessEngineException\",\"message\":\"Process engine persistence exception\"}", DOWN).status())
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer(500, "{\"type\":\"OptimisticLockingException\",\"message\":\"ENGINE-03005 ...\"}").status())
                .isEqualTo(HttpStatus.CONFLICT);
    }

    /**
     * Probe 49: every persistence failure of the engine read as a database outage (503, "try again"), also a statement
     * MariaDB refused because a value was too long for its column, which no retry ever mends.
     */
    @Test
    void onlyADatabaseThatDoesNotAnswerIsAnOutage() {
        String generic = "{\"type\":\"ProcessEngineException\",\"message\":\"ENGINE-03083 Exception while executing Batch "
                + "Database Operations with message '### Error flushing statements.'\",\"code\":0}";
        assertThat(answer(500, generic, DOWN).status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        EngineApiErrors.Answer refused = answer(500, generic, UP);
        assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.detail()).doesNotContain("cannot be reached").doesNotContain("ENGINE-");

        String tooLong = "{\"type\":\"ProcessEngineException\",\"message\":\"ENGINE-03083 ... Data too long for column "
                + "'BUSINESS_KEY_'\",\"code\":10002}";
        assertThat(answer(500, tooLong, DOWN)).isEqualTo(new EngineApiErrors.Answer(HttpStatus.BAD_REQUEST,
                "A value of this request is longer than the engine stores (names, keys and ids: at most 255 characters)"));
        assertThat(answer(500, "{\"type\":\"ProcessEngineException\",\"message\":\"x\",\"code\":10001}", UP).status())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer(500, "{\"type\":\"ProcessEngineException\",\"message\":\"x\",\"code\":10000}", UP).status())
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        // The engine's words name the connection: an outage, whatever the database says a moment later.
        assertThat(answer(500, "{\"type\":\"ProcessEngineException\",\"message\":\"### Cause: "
                + "java.sql.SQLNonTransientConnectionException: Socket fail to connect to 127.0.0.1\"}", UP).status())
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer(500, "{\"type\":\"CannotCreateTransactionException\",\"message\":\"Could not open JDBC Connection "
                + "for transaction\"}", UP).status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void aNegativePageIsFoundInTheQueryStringWhateverItsSpelling() {
        assertThat(EngineApiErrors.negativePaging("firstResult=-5")).isEqualTo("firstResult");
        assertThat(EngineApiErrors.negativePaging("sortBy=created&maxResults=%2D2147483648")).isEqualTo("maxResults");
        assertThat(EngineApiErrors.negativePaging("a=b&firstResult=0&firstResult=-1")).isEqualTo("firstResult");
        assertThat(EngineApiErrors.negativePaging("firstResult=0&maxResults=15")).isNull();
        assertThat(EngineApiErrors.negativePaging("nameLike=-5&firstResult&x=%zz")).isNull();
        assertThat(EngineApiErrors.negativePaging(null)).isNull();
    }

    @Test
    void theEnginesOwnClientErrorsStayAsCamundaDocumentsThem() {
        assertThat(answer(400, "{\"type\":\"InvalidRequestException\",\"message\":\"Cannot set query parameter 'sortBy'\"}")).isNull();
        assertThat(answer(404, "{\"type\":\"InvalidRequestException\",\"message\":\"Process instance with id x does not exist\"}")).isNull();
        assertThat(answer(404, "{\"type\":\"QueryParamException\",\"message\":\"HTTP 404 Not Found\"}").status())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void jacksonsTextNamesTheFieldNotTheJavaType() {
        EngineApiErrors.Answer answer = EngineApiErrors.rewritten(400, "text/plain",
                ("Cannot deserialize value of type `java.lang.String` from Array value (token `JsonToken.START_ARRAY`)\n at [Source: "
                        + "REDACTED; line: 1, column: 11] (through reference chain: org.camunda.bpm.engine.rest.dto.task.UserIdDto[\"userId\"])")
                        .getBytes(StandardCharsets.UTF_8), UP);
        assertThat(answer).isEqualTo(new EngineApiErrors.Answer(HttpStatus.BAD_REQUEST, "userId: the value does not fit this field"));
    }

    @Test
    void jacksonsMessageInTheEnginesJsonIsPutInWordsToo() {
        assertThat(answer(400, "{\"type\":\"InvalidRequestException\",\"message\":\"Cannot deserialize value of type "
                + "`java.lang.String` from Array value (through reference chain: org.camunda.bpm.engine.rest.dto.task.UserIdDto[\\\"userId\\\"])\"}"))
                .isEqualTo(new EngineApiErrors.Answer(HttpStatus.BAD_REQUEST, "userId: the value does not fit this field"));
    }

    private static final BooleanSupplier UP = () -> true;
    private static final BooleanSupplier DOWN = () -> false;

    private static EngineApiErrors.Answer answer(int status, String body) {
        return answer(status, body, UP);
    }

    private static EngineApiErrors.Answer answer(int status, String body, BooleanSupplier storeAnswers) {
        return EngineApiErrors.rewritten(status, "application/json", body.getBytes(StandardCharsets.UTF_8), storeAnswers);
    }
}
