package io.mediafleet.scheduler.leader;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standby's health endpoints over real HTTP: alive, not ready.
 */
class StandbyHealthServerIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void aStandbyIsLiveButNotReady() throws Exception {
		try (StandbyHealthServer health = StandbyHealthServer.start(new InetSocketAddress("127.0.0.1", 0))) {
			HttpResponse<String> liveness = get(health.port(), "/actuator/health/liveness");
			assertThat(liveness.statusCode()).isEqualTo(200);
			assertThat(liveness.body()).isEqualTo("{\"status\":\"UP\"}");
			HttpResponse<String> readiness = get(health.port(), "/actuator/health/readiness");
			assertThat(readiness.statusCode()).isEqualTo(503);
			assertThat(readiness.body()).isEqualTo("{\"status\":\"STANDBY\"}");
			assertThat(get(health.port(), "/actuator/health").statusCode()).isEqualTo(503);
			assertThat(get(health.port(), "/api/socket").statusCode()).isEqualTo(404);
		}
	}

}
