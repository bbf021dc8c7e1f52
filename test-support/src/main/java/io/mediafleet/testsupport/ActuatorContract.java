package io.mediafleet.testsupport;

import java.util.Map;

import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator contract every Mediafleet service keeps, checked against the running service through its
 * {@link RestTestClient}: probes up, every meter tagged with the application, info naming the build, and nothing of
 * actuator exposed beyond health, info and prometheus.
 */
public final class ActuatorContract {

	private ActuatorContract() {
	}

	/** {@code /actuator/health/liveness} and {@code /readiness} answer 200 with status UP. */
	public static void probesAreUp(RestTestClient client) {
		client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("UP");
		client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("UP");
	}

	/** The Prometheus scrape carries {@code application="<application>"} on a JVM meter. */
	public static void metersAreTaggedWith(RestTestClient client, String application) {
		String scrape = client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		assertThat(scrape).containsPattern("(?m)^jvm_memory_used_bytes\\{.*application=\"" + application + "\"");
	}

	/** {@code /actuator/info} names the application and its build artifact. */
	public static void infoNames(RestTestClient client, String application) {
		client.get()
			.uri("/actuator/info")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.app.name")
			.isEqualTo(application)
			.jsonPath("$.build.artifact")
			.isEqualTo(application);
	}

	/** {@code env} and {@code beans} are 404, and the actuator index links only health, info and prometheus. */
	public static void onlyHealthInfoAndPrometheusAreExposed(RestTestClient client) {
		client.get().uri("/actuator/env").exchange().expectStatus().isNotFound();
		client.get().uri("/actuator/beans").exchange().expectStatus().isNotFound();
		client.get()
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
