package io.omnicase.channels.chat;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** The chat widget's WebSocket endpoint; the widget is embedded on customers' own sites, so any origin may connect. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(ChatProperties.class)
class ChatConfiguration implements WebSocketConfigurer {

    static final String PATH = "/chat/socket";

    private final ChatSocketHandler handler;

    ChatConfiguration(ChatSocketHandler handler) {
        this.handler = handler;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, PATH).setAllowedOriginPatterns("*").addInterceptors(handler.limits());
    }

    /** A chat socket silent for the configured time is closed by the container (the widget reconnects). */
    @Bean
    ServletServerContainerFactoryBean chatSocketContainer(ChatProperties properties) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxSessionIdleTimeout(properties.idleTimeout().toMillis());
        return container;
    }
}
