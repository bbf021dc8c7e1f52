package io.mediafleet.streamer.radio;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.radio.RadioChannels;
import io.mediafleet.schema.radio.RadioCodec;
import io.mediafleet.streamer.StreamerIdentity;
import io.mediafleet.streamer.StreamerProperties;
import io.mediafleet.streamer.stream.RadioHub;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the scheduler client from the service's Redis connection settings and identity: the same host, database,
 * credentials and TLS as Spring's own Redis connection ({@code rediss://} URLs, {@code spring.data.redis.ssl.*} and
 * its SSL bundle).
 */
@Configuration(proxyBeanMethods = false)
final class RadioClientConfiguration {

	@Bean
	SchedulerClient schedulerClient(DataRedisConnectionDetails redis, ObjectProvider<DataRedisProperties> redisProperties,
			StreamerProperties properties, StreamerIdentity identity, ObjectProvider<RadioHub> hub,
			MeterRegistry registry) {
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
		SslOptions ssl = sslOptions(redis.getSslBundle(), redisProperties.getIfAvailable());
		uri.withSsl(ssl != null);
		return new SchedulerClient(uri.build(), ssl, new RadioCodec(JsonLimits.DEFAULTS),
				RadioChannels.withPrefix(properties.channelPrefix()), identity.id(), hub,
				properties.stream().schedulerTimeout(), properties.reannounceAfter(), registry);
	}

	/**
	 * TLS as Spring's Lettuce connection sets it up: on with an SSL bundle (then its trust and key material) or with a
	 * {@code rediss://} URL (then the JVM's default trust).
	 */
	static @Nullable SslOptions sslOptions(@Nullable SslBundle bundle, @Nullable DataRedisProperties properties) {
		if (bundle == null) {
			String url = (properties != null) ? properties.getUrl() : null;
			if (url == null || !url.regionMatches(true, 0, "rediss://", 0, 9)) {
				return null;
			}
			bundle = SslBundle.systemDefault();
		}
		SslOptions.Builder options = SslOptions.builder()
			.jdkSslProvider()
			.keyManager(bundle.getManagers().getKeyManagerFactory())
			.trustManager(bundle.getManagers().getTrustManagerFactory());
		if (bundle.getOptions().getCiphers() != null) {
			options.cipherSuites(bundle.getOptions().getCiphers());
		}
		if (bundle.getOptions().getEnabledProtocols() != null) {
			options.protocols(bundle.getOptions().getEnabledProtocols());
		}
		return options.build();
	}

}
