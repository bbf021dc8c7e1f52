package io.mediafleet.burner;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "mediafleet.burner.enabled=false")
@AutoConfigureRestTestClient
@AutoConfigureMetrics
class BurnerAgentIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Test
	void healthIsUpWithoutRedisOrMongoDb() {
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.ping.status")
			.isEqualTo("UP")
			.jsonPath("$.components.redis")
			.doesNotExist()
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
		assertThat(scrape).containsPattern("(?m)^jvm_memory_used_bytes\\{.*application=\"burner-agent\"");
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
			.isEqualTo("burner-agent")
			.jsonPath("$.build.artifact")
			.isEqualTo("burner-agent");
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

}
