package io.omnicase.customers;

import java.util.Locale;

/** The kind of address that identifies a customer; SMS, WhatsApp and voice share the phone number. */
public enum IdentityKind {
    EMAIL, PHONE, CHAT_VISITOR, MESSENGER;

    /** The canonical form of an address of this kind, so that the same address always finds the same customer. */
    public String normalize(String address) {
        String trimmed = address.strip();
        return switch (this) {
            case EMAIL -> trimmed.toLowerCase(Locale.ROOT);
            case PHONE -> {
                String digits = trimmed.replaceAll("[^0-9]", "");
                yield trimmed.startsWith("00") ? "+" + digits.substring(2) : "+" + digits;
            }
            case CHAT_VISITOR, MESSENGER -> trimmed;
        };
    }

    /** Whether an address is well-formed for this kind; callers reject the message otherwise. */
    public boolean accepts(String address) {
        String trimmed = address == null ? "" : address.strip();
        return switch (this) {
            case EMAIL -> trimmed.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
            case PHONE -> trimmed.matches("\\+?[0-9 ()./-]{6,24}") && trimmed.replaceAll("[^0-9]", "").length() >= 6;
            case CHAT_VISITOR, MESSENGER -> trimmed.matches("[A-Za-z0-9._:-]{1,128}");
        };
    }
}
