package io.mediafleet.scheduler.leader;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.mediafleet.scheduler.SchedulerApplication;
import io.mediafleet.testsupport.TestMongoDb;
import io.mediafleet.testsupport.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The whole scheduler application behind the gate, as {@code main} wires it: while another instance holds the lease
 * nothing of the application runs (the burn TCP port is not bound, the HTTP port only answers live/not-ready); once
 * the lease is free the application starts and becomes ready.
 */
class LeaderStandbyApplicationIntegrationTests {

	@Test
	void aStandbySchedulerBindsNothingUntilItWinsTheLease() throws Exception {
		String collection = "lease-" + UUID.randomUUID();
		int httpPort = freePort();
		int burnPort = freePort();
		try (MongoClient client = MongoClients.create(TestMongoDb.uri())) {
			LeaderLease other = new LeaderLease(client.getDatabase("leader-app-tests").getCollection(collection),
					"other", Duration.ofMinutes(1), Clock.systemUTC());
			assertThat(other.acquire()).isNotNull();
			AtomicInteger standbyPort = new AtomicInteger(-1);
			AtomicReference<String> lost = new AtomicReference<>();
			try (LeaderGate gate = new LeaderGate(lost::set, standbyPort::set, Clock.systemUTC())) {
				SpringApplication application = new SpringApplication(SchedulerApplication.class);
				application.addListeners(gate);
				CompletableFuture<ConfigurableApplicationContext> started = CompletableFuture
					.supplyAsync(() -> application.run("--server.port=" + httpPort, "--server.address=127.0.0.1",
							"--spring.data.redis.url=" + TestRedis.url(), "--spring.mongodb.uri=" + TestMongoDb.uri(),
							"--spring.mongodb.database=leader-app-tests",
							"--mediafleet.scheduler.radio.channel-prefix=leader-app.",
							"--mediafleet.scheduler.burn.port=" + burnPort, "--mediafleet.scheduler.burn.bind-address=127.0.0.1",
							"--mediafleet.scheduler.simul.advise-port=0", "--mediafleet.scheduler.simul.command-port=0",
							"--mediafleet.scheduler.leader.enabled=true",
							"--mediafleet.scheduler.leader.lease-duration=2s",
							"--mediafleet.scheduler.leader.renew-interval=200ms",
							"--mediafleet.scheduler.leader.collection=" + collection));
				try {
					await().atMost(Duration.ofSeconds(60)).until(() -> standbyPort.get() > 0 || started.isDone());
					assertThat(standbyPort.get()).isEqualTo(httpPort);
					HttpClient http = HttpClient.newHttpClient();
					assertThat(status(http, httpPort, "/actuator/health/liveness")).isEqualTo(200);
					assertThat(status(http, httpPort, "/actuator/health/readiness")).isEqualTo(503);
					assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(burnPort));
					assertThat(started).isNotDone();

					other.release();
					await().atMost(Duration.ofSeconds(120)).until(started::isDone);
					try (ConfigurableApplicationContext context = started.join()) {
						assertThat(context.isActive()).isTrue();
						await().atMost(Duration.ofSeconds(30))
							.until(() -> status(http, httpPort, "/actuator/health/readiness") == 200);
						connect(burnPort);
						MeterRegistry registry = context.getBean(MeterRegistry.class);
						assertThat(registry.get("mediafleet.leader.leader").gauge().value()).isEqualTo(1.0);
						assertThat(registry.get("mediafleet.leader.lease.remaining").gauge().value()).isPositive();
						assertThat(other.current().holder()).isNotEqualTo("other");
						assertThat(lost.get()).isNull();
					}
				}
				finally {
					started.thenAccept(ConfigurableApplicationContext::close);
				}
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void connect(int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
		}
	}

	private static int status(HttpClient http, int port, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
