package io.omnicase.channels.messaging;

import io.omnicase.channels.MessageSender;
import io.omnicase.customers.Channel;
import org.springframework.web.client.RestClient;

/** What every provider adapter has: its channel, whether sending is switched on, and a client for the provider's API. */
abstract class ProviderSender implements MessageSender {

    private final Channel channel;
    private final boolean enabled;
    protected final RestClient http;

    protected ProviderSender(Channel channel, boolean enabled, String baseUrl, String productionBaseUrl) {
        this.channel = channel;
        this.enabled = enabled;
        this.http = ProviderHttp.client(baseUrl == null || baseUrl.isBlank() ? productionBaseUrl : baseUrl);
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }
}
