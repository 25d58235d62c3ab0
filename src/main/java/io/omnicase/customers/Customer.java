package io.omnicase.customers;

import java.time.Instant;
import java.util.List;

/** A customer with every identity they have used. */
public record Customer(CustomerId id, String displayName, Tier tier, List<Identity> identities, Instant createdAt) {

    private static final java.util.regex.Pattern OPAQUE_ID =
            java.util.regex.Pattern.compile("(?i)(v-)?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}");

    /**
     * The name agents know the customer by: the display name; else the email address, else the phone number they
     * wrote from; else "Customer #id". Never a chat visitor's or a messenger's random id.
     */
    public String shownName() {
        if (displayName != null && !displayName.isBlank() && !OPAQUE_ID.matcher(displayName.strip()).matches()) {
            return displayName.strip();
        }
        for (IdentityKind kind : List.of(IdentityKind.EMAIL, IdentityKind.PHONE)) {
            for (Identity identity : identities == null ? List.<Identity>of() : identities) {
                if (identity.kind() == kind && identity.address() != null && !identity.address().isBlank()) {
                    return identity.address();
                }
            }
        }
        return "Customer #" + id.value();
    }

    /** Service level of a customer; routing treats higher tiers with more care. */
    public enum Tier { STANDARD, GOLD, VIP }
}
