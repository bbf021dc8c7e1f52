package io.mediafleet.scheduler.irc;

import io.mediafleet.scheduler.SchedulerProperties;
import io.mediafleet.scheduler.simul.SimulMaster;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the IRC bot when {@code mediafleet.scheduler.irc.enabled}; it needs the simul master, so enabling IRC
 * while {@code mediafleet.scheduler.simul.enabled} is false fails at startup.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("mediafleet.scheduler.irc.enabled")
final class IrcConfiguration {

	@Bean
	IrcBot ircBot(SchedulerProperties properties, SimulMaster master, ObjectProvider<MeterRegistry> meters) {
		IrcBot bot = new IrcBot(properties.irc(), new SimulCommands(master, properties.irc().allowedNicks()),
				meters.getIfAvailable(SimpleMeterRegistry::new));
		master.addListener(bot);
		return bot;
	}

}
