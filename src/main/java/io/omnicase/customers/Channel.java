package io.omnicase.customers;

/** A way a customer reaches support; each maps to the kind of address that identifies the customer on it. */
public enum Channel {
    EMAIL(IdentityKind.EMAIL),
    CHAT(IdentityKind.CHAT_VISITOR),
    WHATSAPP(IdentityKind.PHONE),
    SMS(IdentityKind.PHONE),
    MESSENGER(IdentityKind.MESSENGER),
    VOICE(IdentityKind.PHONE);

    private final IdentityKind identityKind;

    Channel(IdentityKind identityKind) {
        this.identityKind = identityKind;
    }

    public IdentityKind identityKind() {
        return identityKind;
    }
}
