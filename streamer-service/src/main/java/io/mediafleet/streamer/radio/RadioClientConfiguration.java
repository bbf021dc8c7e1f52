package io.mediafleet.streamer.radio;

import io.lettuce.core.RedisURI;
import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.radio.RadioChannels;
import io.mediafleet.schema.radio.RadioCodec;
import io.mediafleet.streamer.StreamerIdentity;
import io.mediafleet.streamer.StreamerProperties;
import io.mediafleet.streamer.stream.RadioHub;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the scheduler client from the service's Redis connection settings and identity.
 */
@Configuration(proxyBeanMethods = false)
final class RadioClientConfiguration {

	@Bean
	SchedulerClient schedulerClient(DataRedisConnectionDetails redis, StreamerProperties properties,
			StreamerIdentity identity, ObjectProvider<RadioHub> hub, MeterRegistry registry) {
		DataRedisConnectionDetails.Standalone standalone = redis.getStandalone();
		if (standalone == null) {
			throw new IllegalStateException("The scheduler client needs a standalone Redis (spring.data.redis.url)");
		}
		RedisURI.Builder uri = RedisURI.builder()
			.withHost(standalone.getHost())
			.withPort(standalone.getPort())
			.withDatabase(standalone.getDatabase());
		if (redis.getPassword() != null) {
			if (redis.getUsername() != null) {
				uri.withAuthentication(redis.getUsername(), redis.getPassword());
			}
			else {
				uri.withPassword(redis.getPassword().toCharArray());
			}
		}
		return new SchedulerClient(uri.build(), new RadioCodec(JsonLimits.DEFAULTS),
				RadioChannels.withPrefix(properties.channelPrefix()), identity.id(), hub,
				properties.stream().schedulerTimeout(), properties.reannounceAfter(), registry);
	}

}
