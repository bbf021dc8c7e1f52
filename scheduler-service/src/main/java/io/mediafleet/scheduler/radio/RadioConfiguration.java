package io.mediafleet.scheduler.radio;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.radio.RadioChannels;
import io.mediafleet.schema.radio.RadioCodec;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.mediafleet.scheduler.SchedulerProperties;
import io.mediafleet.scheduler.listen.ListenDirectory;

/**
 * Wires the radio scheduler: codec and channels from the settings, the MongoDB store, the loop and the admin facade.
 */
@Configuration(proxyBeanMethods = false)
final class RadioConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	RadioLoop radioLoop(SchedulerProperties properties, RedisConnectionFactory redisConnectionFactory,
			StringRedisTemplate redis, MongoTemplate mongo, MeterRegistry registry, Clock clock,
			ListenDirectory directory) {
		SchedulerProperties.Radio settings = properties.radio();
		RadioChannels channels = RadioChannels.withPrefix(settings.channelPrefix());
		RadioCodec codec = new RadioCodec(
				JsonLimits.DEFAULTS.withMaxMessageBytes((int) settings.maxMessageBytes().toBytes()));
		RadioMetrics metrics = new RadioMetrics(registry);
		RadioWriteBehind writer = new RadioWriteBehind(mongo, metrics, settings.maxPendingWrites(),
				settings.writeBatch());
		RadioStore store = new RadioStore(mongo, settings.catalogueCacheTtl(), writer);
		RadioOutbox outbox = new RadioOutbox(redis, channels, codec, metrics, writer, clock,
				settings.effectiveAnnounceHorizon().compareTo(settings.playLeadTime()) > 0);
		return new RadioLoop(redisConnectionFactory, store, writer, outbox, channels, codec, metrics, clock, settings,
				new SecureRandom(), directory);
	}

	@Bean
	RadioAdmin radioAdmin(RadioLoop loop, MongoTemplate mongo, Clock clock) {
		// No catalogue cache on the admin side: it reads what it has just written.
		return new RadioAdmin(loop, new RadioStore(mongo, Duration.ZERO, null), clock);
	}

}
