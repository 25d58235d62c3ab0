package io.omnicase.customers;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerShownNameTest {

    @Test
    void aCustomerShowsByNameElseEmailElsePhoneNeverByAVisitorId() {
        Identity visitor = new Identity(IdentityKind.CHAT_VISITOR, "5f1c2a9e-8d7b-4c3a-9e2f-1a2b3c4d5e6f");
        Identity email = new Identity(IdentityKind.EMAIL, "ruth@example.com");
        Identity phone = new Identity(IdentityKind.PHONE, "+4915112345678");

        assertThat(customer("Ruth Miller", visitor, email).shownName()).isEqualTo("Ruth Miller");
        assertThat(customer(null, visitor, phone, email).shownName()).isEqualTo("ruth@example.com");
        assertThat(customer(" ", phone).shownName()).isEqualTo("+4915112345678");
        assertThat(customer(null, visitor).shownName()).isEqualTo("Customer #42");
        assertThat(customer("5f1c2a9e-8d7b-4c3a-9e2f-1a2b3c4d5e6f", visitor).shownName()).isEqualTo("Customer #42");
        assertThat(customer("v-5f1c2a9e-8d7b-4c3a-9e2f-1a2b3c4d5e6f", visitor).shownName()).isEqualTo("Customer #42");
    }

    private static Customer customer(String name, Identity... identities) {
        return new Customer(new CustomerId(42), name, Customer.Tier.STANDARD, List.of(identities), Instant.now());
    }
}
