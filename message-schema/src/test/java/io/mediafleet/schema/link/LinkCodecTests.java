package io.mediafleet.schema.link;

import java.time.Duration;

import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.link.TestMessages.BurnStatusEvent;
import io.mediafleet.schema.link.TestMessages.QueueAdd;
import io.mediafleet.schema.link.TestMessages.QueueAddResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Envelope checks, direction and phase enforcement, data validation and encoding rules of
 * {@link LinkCodec}.
 */
class LinkCodecTests {

	private static final String HASH = "d41d8cd98f00b204e9800998ecf8427e";

	private final LinkCodec codec = new LinkCodec(TestMessages.catalogue());

	// --- envelope ---

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "null", "[]", "42", "\"hello\"", "[{\"seq\":1}]" })
	void textThatIsNotAJsonObjectIsRejected(String text) {
		assertThatExceptionOfType(LinkCodecException.class).isThrownBy(() -> this.codec.decodeEnvelope(text))
			.withMessage("message must be a JSON object");
	}

	@Test
	void malformedJsonIsRejectedWithTheOffset() {
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decodeEnvelope("{\"seq\":1,\"type\":\"hello\",\"data\":{}} x"))
			.withMessageStartingWith("malformed JSON: Unrecognized token 'x'")
			.withMessageEndingWith("(offset 35)");
	}

	@Test
	void truncatedJsonIsRejectedWithoutJacksonSourceExcerpt() {
		assertThatExceptionOfType(LinkCodecException.class).isThrownBy(() -> this.codec.decodeEnvelope("{"))
			.withMessage("malformed JSON: Unexpected end-of-input: expected close marker for Object (offset 1)");
	}

	@Test
	void longUnrecognisedTokenIsQuotedShortened() {
		String text = "{\"seq\":1,\"type\":\"hello\",\"data\":" + "x".repeat(1000) + "}";
		assertThatExceptionOfType(LinkCodecException.class).isThrownBy(() -> this.codec.decodeEnvelope(text))
			.withMessageStartingWith("malformed JSON: Unrecognized token 'xxx")
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(200).contains("...").endsWith("(offset 31)"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"{\"type\":\"hello\",\"data\":{}}                             | missing required field 'seq'",
			"{\"seq\":null,\"type\":\"hello\",\"data\":{}}                | field 'seq' must be an integer",
			"{\"seq\":\"1\",\"type\":\"hello\",\"data\":{}}               | field 'seq' must be an integer",
			"{\"seq\":1.0,\"type\":\"hello\",\"data\":{}}                 | field 'seq' must be an integer",
			"{\"seq\":1.5,\"type\":\"hello\",\"data\":{}}                 | field 'seq' must be an integer",
			"{\"seq\":-3,\"type\":\"hello\",\"data\":{}}                  | field 'seq' must be at least 1 but was -3",
			"{\"seq\":0,\"type\":\"hello\",\"data\":{}}                   | field 'seq' must be at least 1 but was 0",
			"{\"seq\":9223372036854775808,\"type\":\"hello\",\"data\":{}} | field 'seq' is out of range",
			"{\"seq\":1,\"data\":{}}                                      | missing required field 'type'",
			"{\"seq\":1,\"type\":7,\"data\":{}}                           | field 'type' must be a string",
			"{\"seq\":1,\"type\":null,\"data\":{}}                        | field 'type' must be a string",
			"{\"seq\":1,\"type\":\" \",\"data\":{}}                       | field 'type' must not be blank",
			"{\"seq\":1,\"type\":\"hello\"}                               | missing required field 'data'",
			"{\"seq\":1,\"type\":\"hello\",\"data\":null}                 | field 'data' must be an object",
			"{\"seq\":1,\"type\":\"hello\",\"data\":[]}                   | field 'data' must be an object",
			"{\"seq\":1,\"type\":\"hello\",\"data\":\"2.0.0\"}            | field 'data' must be an object" })
	void badEnvelopeIsRejectedNamingTheProblem(String text, String message) {
		assertThatExceptionOfType(LinkCodecException.class).isThrownBy(() -> this.codec.decodeEnvelope(text))
			.withMessage(message);
	}

	@Test
	void largestSeqIsAccepted() {
		LinkEnvelope envelope = this.codec
			.decodeEnvelope("{\"seq\":9223372036854775807,\"type\":\"hello\",\"data\":{}}");
		assertThat(envelope.seq()).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void unknownTopLevelFieldsAreIgnored() {
		LinkMessage message = this.codec.decodeHandshake(
				"{\"seq\":1,\"type\":\"hello\",\"data\":{\"version\":\"2.0.0\"},\"trace\":{\"id\":[1,2]},\"x\":null}",
				Endpoint.SLAVE);
		assertThat(message).isEqualTo(new LinkMessage(1, "hello", new Hello("2.0.0")));
	}

	@Test
	void unknownDataFieldsAreIgnored() {
		LinkMessage message = this.codec.decodeHandshake(
				"{\"seq\":1,\"type\":\"hello\",\"data\":{\"version\":\"2.0.0\",\"plugins\":{\"global_chat\":\"2.0.0\"}}}",
				Endpoint.CONTROL);
		assertThat(message.data()).isEqualTo(new Hello("2.0.0"));
	}

	@Test
	void envelopeFieldsMayComeInAnyOrder() {
		LinkMessage message = this.codec.decodeHandshake("{\"data\":{\"reason\":\"bye\"},\"type\":\"close\",\"seq\":4}",
				Endpoint.MASTER);
		assertThat(message).isEqualTo(new LinkMessage(4, "close", Close.of("bye")));
	}

	// --- limits ---

	@Test
	void messageOverTheByteLimitIsRejectedBeforeParsing() {
		LinkCodec small = new LinkCodec(TestMessages.catalogue(), LinkCodec.DEFAULT_LIMITS.withMaxMessageBytes(64));
		String text = "{\"seq\":1,\"type\":\"close\",\"data\":{\"reason\":\"" + "x".repeat(40) + "\"}}";
		assertThat(text).hasSizeGreaterThan(64);
		assertThatExceptionOfType(LinkCodecException.class).isThrownBy(() -> small.decodeEnvelope(text))
			.withMessage("message exceeds the limit of 64 bytes");
	}

	@Test
	void byteLimitCountsUtf8BytesNotCharacters() {
		String reason = "\u00e9".repeat(20);
		String text = "{\"seq\":1,\"type\":\"close\",\"data\":{\"reason\":\"" + reason + "\"}}";
		int bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
		LinkCodec exact = new LinkCodec(TestMessages.catalogue(), LinkCodec.DEFAULT_LIMITS.withMaxMessageBytes(bytes));
		LinkCodec oneLess = new LinkCodec(TestMessages.catalogue(),
				LinkCodec.DEFAULT_LIMITS.withMaxMessageBytes(bytes - 1));
		assertThat(text.length()).isLessThan(bytes - 1);
		assertThat(exact.decodeHandshake(text, Endpoint.MASTER).data()).isEqualTo(Close.of(reason));
		assertThatExceptionOfType(LinkCodecException.class).isThrownBy(() -> oneLess.decodeEnvelope(text))
			.withMessageContaining("exceeds the limit");
	}

	@Test
	void nestingDeeperThanTheLimitIsRejected() {
		String text = "{\"seq\":1,\"type\":\"close\",\"data\":{\"reason\":\"x\",\"a\":" + "[".repeat(40) + "]".repeat(40)
				+ "}}";
		assertThatExceptionOfType(LinkCodecException.class).isThrownBy(() -> this.codec.decodeEnvelope(text))
			.withMessageStartingWith("malformed JSON: Document nesting depth (33) exceeds the maximum allowed (32)");
	}

	@Test
	void stringLongerThanTheLimitIsRejected() {
		LinkCodec small = new LinkCodec(TestMessages.catalogue(), new JsonLimits(1024, 8, 16, 100));
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> small.decodeEnvelope("{\"seq\":1,\"type\":\"close\",\"data\":{\"reason\":\""
					+ "x".repeat(17) + "\"}}"))
			.withMessageStartingWith("malformed JSON: String value length (17) exceeds the maximum allowed (16");
	}

	@Test
	void tooManyTokensAreRejected() {
		LinkCodec small = new LinkCodec(TestMessages.catalogue(), new JsonLimits(4096, 8, 64, 20));
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> small.decodeEnvelope("{\"seq\":1,\"type\":\"close\",\"data\":{\"reason\":\"x\",\"a\":["
					+ "1,".repeat(30) + "1]}}"))
			.withMessageContaining("Token count")
			.withMessageContaining("exceeds the maximum allowed (20");
	}

	@Test
	void encodingAMessageOverTheByteLimitFailsWithTheCodecException() {
		LinkCodec small = new LinkCodec(TestMessages.catalogue(), LinkCodec.DEFAULT_LIMITS.withMaxMessageBytes(64));
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> small.encode(new LinkMessage(1, "close", Close.of("x".repeat(64)))))
			.withMessage("message 'close' exceeds the limit of 64 bytes");
	}

	@Test
	void defaultLimitsAllowOneMebibyteMessages() {
		assertThat(LinkCodec.DEFAULT_LIMITS.maxMessageBytes()).isEqualTo(1024 * 1024);
		assertThat(new LinkCodec(TestMessages.catalogue()).limits()).isEqualTo(LinkCodec.DEFAULT_LIMITS);
		String reason = "r".repeat(200 * 1024);
		String encoded = this.codec.encode(new LinkMessage(1, "close", Close.of(reason)));
		assertThat(this.codec.decode(encoded, Endpoint.MASTER, Endpoint.SLAVE).data()).isEqualTo(Close.of(reason));
	}

	// --- catalogue, direction and phase ---

	@Test
	void unknownTypeIsRejectedWithItsName() {
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decode("{\"seq\":1,\"type\":\"reboot_event\",\"data\":{}}", Endpoint.SLAVE,
					Endpoint.MASTER))
			.withMessage("unknown message type 'reboot_event'");
	}

	@Test
	void longUnknownTypeIsQuotedShortened() {
		String type = "t".repeat(500);
		assertThat(this.codec.decodeEnvelope("{\"seq\":1,\"type\":\"" + type + "\",\"data\":{}}").type())
			.isEqualTo(type);
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decodeHandshake("{\"seq\":1,\"type\":\"" + type + "\",\"data\":{}}",
					Endpoint.MASTER))
			.withMessage("unknown message type '" + "t".repeat(64) + "...'");
	}

	@Test
	void eventIsAcceptedOnlyInItsRegisteredDirection() {
		String event = this.codec.encode(new LinkMessage(5, "burn_status_event", new BurnStatusEvent(HASH, "BURN", 50)));
		assertThat(this.codec.decode(event, Endpoint.MASTER, Endpoint.SLAVE).data())
			.isEqualTo(new BurnStatusEvent(HASH, "BURN", 50));
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decode(event, Endpoint.SLAVE, Endpoint.MASTER))
			.withMessage("message type 'burn_status_event' is not allowed from master to slave");
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decode(event, Endpoint.MASTER, Endpoint.CONTROL))
			.withMessage("message type 'burn_status_event' is not allowed from control to master");
	}

	@Test
	void requestAndResponseTravelInOppositeDirections() {
		String request = this.codec.encode(new LinkMessage(3, "queue_add_request", new QueueAdd(HASH, 1)));
		String response = this.codec
			.encode(new LinkMessage(4, "queue_add_response", Response.of(3, new QueueAddResult(9))));
		assertThat(this.codec.decode(request, Endpoint.MASTER, Endpoint.CONTROL).type()).isEqualTo("queue_add_request");
		assertThat(this.codec.decode(request, Endpoint.SLAVE, Endpoint.MASTER).type()).isEqualTo("queue_add_request");
		assertThat(this.codec.decode(response, Endpoint.CONTROL, Endpoint.MASTER).type())
			.isEqualTo("queue_add_response");
		assertThat(this.codec.decode(response, Endpoint.MASTER, Endpoint.SLAVE).type()).isEqualTo("queue_add_response");
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decode(request, Endpoint.CONTROL, Endpoint.MASTER))
			.withMessage("message type 'queue_add_request' is not allowed from master to control");
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decode(response, Endpoint.MASTER, Endpoint.CONTROL))
			.withMessage("message type 'queue_add_response' is not allowed from control to master");
	}

	@Test
	void coreMessagesAreAcceptedOnlyTowardsTheirReceivers() {
		String hello = this.codec.encode(new LinkMessage(1, "hello", Hello.current()));
		String registerSlave = this.codec
			.encode(new LinkMessage(1, "register_slave", RegisterSlave.of("t", "agent", "burner-1", 1)));
		assertThat(this.codec.decodeHandshake(hello, Endpoint.SLAVE).data()).isEqualTo(Hello.current());
		assertThat(this.codec.decodeHandshake(hello, Endpoint.CONTROL).data()).isEqualTo(Hello.current());
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decodeHandshake(hello, Endpoint.MASTER))
			.withMessage("message type 'hello' is not allowed to master");
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decodeHandshake(registerSlave, Endpoint.SLAVE))
			.withMessage("message type 'register_slave' is not allowed to slave");
	}

	@Test
	void handshakeMessagesAreRejectedDuringTheSession() {
		String ready = this.codec.encode(new LinkMessage(2, "ready", Ready.withoutSession()));
		String register = this.codec.encode(new LinkMessage(1, "register_control", RegisterControl.of("t", "cli")));
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decode(ready, Endpoint.SLAVE, Endpoint.MASTER))
			.withMessage("message type 'ready' is only allowed during the handshake");
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decode(register, Endpoint.MASTER, Endpoint.CONTROL))
			.withMessage("message type 'register_control' is only allowed during the handshake");
	}

	@Test
	void sessionMessagesAreRejectedDuringTheHandshake() {
		String heartbeat = this.codec.encode(new LinkMessage(1, "heartbeat", Heartbeat.of(0)));
		String event = this.codec.encode(new LinkMessage(5, "burn_status_event", new BurnStatusEvent(HASH, "BURN", 0)));
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decodeHandshake(heartbeat, Endpoint.MASTER))
			.withMessage("message type 'heartbeat' is not allowed during the handshake");
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decodeHandshake(event, Endpoint.MASTER))
			.withMessage("message type 'burn_status_event' is not allowed during the handshake");
	}

	@Test
	void closeIsAcceptedInBothPhasesAndEveryDirection() {
		String close = this.codec.encode(new LinkMessage(7, "close", Close.of(LinkProtocol.CLOSE_INVALID_HANDSHAKE)));
		for (Direction direction : Direction.values()) {
			assertThat(this.codec.decode(close, direction.to(), direction.from()).data())
				.isEqualTo(Close.of("Invalid handshake"));
			assertThat(this.codec.decodeHandshake(close, direction.to()).type()).isEqualTo("close");
		}
	}

	@Test
	void decodingBetweenEndpointsWithoutALinkIsAProgrammingError() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.codec.decode("{}", Endpoint.SLAVE, Endpoint.CONTROL))
			.withMessage("No link runs from control to slave");
	}

	// --- data of core messages ---

	@Test
	void registrationWithoutTokenDecodesWithNullTokenSoTheMasterCanAnswerAuthenticationFailed() {
		LinkMessage message = this.codec.decodeHandshake("{\"seq\":1,\"type\":\"register_control\","
				+ "\"data\":{\"agent\":\"Clusterio Control\",\"version\":\"2.0.0\"}}", Endpoint.MASTER);
		assertThat(message.data()).isEqualTo(new RegisterControl(null, "Clusterio Control", "2.0.0"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"{\"agent\":\"a\",\"version\":\"v\",\"name\":\"n\"}                    | missing required field 'id'",
			"{\"agent\":\"a\",\"version\":\"v\",\"name\":\"n\",\"id\":null}        | field 'id' must be an integer",
			"{\"agent\":\"a\",\"version\":\"v\",\"name\":\"n\",\"id\":\"5\"}       | field 'id' must be an integer",
			"{\"agent\":\"a\",\"version\":\"v\",\"name\":\"n\",\"id\":1.5}         | field 'id' must be an integer",
			"{\"agent\":\"a\",\"version\":\"v\",\"name\":\"n\",\"id\":1e3}         | field 'id' must be an integer",
			"{\"agent\":\"a\",\"version\":\"v\",\"name\":\"n\",\"id\":true}        | field 'id' must be an integer",
			"{\"version\":\"v\",\"name\":\"n\",\"id\":1}                           | missing required field 'agent'",
			"{\"agent\":null,\"version\":\"v\",\"name\":\"n\",\"id\":1}            | missing required field 'agent'",
			"{\"agent\":\" \",\"version\":\"v\",\"name\":\"n\",\"id\":1}           | field 'agent' must not be blank",
			"{\"agent\":\"a\",\"version\":\"v\",\"name\":5,\"id\":1}               | field 'name' must be a string",
			"{\"agent\":\"a\",\"version\":\"v\",\"name\":[\"n\"],\"id\":1}         | field 'name' must be a string",
			"{\"token\":7,\"agent\":\"a\",\"version\":\"v\",\"name\":\"n\",\"id\":1} | field 'token' must be a string",
			"{\"token\":false,\"agent\":\"a\",\"version\":\"v\",\"name\":\"n\",\"id\":1} | field 'token' must be a string" })
	void invalidRegisterSlaveDataIsRejectedNamingTheField(String data, String problem) {
		String text = "{\"seq\":1,\"type\":\"register_slave\",\"data\":" + data + "}";
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decodeHandshake(text, Endpoint.MASTER))
			.withMessage("invalid data of 'register_slave': " + problem)
			.satisfies((ex) -> assertThat(ex.closeReason())
				.isEqualTo("Invalid message: invalid data of 'register_slave': " + problem)
				.doesNotContain("io.mediafleet", "java.lang"));
	}

	@Test
	void readyMayBeEmptyOrCarryTheSession() {
		LinkMessage empty = this.codec.decodeHandshake("{\"seq\":2,\"type\":\"ready\",\"data\":{}}", Endpoint.SLAVE);
		LinkMessage tokenOnly = this.codec
			.decodeHandshake("{\"seq\":2,\"type\":\"ready\",\"data\":{\"session_token\":\"s\"}}", Endpoint.SLAVE);
		LinkMessage fractional = this.codec.decodeHandshake("{\"seq\":2,\"type\":\"ready\",\"data\":"
				+ "{\"session_token\":\"s\",\"heartbeat_interval\":0.25,\"session_timeout\":90.5}}", Endpoint.SLAVE);
		assertThat(empty.data()).isEqualTo(Ready.withoutSession());
		assertThat(((Ready) empty.data()).hasSession()).isFalse();
		Ready session = (Ready) tokenOnly.data();
		assertThat(session.hasSession()).isTrue();
		assertThat(session.heartbeatIntervalOrDefault()).isEqualTo(Duration.ofSeconds(15));
		assertThat(session.sessionTimeoutOrDefault()).isEqualTo(Duration.ofSeconds(60));
		assertThat(fractional.data()).isEqualTo(Ready.session("s", Duration.ofMillis(250), Duration.ofMillis(90500)));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"{\"heartbeat_interval\":15}                              | heartbeat_interval and session_timeout need a session_token",
			"{\"session_token\":\"s\",\"heartbeat_interval\":\"15\"}  | field 'heartbeat_interval' must be a number of seconds",
			"{\"session_token\":\"s\",\"heartbeat_interval\":0}       | field 'heartbeat_interval' must be more than 0 and at most 86400 seconds but was 0",
			"{\"session_token\":\"s\",\"session_timeout\":-5}         | field 'session_timeout' must be more than 0 and at most 86400 seconds but was -5",
			"{\"session_token\":\"s\",\"session_timeout\":86400.5}    | field 'session_timeout' must be more than 0 and at most 86400 seconds but was 86400.5",
			"{\"session_token\":\"s\",\"session_timeout\":1e13}       | field 'session_timeout' must be at most 1000000000000 seconds in magnitude",
			"{\"session_token\":\"s\",\"heartbeat_interval\":1e-999999999} | field 'heartbeat_interval' must be more than 0 and at most 86400 seconds but was 0",
			"{\"session_token\":\"\"}                                 | field 'session_token' must not be blank" })
	void invalidReadyDataIsRejected(String data, String problem) {
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decodeHandshake("{\"seq\":2,\"type\":\"ready\",\"data\":" + data + "}",
					Endpoint.SLAVE))
			.withMessage("invalid data of 'ready': " + problem);
	}

	@Test
	void nullLastSeqAsLaterOriginalsSendItReadsAsZero() {
		LinkMessage resume = this.codec.decodeHandshake(
				"{\"seq\":1,\"type\":\"resume\",\"data\":{\"session_token\":\"s\",\"last_seq\":null}}", Endpoint.MASTER);
		LinkMessage heartbeat = this.codec.decode("{\"seq\":1,\"type\":\"heartbeat\",\"data\":{\"last_seq\":null}}",
				Endpoint.SLAVE, Endpoint.MASTER);
		assertThat(resume.data()).isEqualTo(Resume.of("s", 0));
		assertThat(heartbeat.data()).isEqualTo(Heartbeat.of(0));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"{}                     | missing required field 'last_seq'",
			"{\"last_seq\":-1}      | field 'last_seq' must be at least 0 but was -1",
			"{\"last_seq\":\"3\"}   | field 'last_seq' must be an integer",
			"{\"last_seq\":2.5}     | field 'last_seq' must be an integer" })
	void invalidHeartbeatIsRejected(String data, String problem) {
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decode("{\"seq\":9,\"type\":\"heartbeat\",\"data\":" + data + "}",
					Endpoint.MASTER, Endpoint.CONTROL))
			.withMessage("invalid data of 'heartbeat': " + problem);
	}

	@Test
	void closeNeedsAReason() {
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decodeHandshake("{\"seq\":1,\"type\":\"close\",\"data\":{}}", Endpoint.SLAVE))
			.withMessage("invalid data of 'close': missing required field 'reason'");
	}

	// --- responses ---

	@Test
	void responseDecodesToTheResultWithTheRequestSeq() {
		LinkMessage message = this.codec.decode(
				"{\"seq\":12,\"type\":\"queue_add_response\",\"data\":{\"job_id\":4,\"seq\":3,\"extra\":true}}",
				Endpoint.CONTROL, Endpoint.MASTER);
		assertThat(message).isEqualTo(new LinkMessage(12, "queue_add_response", Response.of(3, new QueueAddResult(4))));
	}

	@Test
	void responseWithAnErrorDecodesToErrorResponseWhateverElseItCarries() {
		LinkMessage message = this.codec.decode(
				"{\"seq\":12,\"type\":\"queue_add_response\",\"data\":{\"seq\":3,\"error\":\"Queue full\",\"job_id\":4}}",
				Endpoint.CONTROL, Endpoint.MASTER);
		assertThat(message.data()).isEqualTo(ErrorResponse.of(3, "Queue full"));
	}

	@Test
	void responseWithNullErrorIsASuccess() {
		LinkMessage message = this.codec.decode(
				"{\"seq\":12,\"type\":\"queue_add_response\",\"data\":{\"seq\":3,\"error\":null,\"job_id\":4}}",
				Endpoint.CONTROL, Endpoint.MASTER);
		assertThat(message.data()).isEqualTo(Response.of(3, new QueueAddResult(4)));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"{\"job_id\":4}                         | missing required field 'seq'",
			"{\"seq\":0,\"job_id\":4}               | field 'seq' must be at least 1 but was 0",
			"{\"seq\":\"3\",\"job_id\":4}           | field 'seq' must be an integer",
			"{\"seq\":3}                            | missing required field 'job_id'",
			"{\"seq\":3,\"error\":{\"text\":\"x\"}} | field 'error' must be a string",
			"{\"seq\":3,\"error\":5}                | field 'error' must be a string" })
	void invalidResponseIsRejectedNamingTheField(String data, String problem) {
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> this.codec.decode("{\"seq\":12,\"type\":\"queue_add_response\",\"data\":" + data + "}",
					Endpoint.CONTROL, Endpoint.MASTER))
			.withMessage("invalid data of 'queue_add_response': " + problem);
	}

	@Test
	void responseEncodesTheRequestSeqFirstThenTheResultFields() {
		assertThat(this.codec.encode(new LinkMessage(9, "queue_add_response", Response.of(3, new QueueAddResult(77)))))
			.isEqualTo("{\"seq\":9,\"type\":\"queue_add_response\",\"data\":{\"seq\":3,\"job_id\":77}}");
		assertThat(this.codec.encode(new LinkMessage(10, "queue_add_response", ErrorResponse.of(3, "nope"))))
			.isEqualTo("{\"seq\":10,\"type\":\"queue_add_response\",\"data\":{\"seq\":3,\"error\":\"nope\"}}");
	}

	// --- encoding misuse ---

	@Test
	void encodingAnUnregisteredTypeIsAProgrammingError() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.codec.encode(new LinkMessage(1, "reboot_event", new BurnStatusEvent(HASH, "x", 1))))
			.withMessage("Message type 'reboot_event' is not registered");
	}

	@Test
	void encodingDataOfTheWrongClassIsAProgrammingError() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.codec.encode(new LinkMessage(1, "hello", Close.of("x"))))
			.withMessageStartingWith("Data of 'hello' must be a io.mediafleet.schema.link.Hello");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.codec.encode(new LinkMessage(1, "queue_add_response", new QueueAdd(HASH, 1))))
			.withMessageStartingWith("Data of 'queue_add_response' must be an ErrorResponse or a Response of");
	}

	@Test
	void encodingAResultOfAnotherRequestIsAProgrammingError() {
		record OtherResult(String name) implements LinkResponseData {
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.codec
				.encode(new LinkMessage(1, "queue_add_response", Response.of(3, new OtherResult("x")))))
			.withMessageStartingWith("Data of 'queue_add_response' must be an ErrorResponse or a Response of");
	}

	@Test
	void encodedEmptyReadyAndInvalidateCarryAnEmptyObject() {
		assertThat(this.codec.encode(new LinkMessage(2, "ready", Ready.withoutSession())))
			.isEqualTo("{\"seq\":2,\"type\":\"ready\",\"data\":{}}");
		assertThat(this.codec.encode(new LinkMessage(2, "invalidate", new Invalidate())))
			.isEqualTo("{\"seq\":2,\"type\":\"invalidate\",\"data\":{}}");
	}

	@Test
	void durationsAreWrittenAsWholeOrFractionalSeconds() {
		assertThat(this.codec.encode(new LinkMessage(2, "ready",
				Ready.session("s", Duration.ofMillis(1500), Duration.ofSeconds(60)))))
			.isEqualTo("{\"seq\":2,\"type\":\"ready\",\"data\":{\"session_token\":\"s\",\"heartbeat_interval\":1.5,"
					+ "\"session_timeout\":60}}");
		assertThat(this.codec.encode(new LinkMessage(2, "continue",
				new Continue(5, Duration.ofMillis(10), null))))
			.isEqualTo("{\"seq\":2,\"type\":\"continue\",\"data\":{\"last_seq\":5,\"heartbeat_interval\":0.01}}");
	}

	@Test
	void subMillisecondPartsOfDurationsAreDropped() {
		assertThat(this.codec.encode(new LinkMessage(2, "continue",
				new Continue(5, Duration.ofSeconds(1000, 1), Duration.ofSeconds(2, 1_500_000)))))
			.isEqualTo("{\"seq\":2,\"type\":\"continue\",\"data\":{\"last_seq\":5,\"heartbeat_interval\":1000,"
					+ "\"session_timeout\":2.001}}");
	}

	@Test
	void durationsInServiceDataAreSecondsToo() {
		record Elapsed(@com.fasterxml.jackson.annotation.JsonProperty("elapsed") Duration elapsed) implements LinkEventData {
		}
		LinkCodec withElapsed = new LinkCodec(LinkCatalogue.builder()
			.withCoreMessages()
			.event("elapsed_event", Elapsed.class, Direction.SLAVE_TO_MASTER)
			.build());
		for (Duration elapsed : new Duration[] { Duration.ofMillis(-500), Duration.ZERO, Duration.ofDays(3650),
				Duration.ofSeconds(-1_000_000_000_000L) }) {
			String encoded = withElapsed.encode(new LinkMessage(1, "elapsed_event", new Elapsed(elapsed)));
			assertThat(withElapsed.decode(encoded, Endpoint.MASTER, Endpoint.SLAVE).data()).isEqualTo(new Elapsed(elapsed));
		}
		assertThat(withElapsed.encode(new LinkMessage(1, "elapsed_event", new Elapsed(Duration.ofMillis(-500)))))
			.isEqualTo("{\"seq\":1,\"type\":\"elapsed_event\",\"data\":{\"elapsed\":-0.5}}");
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> withElapsed.decode("{\"seq\":1,\"type\":\"elapsed_event\",\"data\":{\"elapsed\":1e15}}",
					Endpoint.MASTER, Endpoint.SLAVE))
			.withMessage("invalid data of 'elapsed_event': field 'elapsed' must be at most 1000000000000 seconds in magnitude");
		assertThatExceptionOfType(LinkCodecException.class)
			.isThrownBy(() -> withElapsed.decode("{\"seq\":1,\"type\":\"elapsed_event\",\"data\":{\"elapsed\":\"PT1S\"}}",
					Endpoint.MASTER, Endpoint.SLAVE))
			.withMessage("invalid data of 'elapsed_event': field 'elapsed' must be a number of seconds");
	}

	@Test
	void closeReasonOfTheExceptionUsesTheProtocolPrefix() {
		LinkCodecException ex = new LinkCodecException("unknown message type 'x'");
		assertThat(ex.closeReason()).isEqualTo("Invalid message: unknown message type 'x'");
		assertThat(ex.protocol()).isEqualTo("link");
	}

}
