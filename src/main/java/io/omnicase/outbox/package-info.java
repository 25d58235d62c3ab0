/**
 * The transaction's outbox: Spring Modulith's event publication table, written once per transaction just before it
 * commits. Event publications go there, and so do rows another module wants committed with the same change at no
 * extra cost (the audit trail's entries, before they are sealed into the chain). Shared by every module, like
 * {@code http}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Outbox", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.omnicase.outbox;
