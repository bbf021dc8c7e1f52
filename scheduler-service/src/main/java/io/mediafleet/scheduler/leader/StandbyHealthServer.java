package io.mediafleet.scheduler.leader;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The health endpoints of a standby, served on the application's HTTP port before the application runs: liveness is
 * {@code UP} (Kubernetes keeps the pod), readiness and overall health are {@code 503} with status {@code STANDBY} (no
 * traffic is routed to it). Everything else is {@code 404}.
 *
 * <pre>
 * GET /actuator/health/liveness   -> 200 {"status":"UP"}
 * GET /actuator/health/readiness  -> 503 {"status":"STANDBY"}
 * </pre>
 */
final class StandbyHealthServer implements AutoCloseable {

	static final String LIVENESS = "/actuator/health/liveness";

	static final String READINESS = "/actuator/health/readiness";

	static final String HEALTH = "/actuator/health";

	private final HttpServer server;

	private final ExecutorService executor = Executors.newSingleThreadExecutor(
			Thread.ofPlatform().name("standby-health").daemon().factory());

	private StandbyHealthServer(HttpServer server) {
		this.server = server;
	}

	/** Binds {@code address:port} (port 0 picks one) and serves until {@link #close()}. */
	static StandbyHealthServer start(InetSocketAddress address) throws IOException {
		HttpServer server = HttpServer.create(address, 16);
		StandbyHealthServer health = new StandbyHealthServer(server);
		server.createContext("/", health::handle);
		server.setExecutor(health.executor);
		server.start();
		return health;
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			if (path.endsWith("/") && path.length() > 1) {
				path = path.substring(0, path.length() - 1);
			}
			switch (path) {
				case LIVENESS -> reply(exchange, 200, "{\"status\":\"UP\"}");
				case READINESS, HEALTH -> reply(exchange, 503, "{\"status\":\"STANDBY\"}");
				default -> reply(exchange, 404, "{\"status\":\"STANDBY\",\"error\":\"not served by a standby\"}");
			}
		}
	}

	private static void reply(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		if (exchange.getRequestMethod().equals("HEAD")) {
			exchange.sendResponseHeaders(status, -1);
			return;
		}
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** Stops serving and frees the port for the application. */
	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
