package io.mediafleet.scheduler.burn;

import java.time.Clock;

import io.mediafleet.scheduler.SchedulerProperties;
import io.mediafleet.scheduler.link.LinkHub;
import io.mediafleet.scheduler.link.LinkMessages;
import io.mediafleet.scheduler.link.LinkTokens;
import io.mediafleet.schema.burnlink.BurnLink;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Wires the burn farm: its MongoDB store, metrics, the farm itself, its messages on the link and the TCP line
 * server.
 */
@Configuration(proxyBeanMethods = false)
final class BurnConfiguration {

	@Bean
	BurnMetrics burnMetrics(MeterRegistry registry) {
		return new BurnMetrics(registry);
	}

	/** Replays what a previous run left in the spool before the farm (which depends on it) loads its queue. */
	@Bean(destroyMethod = "close")
	BurnStore burnStore(MongoOperations mongo, SchedulerProperties properties) {
		SchedulerProperties.Burn burn = properties.burn();
		return new BurnStore(mongo, BurnStore.MAX_PENDING,
				new BurnJournal(burn.spoolDir().toAbsolutePath(), burn.maxSpoolSize().toBytes()));
	}

	@Bean
	BurnFarm burnFarm(BurnStore store, BurnMetrics metrics, SchedulerProperties properties) {
		SchedulerProperties.Burn burn = properties.burn();
		return new BurnFarm(store, metrics, Clock.systemUTC(), burn.agingStep(), burn.maxJobs(),
				burn.ejectAfterVerdict());
	}

	/** The burn farm's events and requests in the link hub's catalogue. */
	@Bean
	LinkMessages burnLinkMessages() {
		return BurnLink::registerMessages;
	}

	@Bean
	BurnLinkBridge burnLinkBridge(BurnFarm farm, BurnMetrics metrics, LinkHub hub, SchedulerProperties properties) {
		return new BurnLinkBridge(farm, metrics, hub, properties.link().requestTimeout());
	}

	@Bean
	BurnLineServer burnLineServer(BurnFarm farm, BurnMetrics metrics, LinkTokens tokens,
			SchedulerProperties properties) {
		SchedulerProperties.Burn burn = properties.burn();
		SchedulerProperties.BurnAuth auth = burn.auth();
		BurnAccessPolicy policy = new BurnAccessPolicy(tokens, auth.requireCommands(), auth.requireDisplays(),
				auth.requireBurners(), auth.anonymousNetworks());
		return new BurnLineServer(farm, metrics, burn.bindAddress(), burn.port(), burn.maxConnections(),
				burn.maxAnonymousConnections(), burn.maxAnonymousConnectionsPerAddress(), burn.identificationTimeout(),
				policy, BurnLineSession.Limits.DEFAULTS);
	}

}
