package io.mediafleet.streamer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@link StreamerProperties} and derives the streamer's identity.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamerProperties.class)
final class StreamerConfiguration {

	private static final Log log = LogFactory.getLog(StreamerConfiguration.class);

	@Bean
	StreamerIdentity streamerIdentity(StreamerProperties properties) {
		StreamerIdentity identity = StreamerIdentity.of(properties.streamerId(), System.getenv());
		if (identity.derived()) {
			log.info("Streamer id '" + identity.id() + "' derived from the host; set mediafleet.streamer.streamer-id "
					+ "to choose one");
		}
		return identity;
	}

}
