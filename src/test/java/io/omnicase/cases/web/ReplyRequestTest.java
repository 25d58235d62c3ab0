package io.omnicase.cases.web;

import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An agent's reply must show something to the customer (probe 50: "\u200b" was sent as an empty-looking message). */
class ReplyRequestTest {

    @Test
    void aReplyOfAZeroWidthSpaceIsRefusedOnItsTextField() {
        var validator = Validation.buildDefaultValidatorFactory().getValidator();
        assertThat(validator.validate(new CaseController.ReplyRequest("\u200b")))
                .extracting(v -> v.getPropertyPath().toString()).containsExactly("text");
        assertThat(validator.validate(new CaseController.ReplyRequest("Refund is on its way."))).isEmpty();
    }
}
