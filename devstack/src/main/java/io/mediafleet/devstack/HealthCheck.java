package io.mediafleet.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a service's actuator whether it is healthy: Spring Boot answers {@code 200} exactly when the aggregate status
 * is {@code UP} (or {@code UNKNOWN}), and {@code 503} when anything it depends on is down.
 */
final class HealthCheck {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** The health endpoint of a service on {@code port} of this machine. */
	static URI healthUri(int port) {
		return URI.create("http://localhost:" + port + "/actuator/health");
	}

	boolean isUp(int port) {
		HttpRequest request = HttpRequest.newBuilder(healthUri(port)).timeout(Duration.ofSeconds(5)).GET().build();
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
