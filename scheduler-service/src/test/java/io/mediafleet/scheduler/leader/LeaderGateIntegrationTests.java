package io.mediafleet.scheduler.leader;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.mediafleet.testsupport.TestMongoDb;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gate in front of the application, with the configuration as Spring Boot prepared it and a real MongoDB wire
 * server: a standby serves live/not-ready until the leader's lease lapses, then lets the application start.
 */
class LeaderGateIntegrationTests {

	private final String collectionName = "lease-" + UUID.randomUUID();

	private StandardEnvironment environment(boolean enabled) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("mediafleet.scheduler.leader.enabled", String.valueOf(enabled));
		properties.put("mediafleet.scheduler.leader.lease-duration", "1500ms");
		properties.put("mediafleet.scheduler.leader.renew-interval", "200ms");
		properties.put("mediafleet.scheduler.leader.holder-id", "gate");
		properties.put("mediafleet.scheduler.leader.collection", this.collectionName);
		properties.put("spring.mongodb.uri", TestMongoDb.uri());
		properties.put("spring.mongodb.database", "leader-gate-tests");
		properties.put("server.port", "0");
		properties.put("server.address", "127.0.0.1");
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

	@Test
	void disabledElectionLetsTheApplicationStartAtOnce() throws Exception {
		AtomicInteger standbyPort = new AtomicInteger(-1);
		try (LeaderGate gate = new LeaderGate((reason) -> {
		}, standbyPort::set, Clock.systemUTC())) {
			gate.awaitLeadership(environment(false));
			assertThat(standbyPort.get()).isEqualTo(-1);
			assertThat(gate.isLeader()).isFalse();
		}
	}

	@Test
	void aStandbyAnswersLiveNotReadyThenStartsWhenTheLeaseIsFreeAndReportsItsLoss() throws Exception {
		try (MongoClient client = MongoClients.create(TestMongoDb.uri())) {
			MongoCollection<Document> collection = client.getDatabase("leader-gate-tests")
				.getCollection(this.collectionName);
			LeaderLease other = new LeaderLease(collection, "other", Duration.ofSeconds(20), Clock.systemUTC());
			assertThat(other.acquire()).isNotNull();
			AtomicInteger standbyPort = new AtomicInteger(-1);
			AtomicReference<String> lost = new AtomicReference<>();
			try (LeaderGate gate = new LeaderGate(lost::set, standbyPort::set, Clock.systemUTC())) {
				CompletableFuture<Void> started = CompletableFuture.runAsync(() -> {
					try {
						gate.awaitLeadership(environment(true));
					}
					catch (InterruptedException ex) {
						throw new IllegalStateException(ex);
					}
				});
				await().atMost(Duration.ofSeconds(30)).until(() -> standbyPort.get() > 0 || started.isDone());
				HttpClient http = HttpClient.newHttpClient();
				assertThat(status(http, standbyPort.get(), "/actuator/health/liveness")).isEqualTo(200);
				assertThat(status(http, standbyPort.get(), "/actuator/health/readiness")).isEqualTo(503);
				assertThat(started).isNotDone();
				assertThat(gate.isLeader()).isFalse();

				// The other leader stops and gives the lease up: the gate opens at its next try.
				other.release();
				await().atMost(Duration.ofSeconds(30)).until(started::isDone);
				started.join();
				assertThat(gate.isLeader()).isTrue();
				assertThat(other.current().holder()).isEqualTo("gate");

				collection.updateOne(Filters.eq("_id", LeaderLease.ID), Updates.combine(Updates.set("holder", "other"),
						Updates.set("expiresAt", Date.from(Instant.now().plusSeconds(60)))));
				await().atMost(Duration.ofSeconds(30)).until(() -> lost.get() != null);
				assertThat(lost.get()).contains("taken by other");
			}
		}
	}

	private static int status(HttpClient http, int port, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
