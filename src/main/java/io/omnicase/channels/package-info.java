/**
 * Channel connectors: each channel is a thin inbound endpoint (webhook, mailbox poll, socket) plus a per-channel
 * service that checks the sender, turns the payload into an {@link io.omnicase.cases.InboundMessage} for case intake,
 * and sends agents' replies back out through the channel the customer used.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Channels")
package io.omnicase.channels;
