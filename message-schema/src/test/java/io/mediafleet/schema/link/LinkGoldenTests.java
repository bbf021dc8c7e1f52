package io.mediafleet.schema.link;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

import io.mediafleet.schema.link.TestMessages.BurnStatusEvent;
import io.mediafleet.schema.link.TestMessages.QueueAdd;
import io.mediafleet.schema.link.TestMessages.QueueAddResult;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Golden files built from the seed's example handshake (with the seq the wire carries) and one
 * per core message, plus a service event, request, response and error response: each decodes to
 * the expected record and re-encodes to the same JSON.
 */
class LinkGoldenTests {

	private static final String TOKEN_SLAVE = "eyJhbGciOiJIUzI1NiJ9.eyJzbGF2ZSI6MTIzfQ.c2lnbmF0dXJl";

	private static final String TOKEN_CONTROL = "eyJhbGciOiJIUzI1NiJ9.eyJjb250cm9sIjp0cnVlfQ.c2lnbmF0dXJl";

	private static final String HASH = "d41d8cd98f00b204e9800998ecf8427e";

	private final LinkCodec codec = new LinkCodec(TestMessages.catalogue());

	private final JsonMapper plain = JsonMapper.builder().build();

	static Stream<Arguments> goldenFiles() {
		return Stream.of(
				handshake("seed-handshake-1-hello.json", Endpoint.SLAVE, new LinkMessage(1, "hello", new Hello("2.0.0"))),
				handshake("seed-handshake-2-register-slave.json", Endpoint.MASTER, new LinkMessage(1, "register_slave",
						new RegisterSlave(null, "Clusterio Slave", "2.0.0", "Foo", 123))),
				handshake("seed-handshake-3-ready.json", Endpoint.SLAVE, new LinkMessage(2, "ready", Ready.withoutSession())),
				handshake("register-slave.json", Endpoint.MASTER, new LinkMessage(1, "register_slave",
						RegisterSlave.of(TOKEN_SLAVE, "Mediafleet Burner Agent", "burner-1", 123))),
				handshake("register-control.json", Endpoint.MASTER,
						new LinkMessage(1, "register_control", RegisterControl.of(TOKEN_CONTROL, "Mediafleet CLI"))),
				handshake("ready-session.json", Endpoint.CONTROL, new LinkMessage(2, "ready",
						Ready.session("c2Vzc2lvbi0xMjM", Duration.ofSeconds(15), Duration.ofSeconds(60)))),
				handshake("resume.json", Endpoint.MASTER,
						new LinkMessage(1, "resume", Resume.of("c2Vzc2lvbi0xMjM", 41))),
				handshake("continue.json", Endpoint.SLAVE, new LinkMessage(2, "continue", Continue.of(17))),
				handshake("continue-with-timings.json", Endpoint.SLAVE, new LinkMessage(2, "continue",
						new Continue(17, Duration.ofMillis(7500), Duration.ofSeconds(60)))),
				handshake("invalidate.json", Endpoint.CONTROL, new LinkMessage(2, "invalidate", new Invalidate())),
				session("heartbeat.json", Endpoint.MASTER, Endpoint.SLAVE,
						new LinkMessage(42, "heartbeat", Heartbeat.of(17))),
				session("close.json", Endpoint.SLAVE, Endpoint.MASTER,
						new LinkMessage(43, "close", Close.of(LinkProtocol.CLOSE_SHUTDOWN))),
				session("example-event.json", Endpoint.MASTER, Endpoint.SLAVE,
						new LinkMessage(5, "burn_status_event", new BurnStatusEvent(HASH, "BURN", 50))),
				session("example-request.json", Endpoint.MASTER, Endpoint.CONTROL,
						new LinkMessage(3, "queue_add_request", new QueueAdd(HASH, 10))),
				session("example-response.json", Endpoint.CONTROL, Endpoint.MASTER,
						new LinkMessage(9, "queue_add_response", Response.of(3, new QueueAddResult(77)))),
				session("example-error-response.json", Endpoint.CONTROL, Endpoint.MASTER, new LinkMessage(10,
						"queue_add_response", ErrorResponse.of(3, "Unknown image " + HASH))));
	}

	private static Arguments handshake(String file, Endpoint receiver, LinkMessage expected) {
		return arguments(file, receiver, null, expected);
	}

	private static Arguments session(String file, Endpoint receiver, Endpoint sender, LinkMessage expected) {
		return arguments(file, receiver, sender, expected);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("goldenFiles")
	void goldenFileDecodesToTheExpectedMessageAndReencodesToTheSameJson(String file, Endpoint receiver,
			@Nullable Endpoint sender, LinkMessage expected) throws IOException {
		String golden = read(file);
		LinkMessage decoded = (sender != null) ? this.codec.decode(golden, receiver, sender)
				: this.codec.decodeHandshake(golden, receiver);
		assertThat(decoded).isEqualTo(expected);
		String encoded = this.codec.encode(decoded);
		assertThat(this.plain.readTree(encoded)).isEqualTo(this.plain.readTree(golden));
		assertThat(this.codec.encode(expected)).isEqualTo(encoded);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("goldenFiles")
	void goldenFileKeepsItsEnvelopeThroughDecodeEnvelope(String file, Endpoint receiver, @Nullable Endpoint sender,
			LinkMessage expected) throws IOException {
		String golden = read(file);
		LinkEnvelope envelope = this.codec.decodeEnvelope(golden);
		JsonNode tree = this.plain.readTree(golden);
		assertThat(envelope.seq()).isEqualTo(expected.seq());
		assertThat(envelope.type()).isEqualTo(expected.type());
		assertThat((Object) envelope.data()).isEqualTo(tree.get("data"));
	}

	@Test
	void registerSlaveEncodesExactlyAsTheCodecJavadocShows() {
		LinkMessage message = new LinkMessage(1, "register_slave",
				RegisterSlave.of("eyJhbGciOiJIUzI1NiJ9.e30.c2ln", "Clusterio Slave", "Foo", 123));
		assertThat(this.codec.encode(message)).isEqualTo("{\"seq\":1,\"type\":\"register_slave\",\"data\":"
				+ "{\"token\":\"eyJhbGciOiJIUzI1NiJ9.e30.c2ln\",\"agent\":\"Clusterio Slave\",\"version\":\"2.0.0\","
				+ "\"name\":\"Foo\",\"id\":123}}");
	}

	@Test
	void seedHandshakeAsWrittenInTheSeedWithoutSeqIsRejectedNamingSeq() {
		String seedHello = "{\"type\":\"hello\",\"data\":{\"version\":\"2.0.0\"}}";
		org.assertj.core.api.Assertions.assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decodeHandshake(seedHello, Endpoint.SLAVE))
			.withMessage("missing required field 'seq'");
	}

	private static String read(String file) throws IOException {
		try (InputStream in = LinkGoldenTests.class.getResourceAsStream("/golden/link/" + file)) {
			assertThat(in).as(file).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
