package io.mediafleet.burner;

import java.util.Set;

import io.mediafleet.testsupport.ActuatorContractTests;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The burner-agent boots and keeps the actuator contract every Mediafleet service keeps. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "mediafleet.burner.enabled=false")
@AutoConfigureRestTestClient
@AutoConfigureMetrics
class BurnerAgentIntegrationTests extends ActuatorContractTests {

	@Override
	protected String application() {
		return "burner-agent";
	}

	@Override
	protected Set<String> backingServices() {
		return Set.of();
	}

}
