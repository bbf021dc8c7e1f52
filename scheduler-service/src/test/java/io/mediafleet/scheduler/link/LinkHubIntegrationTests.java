package io.mediafleet.scheduler.link;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mediafleet.scheduler.burn.BurnFarm;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The link hub over a real WebSocket (the JDK's client, raw JSON): handshake with JWTs, refusal with 4003, one
 * connection per slave id, and resume with replay of unacknowledged messages.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.link.heartbeat-interval=3s",
				"mediafleet.scheduler.link.session-timeout=20s" })
@WithRedis
@WithMongoDb(database = "link-hub-tests")
class LinkHubIntegrationTests {

	private static final Pattern SESSION_TOKEN = Pattern.compile("\"session_token\":\"([^\"]+)\"");

	@LocalServerPort
	private int port;

	@Autowired
	private LinkTokens tokens;

	@Autowired
	private BurnFarm farm;

	private String slaveToken() {
		return this.tokens.mint("test-slave", "slave", null, Duration.ofMinutes(5));
	}

	private String controlToken() {
		return this.tokens.mint("test-control", "control", null, Duration.ofMinutes(5));
	}

	private static String registerSlave(String token, long id) {
		return "{\"seq\":1,\"type\":\"register_slave\",\"data\":{\"token\":\"" + token
				+ "\",\"agent\":\"test\",\"version\":\"2.0.0\",\"name\":\"s" + id + "\",\"id\":" + id + "}}";
	}

	@Test
	void slaveRegistersWithAValidTokenAndGetsAReadyWithASession() throws Exception {
		try (RawLinkClient client = new RawLinkClient(this.port)) {
			assertThat(client.next()).isEqualTo("{\"seq\":1,\"type\":\"hello\",\"data\":{\"version\":\"2.0.0\"}}");
			client.send(registerSlave(slaveToken(), 101));
			assertThat(client.next()).startsWith("{\"seq\":2,\"type\":\"ready\",\"data\":{\"session_token\":\"")
				.contains("\"heartbeat_interval\":3", "\"session_timeout\":20");
			client.send("{\"seq\":1,\"type\":\"heartbeat\",\"data\":{\"last_seq\":0}}");
			assertThat(client.nextContaining("heartbeat")).contains("\"type\":\"heartbeat\"");
		}
	}

	@Test
	void badTokenGetsAuthenticationFailedAndCloseCode4003() throws Exception {
		String forged = this.tokens.mint("x", "slave", null, Duration.ofMinutes(5)).replaceAll(".$", "A")
			.replaceAll("..$", "AB");
		for (String token : new String[] { forged, "not-a-jwt", controlToken() }) {
			try (RawLinkClient client = new RawLinkClient(this.port)) {
				client.next();
				client.send(registerSlave(token, 102));
				assertThat(client.next()).isEqualTo(
						"{\"seq\":2,\"type\":\"close\",\"data\":{\"reason\":\"Authentication failed\"}}");
				assertThat(client.closed().code()).isEqualTo(4003);
			}
		}
		try (RawLinkClient client = new RawLinkClient(this.port)) {
			client.next();
			client.send("{\"seq\":1,\"type\":\"register_slave\",\"data\":{\"agent\":\"a\",\"version\":\"2.0.0\","
					+ "\"name\":\"n\",\"id\":5}}");
			assertThat(client.next()).contains("Authentication failed");
			assertThat(client.closed().code()).isEqualTo(4003);
		}
	}

	@Test
	void malformedHandshakeIsClosedAsInvalidHandshake() throws Exception {
		try (RawLinkClient client = new RawLinkClient(this.port)) {
			client.next();
			client.send("{\"seq\":1,\"type\":\"heartbeat\",\"data\":{\"last_seq\":0}}");
			assertThat(client.next()).contains("\"reason\":\"Invalid handshake\"");
			assertThat(client.closed().code()).isEqualTo(1002);
		}
	}

	@Test
	void secondRegistrationWithTheSameIdKicksTheFirst() throws Exception {
		try (RawLinkClient first = new RawLinkClient(this.port); RawLinkClient second = new RawLinkClient(this.port)) {
			first.next();
			first.send(registerSlave(slaveToken(), 103));
			first.nextContaining("ready");
			second.next();
			second.send(registerSlave(slaveToken(), 103));
			second.nextContaining("ready");
			assertThat(first.nextContaining("close"))
				.contains("\"reason\":\"Registered from another connection\"");
			assertThat(first.closed().code()).isEqualTo(1008);
		}
	}

	@Test
	void resumeReplaysUnacknowledgedMessagesAndContinuesTheSession() throws Exception {
		String hash = "0123456789abcdef0123456789abcdef";
		this.farm.imageInfo(hash, "replay.iso", "", 2048);
		String sessionToken;
		try (RawLinkClient control = new RawLinkClient(this.port)) {
			control.next();
			control.send("{\"seq\":1,\"type\":\"register_control\",\"data\":{\"token\":\"" + controlToken()
					+ "\",\"agent\":\"test\",\"version\":\"2.0.0\"}}");
			Matcher token = SESSION_TOKEN.matcher(control.nextContaining("ready"));
			assertThat(token.find()).isTrue();
			sessionToken = token.group(1);
			control.send("{\"seq\":1,\"type\":\"queue_add_request\",\"data\":{\"hash\":\"" + hash
					+ "\",\"priority\":4}}");
			assertThat(control.nextContaining("queue_add_response")).matches(
					"\\{\"seq\":\\d+,\"type\":\"queue_add_response\",\"data\":\\{\"seq\":1,\"job_id\":\\d+}}");
			control.abort();
		}
		try (RawLinkClient resumed = new RawLinkClient(this.port)) {
			resumed.next();
			resumed.send("{\"seq\":1,\"type\":\"resume\",\"data\":{\"session_token\":\"" + sessionToken
					+ "\",\"last_seq\":0}}");
			assertThat(resumed.next()).isEqualTo("{\"seq\":2,\"type\":\"continue\",\"data\":{\"last_seq\":1}}");
			// Replayed with their original seq: the event queued before the response, then the response.
			assertThat(resumed.next()).startsWith("{\"seq\":1,\"type\":\"queue_changed_event\"").contains(hash);
			assertThat(resumed.next()).startsWith("{\"seq\":2,\"type\":\"queue_add_response\"");
			// seq 1 again is a duplicate from the client's point of view and is discarded: only seq 2 is answered.
			resumed.send("{\"seq\":1,\"type\":\"queue_list_request\",\"data\":{}}");
			resumed.send("{\"seq\":2,\"type\":\"queue_list_request\",\"data\":{}}");
			assertThat(resumed.nextContaining("queue_list_response")).contains("\"seq\":2,\"jobs\":[").contains(hash);
			resumed.send("{\"seq\":3,\"type\":\"queue_clear_request\",\"data\":{}}");
			assertThat(resumed.nextContaining("queue_clear_response")).contains("\"accepted\":true");
		}
		try (RawLinkClient unknown = new RawLinkClient(this.port)) {
			unknown.next();
			unknown.send("{\"seq\":1,\"type\":\"resume\",\"data\":{\"session_token\":\"nope\",\"last_seq\":0}}");
			assertThat(unknown.next()).isEqualTo("{\"seq\":2,\"type\":\"invalidate\",\"data\":{}}");
		}
	}

	@Test
	void messagesBeyondTheContainerBufferAreAssembledAndOversizedOnesClose() throws Exception {
		try (RawLinkClient client = new RawLinkClient(this.port)) {
			client.next();
			client.send("{\"seq\":1,\"type\":\"register_control\",\"data\":{\"token\":\"" + controlToken()
					+ "\",\"agent\":\"" + "a".repeat(100_000) + "\",\"version\":\"2.0.0\"}}");
			assertThat(client.nextContaining("ready")).contains("session_token");
			client.send("{\"seq\":1,\"type\":\"queue_list_request\",\"data\":{\"pad\":\"" + "b".repeat(1_100_000)
					+ "\"}}");
			assertThat(client.nextContaining("close")).contains("Invalid message: message larger than");
			assertThat(client.closed().code()).isEqualTo(1002);
		}
	}

	@Test
	void invalidMessageInASessionClosesWithTheReason() throws Exception {
		try (RawLinkClient client = new RawLinkClient(this.port)) {
			client.next();
			client.send(registerSlave(slaveToken(), 104));
			client.nextContaining("ready");
			client.send("{\"seq\":1,\"type\":\"queue_add_request\",\"data\":{\"hash\":\"00\",\"priority\":1}}");
			assertThat(client.nextContaining("close")).contains("Invalid message: ");
			assertThat(client.closed().code()).isEqualTo(1002);
		}
	}

}
