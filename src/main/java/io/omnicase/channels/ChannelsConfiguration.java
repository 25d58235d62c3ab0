package io.omnicase.channels;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the channels' configuration. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChannelsProperties.class)
class ChannelsConfiguration {
}
