package io.mediafleet.schema.radio;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.mediafleet.schema.json.JsonTrees;
import io.mediafleet.schema.json.JsonLimits;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Decoding rules of {@link RadioCodec}: what it tolerates, what it rejects and how the error
 * names the problem.
 */
class RadioCodecTests {

	private static final JsonMapper TREES = JsonMapper.builder().build();

	/** Fields that may be absent or null. */
	private static final Set<String> OPTIONAL_FIELDS = Set.of("user_id", "master_url");

	/** Fields governed by the credential rule rather than by presence alone. */
	private static final Set<String> CREDENTIAL_FIELDS = Set.of("auth_token", "username", "api_key");

	private final RadioCodec codec = new RadioCodec(JsonLimits.DEFAULTS);

	// --- tolerance -----------------------------------------------------------------------------

	@Test
	void unknownExtraFieldsAreIgnoredInBothDirections() {
		assertThat(this.codec.decodeStreamerMessage(
				"{\"type\":\"pong\",\"streamer\":\"s1\",\"version\":\"2.1\",\"stats\":{\"listeners\":[1,2,{\"a\":null}]}}"))
			.isEqualTo(new Pong("s1"));
		assertThat(this.codec.decodeSchedulerMessage("{\"type\":\"ping\",\"sent_at\":1700000000.5}"))
			.isEqualTo(Ping.INSTANCE);
	}

	@Test
	void unregisterListenerToleratesTheFieldsRealStreamersAdd() {
		assertThat(this.codec.decodeStreamerMessage("{\"type\":\"unregister_listener\",\"streamer\":\"s1\","
				+ "\"radio_uuid\":\"r1\",\"user_id\":null,\"session_id\":\"abc\"}"))
			.isEqualTo(new UnregisterListener("abc"));
	}

	@Test
	void typeMayComeAfterTheOtherFields() {
		assertThat(this.codec.decodeStreamerMessage("{\"streamer\":\"s1\",\"radio_uuid\":\"r1\",\"type\":\"play_radio\"}"))
			.isEqualTo(new PlayRadio("s1", "r1"));
	}

	@Test
	void userIdMayBeNullAbsentAnIntegerOrAString() {
		String start = "{\"type\":\"register_listener\",\"radio_uuid\":\"r1\",\"session_id\":\"s\"";
		assertThat(this.codec.decodeStreamerMessage(start + ",\"user_id\":null}"))
			.isEqualTo(new RegisterListener("r1", "s", null));
		assertThat(this.codec.decodeStreamerMessage(start + "}")).isEqualTo(new RegisterListener("r1", "s", null));
		assertThat(this.codec.decodeStreamerMessage(start + ",\"user_id\":1742}"))
			.isEqualTo(new RegisterListener("r1", "s", "1742"));
		assertThat(this.codec.decodeStreamerMessage(start + ",\"user_id\":\"u-1742\"}"))
			.isEqualTo(new RegisterListener("r1", "s", "u-1742"));
	}

	@Test
	void integerIdsAreReadAsTheirDecimalText() {
		assertThat(this.codec.decodeStreamerMessage(
				"{\"type\":\"register_listener\",\"radio_uuid\":42,\"session_id\":9007199254740993,\"user_id\":7}"))
			.isEqualTo(new RegisterListener("42", "9007199254740993", "7"));
		assertThat(this.codec.decodeStreamerMessage("{\"type\":\"pong\",\"streamer\":12}")).isEqualTo(new Pong("12"));
	}

	@Test
	void pongCarriesTheLoadExtensionOnlyWhole() {
		String start = "{\"type\":\"pong\",\"streamer\":\"s1\"";
		assertThat(this.codec.decodeStreamerMessage(
				start + ",\"listeners\":3,\"listener_limit\":10,\"listen_url\":\"http://s1:8001\"}"))
			.isEqualTo(Pong.withLoad("s1", 3, 10, "http://s1:8001"));
		assertThat(Pong.withLoad("s1", 3, 10, "http://s1:8001").hasLoad()).isTrue();
		assertThat(new Pong("s1").hasLoad()).isFalse();
		assertThatExceptionOfType(RadioCodecException.class)
			.isThrownBy(() -> this.codec.decodeStreamerMessage(start + ",\"listeners\":3}"));
		assertThatExceptionOfType(RadioCodecException.class).isThrownBy(() -> this.codec.decodeStreamerMessage(
				start + ",\"listeners\":-1,\"listener_limit\":10,\"listen_url\":\"http://s1:8001\"}"));
		assertThatExceptionOfType(RadioCodecException.class).isThrownBy(() -> this.codec.decodeStreamerMessage(
				start + ",\"listeners\":1,\"listener_limit\":10,\"listen_url\":\"file:///etc\"}"));
		assertThatExceptionOfType(RadioCodecException.class).isThrownBy(() -> this.codec.decodeStreamerMessage(
				start + ",\"listeners\":\"1\",\"listener_limit\":10,\"listen_url\":\"http://s1:8001\"}"));
	}

	@Test
	void fractionalSecondsAreAccepted() {
		assertThat(this.codec.decodeSchedulerMessage("{\"type\":\"play\",\"radio_uuid\":\"r\",\"filename\":\"a.mp3\","
				+ "\"delay\":4.75,\"offset\":12,\"crossfade_duration\":0.5}"))
			.isEqualTo(new Play("r", "a.mp3", 4.75, 12, 0.5));
	}

	@Test
	void aTokenWinsOverAnIncompleteLegacyPair() {
		UserAuthenticationRequest request = (UserAuthenticationRequest) this.codec.decodeStreamerMessage(
				"{\"type\":\"user_authentication\",\"streamer\":\"s1\",\"auth_token\":\"t\",\"username\":\"bob\"}");
		assertThat(request.usesToken()).isTrue();
		assertThat(request.username()).isEqualTo("bob");
	}

	@Test
	void trailingWhitespaceAndUtf8TextAreAccepted() {
		assertThat(this.codec.decodeStreamerMessage(
				"{\"type\":\"test\",\"streamer\":\"s1\",\"info\":\"d\u00e9j\u00e0 vu \uD83C\uDFB5\"}\r\n  ".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo(new StreamerTest("s1", "d\u00e9j\u00e0 vu \uD83C\uDFB5"));
	}

	// --- missing and null required fields --------------------------------------------------------

	static Stream<Arguments> requiredFieldsOfEveryGoldenFile() {
		List<Arguments> cases = new ArrayList<>();
		collectRequiredFields("streamer", RadioGoldenTests.STREAMER_FILES.keySet(), cases);
		collectRequiredFields("scheduler", RadioGoldenTests.SCHEDULER_FILES.keySet(), cases);
		return cases.stream();
	}

	private static void collectRequiredFields(String direction, Set<String> files, List<Arguments> cases) {
		for (String file : files) {
			ObjectNode message = (ObjectNode) TREES.readTree(JsonTrees.resource("/golden/radio/" + direction + "/" + file));
			for (String field : message.propertyNames()) {
				if (!field.equals("type") && !OPTIONAL_FIELDS.contains(field)) {
					cases.add(Arguments.of(direction, file, field));
				}
			}
		}
	}

	@ParameterizedTest(name = "{0}/{1} without {2}")
	@MethodSource("requiredFieldsOfEveryGoldenFile")
	void missingRequiredFieldIsRejectedNamingTheField(String direction, String file, String field) {
		ObjectNode message = (ObjectNode) TREES.readTree(JsonTrees.resource("/golden/radio/" + direction + "/" + file));
		message.remove(field);
		assertRejection(direction, message.toString(), field);
	}

	@ParameterizedTest(name = "{0}/{1} with {2} null")
	@MethodSource("requiredFieldsOfEveryGoldenFile")
	void nullRequiredFieldIsRejectedNamingTheField(String direction, String file, String field) {
		ObjectNode message = (ObjectNode) TREES.readTree(JsonTrees.resource("/golden/radio/" + direction + "/" + file));
		message.putNull(field);
		assertRejection(direction, message.toString(), field);
	}

	private void assertRejection(String direction, String json, String field) {
		AbstractStringAssert<?> message = assertThat(direction.equals("streamer") ? rejectStreamer(json)
				: rejectScheduler(json));
		if (CREDENTIAL_FIELDS.contains(field)) {
			message.startsWith("user_authentication needs").contains("'" + field + "'");
		}
		else {
			message.startsWith("missing required field '" + field + "'");
		}
	}

	@Test
	void streamerAuthenticationWithoutAnyCredentialIsRejected() {
		assertThat(rejectStreamer("{\"type\":\"user_authentication\",\"streamer\":\"s1\"}"))
			.startsWith("user_authentication needs field 'auth_token', or both fields 'username' and 'api_key'");
		assertThat(rejectStreamer("{\"type\":\"user_authentication\",\"streamer\":\"s1\",\"api_key\":\"k\"}"))
			.startsWith("user_authentication needs field 'auth_token', or both fields 'username' and 'api_key'")
			.contains("missing 'username'");
		assertThat(rejectStreamer("{\"type\":\"user_authentication\",\"streamer\":\"s1\",\"auth_token\":\" \"}"))
			.startsWith("field 'auth_token' must not be blank");
	}

	// --- wrong JSON types and bad values -----------------------------------------------------------

	@Test
	void delayAsAStringIsRejectedNamingTheField() {
		assertThat(rejectScheduler(play("\"abc\""))).startsWith("field 'delay' must be a number (offset ");
		assertThat(rejectScheduler(play("\"5\""))).startsWith("field 'delay' must be a number");
		assertThat(rejectScheduler(play("\"\""))).startsWith("field 'delay' must be a number");
		assertThat(rejectScheduler(play("[5]"))).startsWith("field 'delay' must be a number");
		assertThat(rejectScheduler(play("true"))).startsWith("field 'delay' must be a number");
	}

	@Test
	void negativeOrNonFiniteSecondsAreRejected() {
		assertThat(rejectScheduler(play("-0.5"))).startsWith("field 'delay' must be a finite number of seconds >= 0");
		assertThat(rejectScheduler(play("1e999"))).startsWith("field 'delay' must be a finite number of seconds >= 0");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1.5", "true", "{}", "[]", "[\"s1\"]" })
	void streamerOfTheWrongJsonTypeIsRejected(String value) {
		assertThat(rejectStreamer("{\"type\":\"pong\",\"streamer\":" + value + "}"))
			.startsWith("field 'streamer' must be a string");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1", "0", "\"true\"", "\"yes\"", "{}" })
	void hdMustBeAJsonBoolean(String value) {
		assertThat(rejectScheduler("{\"type\":\"user_authentication\",\"user_id\":1,\"hd\":" + value
				+ ",\"auth_token\":\"t\"}"))
			.startsWith("field 'hd' must be true or false");
	}

	@Test
	void userIdMustBeAStringOrAnInteger() {
		assertThat(rejectStreamer(
				"{\"type\":\"register_listener\",\"radio_uuid\":\"r\",\"session_id\":\"s\",\"user_id\":4.2}"))
			.startsWith("field 'user_id' must be a string");
		assertThat(rejectStreamer(
				"{\"type\":\"register_listener\",\"radio_uuid\":\"r\",\"session_id\":\"s\",\"user_id\":false}"))
			.startsWith("field 'user_id' must be a string");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"\"", "\"two words\"", "\"tab\\there\"", "\"nl\\n\"", "\"nbsp\u00a0\"" })
	void streamerIdsWithWhitespaceOrControlCharactersOrEmptyAreRejected(String value) {
		assertThat(rejectStreamer("{\"type\":\"register_streamer\",\"streamer\":" + value + "}"))
			.startsWith("field 'streamer' must not");
	}

	@Test
	void overlongStreamerIdIsRejected() {
		assertThat(this.codec.decodeStreamerMessage(
				"{\"type\":\"pong\",\"streamer\":\"" + "s".repeat(RadioFields.MAX_STREAMER_ID_LENGTH) + "\"}"))
			.isInstanceOf(Pong.class);
		assertThat(rejectStreamer(
				"{\"type\":\"pong\",\"streamer\":\"" + "s".repeat(RadioFields.MAX_STREAMER_ID_LENGTH + 1) + "\"}"))
			.startsWith("field 'streamer' is 129 characters long, over the limit of 128");
	}

	@Test
	void blankIdsAreRejected() {
		assertThat(rejectStreamer("{\"type\":\"play_radio\",\"streamer\":\"s1\",\"radio_uuid\":\"  \"}"))
			.startsWith("field 'radio_uuid' must not be blank");
	}

	@Test
	void playFilenamesWithControlCharactersAreRejected() {
		assertThat(rejectScheduler("{\"type\":\"play\",\"radio_uuid\":\"r\",\"filename\":\"a\\u0000.mp3\","
				+ "\"delay\":0,\"offset\":0,\"crossfade_duration\":0}"))
			.startsWith("field 'filename' must not contain control characters (index 1)");
	}

	@Test
	void masterUrlMustBeAnAbsoluteHttpUrl() {
		assertThat(rejectScheduler("{\"type\":\"radio_exists\",\"radio_uuid\":\"r\",\"master_streamer\":\"m\","
				+ "\"master_url\":\"file:///etc/passwd\"}"))
			.startsWith("field 'master_url' must be an absolute http or https URL");
		assertThat(rejectScheduler("{\"type\":\"radio_exists\",\"radio_uuid\":\"r\",\"master_streamer\":\"m\","
				+ "\"master_url\":\"http://bad host/\"}"))
			.startsWith("field 'master_url' is not a valid URL");
	}

	@Test
	void unpairedSurrogatesAreRejectedBecauseTheyCannotBeEncoded() {
		assertThat(rejectScheduler("{\"type\":\"test\",\"info\":\"a\\ud800b\"}"))
			.startsWith("field 'info' contains an unpaired surrogate (index 1)");
	}

	// --- types ------------------------------------------------------------------------------------

	@Test
	void unknownOrMissingTypeIsRejected() {
		assertThat(rejectStreamer("{\"type\":\"dance\",\"streamer\":\"s1\"}"))
			.startsWith("unknown or missing message type 'dance'");
		assertThat(rejectStreamer("{\"streamer\":\"s1\"}")).startsWith("unknown or missing message type");
		assertThat(rejectStreamer("{\"type\":null,\"streamer\":\"s1\"}")).startsWith("unknown or missing message type");
		assertThat(rejectStreamer("{\"type\":\"PONG\",\"streamer\":\"s1\"}"))
			.startsWith("unknown or missing message type 'PONG'");
	}

	@Test
	void aMessageOfTheOtherDirectionIsRejectedAsSuch() {
		assertThat(rejectStreamer("{\"type\":\"ping\"}"))
			.startsWith("message type 'ping' is scheduler-to-streamer only, not accepted on this channel");
		assertThat(rejectScheduler("{\"type\":\"play_radio\",\"streamer\":\"s1\",\"radio_uuid\":\"r\"}"))
			.startsWith("message type 'play_radio' is streamer-to-scheduler only, not accepted on this channel");
	}

	@Test
	void sharedTypeNamesDecodeToTheRecordOfTheirDirection() {
		assertThat(this.codec.decodeStreamerMessage("{\"type\":\"test\",\"streamer\":\"s1\",\"info\":\"x\"}"))
			.isEqualTo(new StreamerTest("s1", "x"));
		assertThat(this.codec.decodeSchedulerMessage("{\"type\":\"test\",\"streamer\":\"s1\",\"info\":\"x\"}"))
			.isEqualTo(new SchedulerTest("x"));
		assertThat(rejectStreamer("{\"type\":\"test\",\"info\":\"x\"}")).startsWith("missing required field 'streamer'");
	}

	// --- malformed JSON and limits ---------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "[]", "\"pong\"", "42", "null", "{", "{\"type\":\"pong\",\"streamer\":\"s\"",
			"{'type':'pong','streamer':'s1'}", "{type:\"pong\"}", "{\"type\":\"pong\",\"streamer\":\"s1\"} {}",
			"{\"type\":\"pong\",\"streamer\":\"s1\"}x", "{\"type\":\"pong\",\"streamer\":NaN}" })
	void malformedJsonIsRejectedWithTheCodecException(String json) {
		assertThatExceptionOfType(RadioCodecException.class).isThrownBy(() -> this.codec.decodeStreamerMessage(json))
			.satisfies((ex) -> assertThat(ex.protocol()).isEqualTo("radio"))
			.withMessageNotContaining("io.mediafleet");
		assertThatExceptionOfType(RadioCodecException.class)
			.isThrownBy(() -> this.codec.decodeSchedulerMessage(json.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void duplicateKeysAreRejectedBecauseParsersDisagreeOnThem() {
		assertThat(rejectStreamer("{\"type\":\"pong\",\"type\":\"play_radio\",\"streamer\":\"s1\"}"))
			.contains("Duplicate Object property \"type\"");
		assertThat(rejectStreamer("{\"type\":\"pong\",\"streamer\":\"a\",\"streamer\":\"b\"}"))
			.contains("Duplicate Object property \"streamer\"");
	}

	@Test
	void invalidUtf8IsRejected() {
		byte[] json = { '{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };
		assertThatExceptionOfType(RadioCodecException.class).isThrownBy(() -> this.codec.decodeStreamerMessage(json))
			.withMessageContaining("UTF-8");
	}

	@Test
	void oversizeMessageIsRejectedBeforeParsing() {
		RadioCodec small = new RadioCodec(JsonLimits.DEFAULTS.withMaxMessageBytes(64));
		String padded = "{\"type\":\"pong\",\"streamer\":\"s1\"}" + " ".repeat(40);
		assertThat(padded.length()).isGreaterThan(64);
		assertThatExceptionOfType(RadioCodecException.class)
			.isThrownBy(() -> small.decodeStreamerMessage(padded.getBytes(StandardCharsets.UTF_8)))
			.withMessage("message is 71 bytes, over the limit of 64");
		assertThatExceptionOfType(RadioCodecException.class).isThrownBy(() -> small.decodeStreamerMessage(padded))
			.withMessage("message is 71 bytes, over the limit of 64");
	}

	@Test
	void textMessageSizeIsCountedInUtf8Bytes() {
		RadioCodec small = new RadioCodec(JsonLimits.DEFAULTS.withMaxMessageBytes(64));
		String json = "{\"type\":\"test\",\"info\":\"" + "\u00e9".repeat(20) + "\"}";
		assertThat(json.length()).isLessThan(64);
		assertThatExceptionOfType(RadioCodecException.class).isThrownBy(() -> small.decodeSchedulerMessage(json))
			.withMessage("message is 65 bytes, over the limit of 64");
	}

	@Test
	void deeplyNestedExtraFieldIsRejectedByTheDepthLimit() {
		String bomb = "{\"type\":\"pong\",\"streamer\":\"s1\",\"x\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}";
		assertThatExceptionOfType(RadioCodecException.class).isThrownBy(() -> this.codec.decodeStreamerMessage(bomb))
			.withMessageContaining("nesting depth");
	}

	@Test
	void overlongStringIsRejectedByTheStringLimit() {
		RadioCodec strict = new RadioCodec(new JsonLimits(64 * 1024, 16, 100, 1000));
		assertThatExceptionOfType(RadioCodecException.class)
			.isThrownBy(() -> strict.decodeSchedulerMessage("{\"type\":\"test\",\"info\":\"" + "x".repeat(101) + "\"}"))
			.withMessageContaining("String value length");
	}

	@Test
	void tooManyTokensAreRejectedByTheTokenLimit() {
		RadioCodec strict = new RadioCodec(new JsonLimits(64 * 1024, 16, 100, 50));
		assertThatExceptionOfType(RadioCodecException.class)
			.isThrownBy(() -> strict.decodeSchedulerMessage("{\"type\":\"ping\",\"x\":[" + "1,".repeat(100) + "1]}"))
			.withMessageContaining("Token count");
	}

	// --- encoding ----------------------------------------------------------------------------------

	@Test
	void registerListenerNamesTheServingStreamerWhenItKnowsIt() {
		String relay = "{\"type\":\"register_listener\",\"radio_uuid\":\"r\",\"session_id\":\"s\",\"user_id\":null,"
				+ "\"streamer\":\"relay-2\"}";
		assertThat(this.codec.encode(new RegisterListener("r", "s", null, "relay-2"))).isEqualTo(relay);
		assertThat(this.codec.decodeStreamerMessage(relay)).isEqualTo(new RegisterListener("r", "s", null, "relay-2"));
		// Absent (older streamers) or null: not written, read as unnamed.
		assertThat(this.codec.encode(new RegisterListener("r", "s", null))).doesNotContain("streamer");
		assertThat(this.codec.decodeStreamerMessage(relay.replace("\"relay-2\"", "null")))
			.isEqualTo(new RegisterListener("r", "s", null));
		assertThatThrownBy(() -> this.codec.decodeStreamerMessage(relay.replace("relay-2", "bad id")))
			.hasMessageContaining("streamer");
	}

	@Test
	void numericUserIdsAreWrittenAsNumbersAndOthersAsStrings() {
		assertThat(this.codec.encode(new RegisterListener("r", "s", "1742")))
			.isEqualTo("{\"type\":\"register_listener\",\"radio_uuid\":\"r\",\"session_id\":\"s\",\"user_id\":1742}");
		assertThat(this.codec.encode(new RegisterListener("r", "s", "u-1742"))).endsWith("\"user_id\":\"u-1742\"}");
		assertThat(this.codec.encode(new RegisterListener("r", "s", "007"))).endsWith("\"user_id\":\"007\"}");
		assertThat(this.codec.encode(new RegisterListener("r", "s", "12345678901234567890")))
			.endsWith("\"user_id\":\"12345678901234567890\"}");
		assertThat(this.codec.encode(new RegisterListener("r", "s", null))).endsWith("\"user_id\":null}");
	}

	@Test
	void absentOptionalFieldsAreLeftOut() {
		assertThat(this.codec.encode(RadioExists.of("r", "m")))
			.isEqualTo("{\"type\":\"radio_exists\",\"radio_uuid\":\"r\",\"master_streamer\":\"m\"}");
		assertThat(this.codec.encode(UserAuthenticationRequest.withToken("s1", "t")))
			.isEqualTo("{\"type\":\"user_authentication\",\"streamer\":\"s1\",\"auth_token\":\"t\"}");
		assertThat(this.codec.encode(Ping.INSTANCE)).isEqualTo("{\"type\":\"ping\"}");
	}

	@Test
	void textAndBytesEncodingsAreTheSameUtf8() {
		StreamerTest message = new StreamerTest("s1", "caf\u00e9 \uD83C\uDFB5");
		assertThat(this.codec.encodeToBytes(message)).isEqualTo(this.codec.encode(message).getBytes(StandardCharsets.UTF_8));
		assertThat(this.codec.decodeStreamerMessage(this.codec.encodeToBytes(message))).isEqualTo(message);
	}

	@Test
	void encodingRefusesAMessageOverTheLimit() {
		RadioCodec small = new RadioCodec(JsonLimits.DEFAULTS.withMaxMessageBytes(64));
		assertThatExceptionOfType(RadioCodecException.class)
			.isThrownBy(() -> small.encode(new Play("r", "x".repeat(100), 0, 0, 0)))
			.withMessageStartingWith("encoded play is ")
			.withMessageEndingWith("bytes, over the limit of 64");
	}

	// --- records built in code ------------------------------------------------------------------------

	@Test
	void recordsBuiltInCodeObeyTheSameRules() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Pong("a b"))
			.withMessageStartingWith("field 'streamer' must not contain whitespace");
		assertThatIllegalArgumentException().isThrownBy(() -> new Play("r", "f", -1, 0, 0))
			.withMessageStartingWith("field 'delay'");
		assertThatIllegalArgumentException().isThrownBy(() -> new UserAuthenticationRequest("s1", null, "bob", null))
			.withMessageStartingWith("user_authentication needs");
	}

	@Test
	void authenticationResultsEchoTheRequestsCredentials() {
		UserAuthenticationRequest legacy = UserAuthenticationRequest.withApiKey("s1", "bob", "k");
		UserAuthenticationResult rejected = UserAuthenticationResult.rejected(legacy);
		assertThat(rejected).isEqualTo(new UserAuthenticationResult(null, false, null, "bob", "k"));
		assertThat(rejected.isAuthenticated()).isFalse();
		UserAuthenticationResult accepted = UserAuthenticationResult
			.accepted(UserAuthenticationRequest.withToken("s1", "t"), "9", true);
		assertThat(accepted.isAuthenticated()).isTrue();
		assertThat(this.codec.encode(accepted))
			.isEqualTo("{\"type\":\"user_authentication\",\"user_id\":9,\"hd\":true,\"auth_token\":\"t\"}");
	}

	private static String play(String delay) {
		return "{\"type\":\"play\",\"radio_uuid\":\"r\",\"filename\":\"a.mp3\",\"delay\":" + delay
				+ ",\"offset\":0,\"crossfade_duration\":0}";
	}

	private String rejectStreamer(String json) {
		return assertThatExceptionOfType(RadioCodecException.class)
			.isThrownBy(() -> this.codec.decodeStreamerMessage(json))
			.actual()
			.getMessage();
	}

	private String rejectScheduler(String json) {
		return assertThatExceptionOfType(RadioCodecException.class)
			.isThrownBy(() -> this.codec.decodeSchedulerMessage(json.getBytes(StandardCharsets.UTF_8)))
			.actual()
			.getMessage();
	}

}
