package io.mediafleet.streamer;

import io.mediafleet.testsupport.ActuatorContract;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@AutoConfigureMetrics
@WithRedis
class StreamerServiceIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Test
	void healthIsUpAndShowsRedisButNoMongoDb() {
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.redis.status")
			.isEqualTo("UP")
			.jsonPath("$.components.mongo")
			.doesNotExist();
	}

	@Test
	void livenessAndReadinessProbesAreUp() {
		ActuatorContract.probesAreUp(this.client);
	}

	@Test
	void everyMeterIsTaggedWithTheApplicationName() {
		ActuatorContract.metersAreTaggedWith(this.client, "streamer-service");
	}

	@Test
	void infoNamesTheApplicationAndItsBuild() {
		ActuatorContract.infoNames(this.client, "streamer-service");
	}

	@Test
	void onlyHealthInfoAndPrometheusAreExposed() {
		ActuatorContract.onlyHealthInfoAndPrometheusAreExposed(this.client);
	}

	@Test
	void redisTemplateWritesAndReadsTheRealServer(@Autowired StringRedisTemplate redis) {
		redis.opsForValue().set("mediafleet:test:streamer", "streaming");
		assertThat(redis.opsForValue().get("mediafleet:test:streamer")).isEqualTo("streaming");
	}

}
