package io.mediafleet.tracker;

import java.util.Set;

import io.mediafleet.testsupport.ActuatorContractTests;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The tracker-service boots and keeps the actuator contract every Mediafleet service keeps. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@AutoConfigureMetrics
class TrackerServiceIntegrationTests extends ActuatorContractTests {

	@Override
	protected String application() {
		return "tracker-service";
	}

	@Override
	protected Set<String> backingServices() {
		return Set.of();
	}

}
