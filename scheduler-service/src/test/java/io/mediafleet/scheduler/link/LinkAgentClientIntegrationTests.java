package io.mediafleet.scheduler.link;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mediafleet.link.client.LinkAgentClient;
import io.mediafleet.schema.link.Direction;
import io.mediafleet.schema.link.ErrorResponse;
import io.mediafleet.schema.link.LinkCatalogue;
import io.mediafleet.schema.link.LinkCodec;
import io.mediafleet.schema.link.LinkEventData;
import io.mediafleet.schema.link.LinkMessage;
import io.mediafleet.schema.link.LinkRequestData;
import io.mediafleet.schema.link.LinkResponse;
import io.mediafleet.schema.link.LinkResponseData;
import io.mediafleet.schema.link.Response;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared agent side of the link ({@code link-client}'s {@link LinkAgentClient}) against the real hub, driven by
 * a second kind of agent that is not a burner: an "echo" feature whose messages reach the hub's catalogue through a
 * {@link LinkMessages} bean only, and whose agent is a few lines on top of the client.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.link.heartbeat-interval=1s",
				"mediafleet.scheduler.link.session-timeout=20s" })
@WithRedis
@WithMongoDb(database = "link-agent-client-tests")
class LinkAgentClientIntegrationTests {

	private static final Duration AT_MOST = Duration.ofSeconds(30);

	/** {@code echo_request} (master to slave): the agent answers with the same text. */
	record Echo(@JsonProperty("text") String text) implements LinkRequestData {
	}

	/** {@code echo_response}'s result. */
	record Echoed(@JsonProperty("text") String text) implements LinkResponseData {
	}

	/** {@code echo_note_event} (slave to master): free text the master records. */
	record Note(@JsonProperty("text") String text) implements LinkEventData {
	}

	static LinkCatalogue.Builder echoMessages(LinkCatalogue.Builder builder) {
		return builder.request("echo_request", Echo.class, Echoed.class, Direction.MASTER_TO_SLAVE)
			.event("echo_note_event", Note.class, Direction.SLAVE_TO_MASTER);
	}

	/** The master's side of the echo feature: records sessions and notes. */
	static final class EchoFeature implements LinkHandler {

		final List<LinkSession> started = new CopyOnWriteArrayList<>();

		final List<String> notes = new CopyOnWriteArrayList<>();

		EchoFeature(LinkHub hub) {
			hub.addHandler(this);
		}

		@Override
		public void sessionStarted(LinkSession session) {
			this.started.add(session);
		}

		@Override
		public boolean event(LinkSession session, LinkEventData event) {
			if (event instanceof Note note) {
				this.notes.add(session.name() + ":" + note.text());
				return true;
			}
			return false;
		}

		@Override
		public @Nullable LinkResponseData request(LinkSession session, LinkRequestData request) {
			return null;
		}

		@Nullable LinkSession session(String name) {
			return this.started.stream().filter((session) -> session.name().equals(name)).findFirst().orElse(null);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		LinkMessages echoLinkMessages() {
			return LinkAgentClientIntegrationTests::echoMessages;
		}

		@Bean
		EchoFeature echoFeature(LinkHub hub) {
			return new EchoFeature(hub);
		}

	}

	/** The whole echo agent: a note on every new session, and every echo request answered. */
	static final class EchoAgent implements LinkAgentClient.Agent {

		final AtomicInteger sessionsStarted = new AtomicInteger();

		@Override
		public void sessionStarted(LinkAgentClient link) {
			this.sessionsStarted.incrementAndGet();
			link.send(new Note("started"));
		}

		@Override
		public void received(LinkAgentClient link, LinkMessage message) {
			if (message.data() instanceof Echo echo) {
				if (echo.text().isEmpty()) {
					link.respondError(message, "EMPTY: nothing to echo");
				}
				else {
					link.respond(message, new Echoed(echo.text()));
				}
			}
		}

	}

	@LocalServerPort
	private int port;

	@Autowired
	private LinkTokens tokens;

	@Autowired
	private EchoFeature feature;

	private final List<LinkAgentClient> clients = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeClients() {
		this.clients.forEach(LinkAgentClient::close);
	}

	private LinkAgentClient client(String name, long slaveId, String token, EchoAgent agent) {
		LinkCodec codec = new LinkCodec(echoMessages(LinkCatalogue.builder().withCoreMessages()).build());
		LinkAgentClient client = new LinkAgentClient(
				new LinkAgentClient.Identity(URI.create("ws://127.0.0.1:" + this.port + "/api/socket"), token,
						slaveId, name, "Echo Agent"),
				codec, agent, Duration.ofMillis(100), "echo-link");
		this.clients.add(client);
		client.start();
		return client;
	}

	private String slaveToken(String subject) {
		return this.tokens.mint(subject, "slave", null, Duration.ofMinutes(5));
	}

	@Test
	void aSecondKindOfAgentRegistersAndTradesItsOwnMessagesWithTheHub() throws Exception {
		EchoAgent agent = new EchoAgent();
		LinkAgentClient client = client("echo-1", 901, slaveToken("echo-1"), agent);
		await().atMost(AT_MOST).until(() -> this.feature.session("echo-1") != null);
		await().atMost(AT_MOST).until(() -> this.feature.notes.contains("echo-1:started"));
		assertThat(client.isInSession()).isTrue();
		LinkSession session = this.feature.session("echo-1");

		LinkResponse answer = session.request(new Echo("ping"), AT_MOST).get(AT_MOST.toSeconds(), TimeUnit.SECONDS);
		assertThat(answer).isInstanceOfSatisfying(Response.class,
				(response) -> assertThat(response.result()).isEqualTo(new Echoed("ping")));
		LinkResponse refused = session.request(new Echo(""), AT_MOST).get(AT_MOST.toSeconds(), TimeUnit.SECONDS);
		assertThat(refused).isInstanceOfSatisfying(ErrorResponse.class,
				(error) -> assertThat(error.error()).isEqualTo("EMPTY: nothing to echo"));
	}

	@Test
	void aDroppedConnectionResumesTheSameSessionAndReplaysWhatTheMasterMissed() {
		EchoAgent agent = new EchoAgent();
		LinkAgentClient client = client("echo-2", 902, slaveToken("echo-2"), agent);
		await().atMost(AT_MOST).until(() -> this.feature.notes.contains("echo-2:started"));

		client.dropConnection();
		assertThat(client.isInSession()).isFalse();
		assertThat(client.connectionsOpened()).isEqualTo(1);
		// Sent while no session is up: buffered, then replayed after continue.
		client.send(new Note("while away"));
		await().atMost(AT_MOST).until(() -> this.feature.notes.contains("echo-2:while away"));

		assertThat(client.isInSession()).isTrue();
		assertThat(client.connectionsOpened()).isEqualTo(2);
		assertThat(agent.sessionsStarted).hasValue(1);
		assertThat(this.feature.started.stream().filter((session) -> session.name().equals("echo-2")))
			.hasSize(1);
		assertThat(this.feature.notes.stream().filter((note) -> note.startsWith("echo-2:")))
			.containsExactly("echo-2:started", "echo-2:while away");
	}

	@Test
	void heartbeatsKeepASessionUpAcrossManyHeartbeatIntervals() {
		EchoAgent agent = new EchoAgent();
		LinkAgentClient client = client("echo-3", 903, slaveToken("echo-3"), agent);
		await().atMost(AT_MOST).until(client::isInSession);
		// The client drops a connection that heard nothing for two intervals (2 s here) and reconnects: through five
		// intervals of heartbeats alone, in both directions, the first connection stays the one in use.
		await().during(Duration.ofSeconds(5)).atMost(AT_MOST)
			.until(() -> client.isInSession() && client.connectionsOpened() == 1);
		assertThat(agent.sessionsStarted).hasValue(1);
		assertThat(this.feature.notes).containsOnlyOnce("echo-3:started");
	}

	@Test
	void aRefusedTokenStopsTheClientForGood() {
		String forged = slaveToken("echo-4").replaceAll("..$", "AB");
		LinkAgentClient client = client("echo-4", 904, forged, new EchoAgent());
		await().atMost(AT_MOST).until(client::isStopped);
		assertThat(client.isInSession()).isFalse();
		assertThat(this.feature.session("echo-4")).isNull();
	}

}
