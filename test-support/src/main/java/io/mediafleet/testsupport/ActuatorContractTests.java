package io.mediafleet.testsupport;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator contract every Mediafleet service keeps, as tests a service's integration test class inherits: health
 * up and showing exactly the backing services it uses, probes up, every meter tagged with the application, info
 * naming the build, and nothing of actuator exposed beyond health, info and prometheus. The subclass boots the
 * service ({@code @SpringBootTest} with a random port, {@code @AutoConfigureRestTestClient},
 * {@code @AutoConfigureMetrics}) and names it.
 */
public abstract class ActuatorContractTests {

	private static final Set<String> BACKING_SERVICES = Set.of("redis", "mongo");

	@Autowired
	private RestTestClient client;

	/** The service's {@code spring.application.name}, which is also its build artifact. */
	protected abstract String application();

	/** The health components of backing services this service uses: {@code redis}, {@code mongo}, or none. */
	protected abstract Set<String> backingServices();

	protected RestTestClient client() {
		return this.client;
	}

	@Test
	void healthIsUpAndShowsExactlyTheBackingServicesTheServiceUses() {
		var body = this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.ping.status")
			.isEqualTo("UP");
		for (String service : BACKING_SERVICES) {
			if (backingServices().contains(service)) {
				body.jsonPath("$.components." + service + ".status").isEqualTo("UP");
			}
			else {
				body.jsonPath("$.components." + service).doesNotExist();
			}
		}
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
		assertThat(scrape).containsPattern("(?m)^jvm_memory_used_bytes\\{.*application=\"" + application() + "\"");
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
			.isEqualTo(application())
			.jsonPath("$.build.artifact")
			.isEqualTo(application());
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
