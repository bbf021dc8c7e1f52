package io.mediafleet.player;

import java.util.Set;

import io.mediafleet.testsupport.ActuatorContractTests;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The player-agent boots and keeps the actuator contract every Mediafleet service keeps. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@AutoConfigureMetrics
class PlayerAgentIntegrationTests extends ActuatorContractTests {

	@Override
	protected String application() {
		return "player-agent";
	}

	@Override
	protected Set<String> backingServices() {
		return Set.of();
	}

}
