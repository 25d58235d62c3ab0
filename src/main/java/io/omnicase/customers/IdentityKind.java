package io.omnicase.customers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.util.Locale;

/** The kind of address that identifies a customer; SMS, WhatsApp and voice share the phone number. */
public enum IdentityKind {
    EMAIL, PHONE, CHAT_VISITOR, MESSENGER;

    /** The canonical form of an address of this kind, so that the same address always finds the same customer. */
    public String normalize(String address) {
        String trimmed = address.strip();
        return switch (this) {
            case EMAIL -> trimmed.toLowerCase(Locale.ROOT);
            case PHONE -> e164(trimmed);
            case CHAT_VISITOR, MESSENGER -> trimmed;
        };
    }

    /**
     * A phone number in E.164 (libphonenumber), so "+49 171 1234567", "0049-171-1234567" and WhatsApp's "491711234567"
     * are one identity. Numbers are international (every channel delivers them so); one that libphonenumber cannot read
     * keeps its digits.
     */
    private static String e164(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        String international = phone.startsWith("00") ? "+" + digits.substring(2) : "+" + digits;
        try {
            // Parsing the original keeps a written-out trunk prefix "(0)" from being read as part of the number.
            String text = phone.startsWith("+") ? phone : international;
            PhoneNumberUtil util = PhoneNumberUtil.getInstance();
            return util.format(util.parse(text, "ZZ"), PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            return international;
        }
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
