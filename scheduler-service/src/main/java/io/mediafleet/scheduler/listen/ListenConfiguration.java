package io.mediafleet.scheduler.listen;

import io.mediafleet.scheduler.SchedulerProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The directory of streamer loads, fed by the radio loop and read by the listen URL's controller.
 */
@Configuration(proxyBeanMethods = false)
class ListenConfiguration {

	@Bean
	ListenDirectory listenDirectory(SchedulerProperties properties) {
		SchedulerProperties.Listen listen = properties.radio().listen();
		return new ListenDirectory(listen.staleAfter(), listen.lateAfter());
	}

}
