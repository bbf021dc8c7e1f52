package io.mediafleet.streamer;

import java.util.Map;

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
		this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("UP");
		this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("UP");
	}

	@Test
	void everyMeterIsTaggedWithTheApplicationName() {
		String scrape = this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		assertThat(scrape).containsPattern("(?m)^jvm_memory_used_bytes\\{.*application=\"streamer-service\"");
	}

	@Test
	void infoNamesTheApplicationAndItsBuild() {
		this.client.get()
			.uri("/actuator/info")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.app.name")
			.isEqualTo("streamer-service")
			.jsonPath("$.build.artifact")
			.isEqualTo("streamer-service");
	}

	@Test
	void onlyHealthInfoAndPrometheusAreExposed() {
		this.client.get().uri("/actuator/env").exchange().expectStatus().isNotFound();
		this.client.get().uri("/actuator/beans").exchange().expectStatus().isNotFound();
		this.client.get()
			.uri("/actuator")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$._links")
			.value(Map.class, (links) -> assertThat(links).containsOnlyKeys("self", "health", "health-path", "info",
					"prometheus"));
	}

	@Test
	void redisTemplateWritesAndReadsTheRealServer(@Autowired StringRedisTemplate redis) {
		redis.opsForValue().set("mediafleet:test:streamer", "streaming");
		assertThat(redis.opsForValue().get("mediafleet:test:streamer")).isEqualTo("streaming");
	}

}
