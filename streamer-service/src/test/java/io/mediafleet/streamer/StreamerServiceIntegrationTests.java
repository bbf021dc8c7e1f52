package io.mediafleet.streamer;

import java.util.Set;

import io.mediafleet.testsupport.ActuatorContractTests;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The streamer-service boots and keeps the actuator contract every Mediafleet service keeps. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@AutoConfigureMetrics
@WithRedis
class StreamerServiceIntegrationTests extends ActuatorContractTests {

	@Override
	protected String application() {
		return "streamer-service";
	}

	@Override
	protected Set<String> backingServices() {
		return Set.of("redis");
	}

	@Test
	void redisTemplateWritesAndReadsTheRealServer(@Autowired StringRedisTemplate redis) {
		redis.opsForValue().set("mediafleet:test:streamer", "streaming");
		assertThat(redis.opsForValue().get("mediafleet:test:streamer")).isEqualTo("streaming");
	}

}
