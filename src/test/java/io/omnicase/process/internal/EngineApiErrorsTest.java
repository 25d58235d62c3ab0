package io.omnicase.process.internal;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.nio.charset.StandardCharsets;

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
        assertThat(answer(500, "{\"type\":\"ProcessEngineException\",\"message\":\"Process engine persistence exception\"}").status())
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer(500, "{\"type\":\"OptimisticLockingException\",\"message\":\"ENGINE-03005 ...\"}").status())
                .isEqualTo(HttpStatus.CONFLICT);
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
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(answer).isEqualTo(new EngineApiErrors.Answer(HttpStatus.BAD_REQUEST, "userId: the value does not fit this field"));
    }

    @Test
    void jacksonsMessageInTheEnginesJsonIsPutInWordsToo() {
        assertThat(answer(400, "{\"type\":\"InvalidRequestException\",\"message\":\"Cannot deserialize value of type "
                + "`java.lang.String` from Array value (through reference chain: org.camunda.bpm.engine.rest.dto.task.UserIdDto[\\\"userId\\\"])\"}"))
                .isEqualTo(new EngineApiErrors.Answer(HttpStatus.BAD_REQUEST, "userId: the value does not fit this field"));
    }

    private static EngineApiErrors.Answer answer(int status, String body) {
        return EngineApiErrors.rewritten(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }
}
