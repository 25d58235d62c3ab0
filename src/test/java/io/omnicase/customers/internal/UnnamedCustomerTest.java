package io.omnicase.customers.internal;

import io.omnicase.customers.IdentityKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A customer who gave no name is stored under one people can read and tell apart, never a chat visitor's token. */
class UnnamedCustomerTest {

    @Test
    void aChatVisitorWithoutANameIsAWebChatVisitorWithAShortMarkAndOthersKeepTheirAddress() {
        assertThat(JdbcCustomers.unnamed(IdentityKind.CHAT_VISITOR, "v-da6ad64b-c7ba-4a66-960b-fcfca2625612"))
                .isEqualTo("Web chat visitor da6ad6");
        assertThat(JdbcCustomers.unnamed(IdentityKind.CHAT_VISITOR, "visitor-7f3a9c")).isEqualTo("Web chat visitor 7f3a9c");
        assertThat(JdbcCustomers.unnamed(IdentityKind.EMAIL, "ruth@example.com")).isEqualTo("ruth@example.com");
    }
}
