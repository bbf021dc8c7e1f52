package io.mediafleet.player;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@link PlayerProperties} and derives the slave's name.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PlayerProperties.class)
final class PlayerConfiguration {

	private static final Log log = LogFactory.getLog(PlayerConfiguration.class);

	@Bean
	SlaveName slaveName(PlayerProperties properties) {
		SlaveName name = SlaveName.of(properties.slaveName(), System.getenv());
		if (name.derived()) {
			log.info("Slave name '" + name.name() + "' derived from the host; set mediafleet.player.slave-name "
					+ "to choose one");
		}
		return name;
	}

}
