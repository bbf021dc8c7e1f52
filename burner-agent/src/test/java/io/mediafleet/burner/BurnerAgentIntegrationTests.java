package io.mediafleet.burner;

import io.mediafleet.testsupport.ActuatorContract;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.web.servlet.client.RestTestClient;

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
		ActuatorContract.probesAreUp(this.client);
	}

	@Test
	void everyMeterIsTaggedWithTheApplicationName() {
		ActuatorContract.metersAreTaggedWith(this.client, "burner-agent");
	}

	@Test
	void infoNamesTheApplicationAndItsBuild() {
		ActuatorContract.infoNames(this.client, "burner-agent");
	}

	@Test
	void onlyHealthInfoAndPrometheusAreExposed() {
		ActuatorContract.onlyHealthInfoAndPrometheusAreExposed(this.client);
	}

}
