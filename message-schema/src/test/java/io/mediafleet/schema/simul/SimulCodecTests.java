package io.mediafleet.schema.simul;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.mediafleet.schema.json.JsonTrees;
import io.mediafleet.schema.json.JsonLimits;
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

/**
 * Decoding rules of {@link SimulCodec}: what it tolerates, what it rejects and how the error names
 * the problem.
 */
class SimulCodecTests {

	private static final JsonMapper TREES = JsonMapper.builder().build();

	/** Fields that may be absent or null. */
	private static final Set<String> OPTIONAL_FIELDS = Set.of("md5", "dest", "at", "position-ms", "latency-ms", "paused",
			"speed");

	private static final String FILE_STATUS = "{\"mtype\":\"file-status\",\"src\":\"den\",\"filename\":\"a.mkv\"";

	private final SimulCodec codec = new SimulCodec(JsonLimits.DEFAULTS);

	// --- tolerance -----------------------------------------------------------------------------------

	@Test
	void unknownExtraFieldsAreIgnoredOnBothBuses() {
		assertThat(advise("{\"mtype\":\"slave-ready\",\"src\":\"den\",\"version\":3,\"load\":[0.5,{\"x\":null}]}"))
			.isEqualTo(new SlaveReady("den"));
		assertThat(command("{\"mtype\":\"simul-stop\",\"src\":\"master\",\"filename\":\"a.mkv\",\"why\":\"jerk\"}"))
			.isEqualTo(SimulStop.of("a.mkv"));
	}

	@Test
	void catchUpPositionAndLatencyExtensionsRoundTripAndSeedFormsStillDecode() {
		SimulStart catchUp = new SimulStart("den", "a.mkv", 1_700_000_012_500L, 83_250L);
		assertThat(new String(this.codec.encode(catchUp), java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo("{\"mtype\":\"simul-start\",\"dest\":\"den\",\"filename\":\"a.mkv\",\"at\":1700000012500,"
					+ "\"position-ms\":83250}");
		assertThat(command(new String(this.codec.encode(catchUp), java.nio.charset.StandardCharsets.UTF_8)))
			.isEqualTo(catchUp);
		assertThat(advise("{\"mtype\":\"slave-ready\",\"src\":\"den\",\"latency-ms\":120}"))
			.isEqualTo(new SlaveReady("den", 120));
		assertThat(new String(this.codec.encode(new SlaveReady("den")), java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo("{\"mtype\":\"slave-ready\",\"src\":\"den\"}");
		assertThat(command("{\"mtype\":\"simul-start\",\"filename\":\"a.mkv\",\"at\":5}"))
			.isEqualTo(new SimulStart(null, "a.mkv", 5L, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new SlaveReady("den", 10_001))
			.withMessageContaining("latency-ms");
		assertThatIllegalArgumentException().isThrownBy(() -> new SimulStart(null, "a.mkv", null, -1L))
			.withMessageContaining("position-ms");
	}

	@Test
	void simulFileMayCarryTheMd5AsAnExtension() {
		assertThat(command("{\"mtype\":\"simul-file\",\"filename\":\"a.mkv\",\"md5\":\"A9F0E61A137D86AA9DB53465E0801612\"}"))
			.isEqualTo(new SimulFile(null, "a.mkv", "a9f0e61a137d86aa9db53465e0801612"));
		assertThat(command("{\"mtype\":\"simul-file\",\"filename\":\"a.mkv\"}")).isEqualTo(SimulFile.of("a.mkv"));
		assertThat(new String(this.codec.encode(SimulFile.of("a.mkv")), StandardCharsets.UTF_8)).doesNotContain("md5");
	}

	@Test
	void mtypeMayComeAfterTheOtherFields() {
		assertThat(advise("{\"src\":\"den\",\"filename\":\"a.mkv\",\"mtype\":\"simul_started\"}"))
			.isEqualTo(new SimulStarted("den", "a.mkv"));
	}

	@Test
	void optionalFieldsMayBeNullOrAbsent() {
		assertThat(command("{\"mtype\":\"simul-start\",\"dest\":null,\"filename\":\"a.mkv\",\"at\":null}"))
			.isEqualTo(SimulStart.of("a.mkv"));
		assertThat(advise(FILE_STATUS + ",\"md5\":null,\"ts\":5}")).isEqualTo(new FileStatus("den", "a.mkv", null, 5));
	}

	@Test
	void fileStatusTimestampWithAFractionIsTruncatedToWholeSeconds() {
		assertThat(advise(FILE_STATUS + ",\"ts\":1700000000.987}"))
			.isEqualTo(new FileStatus("den", "a.mkv", null, 1_700_000_000L));
	}

	@Test
	void uppercaseMd5IsAcceptedAndWrittenInLowercase() {
		FileStatus status = (FileStatus) advise(FILE_STATUS + ",\"md5\":\"A9F0E61A137D86AA9DB53465E0801612\",\"ts\":1}");
		assertThat(status.md5()).isEqualTo("a9f0e61a137d86aa9db53465e0801612");
		assertThat(new String(this.codec.encode(status), StandardCharsets.UTF_8))
			.contains("\"md5\":\"a9f0e61a137d86aa9db53465e0801612\"");
	}

	@Test
	void filenamesMayBePathsAndAnyPrintableUnicode() {
		assertThat(command("{\"mtype\":\"simul-file\",\"filename\":\"films/Am\u00e9lie (2001) \u6f22 \uD83C\uDFAC.mkv\"}"))
			.isEqualTo(SimulFile.of("films/Am\u00e9lie (2001) \u6f22 \uD83C\uDFAC.mkv"));
		String longest = "f".repeat(SimulFields.MAX_FILENAME_LENGTH);
		assertThat(command("{\"mtype\":\"simul-file\",\"filename\":\"" + longest + "\"}")).isEqualTo(SimulFile.of(longest));
	}

	// --- missing and null required fields --------------------------------------------------------------

	static Stream<Arguments> requiredFieldsOfEveryGoldenFile() {
		List<Arguments> cases = new ArrayList<>();
		collect("advise", SimulGoldenTests.ADVISE_FILES.keySet(), cases);
		collect("command", SimulGoldenTests.COMMAND_FILES.keySet(), cases);
		return cases.stream();
	}

	private static void collect(String bus, Set<String> files, List<Arguments> cases) {
		for (String file : files) {
			ObjectNode message = (ObjectNode) TREES.readTree(JsonTrees.resource("/golden/simul/" + bus + "/" + file));
			for (String field : message.propertyNames()) {
				if (!field.equals("mtype") && !OPTIONAL_FIELDS.contains(field)) {
					cases.add(Arguments.of(bus, file, field));
				}
			}
		}
	}

	@ParameterizedTest(name = "{0}/{1} without {2}")
	@MethodSource("requiredFieldsOfEveryGoldenFile")
	void missingRequiredFieldIsRejectedNamingTheField(String bus, String file, String field) {
		ObjectNode message = (ObjectNode) TREES.readTree(JsonTrees.resource("/golden/simul/" + bus + "/" + file));
		message.remove(field);
		assertThat(reject(bus, message.toString())).startsWith("missing required field '" + field + "'");
	}

	@ParameterizedTest(name = "{0}/{1} with {2} null")
	@MethodSource("requiredFieldsOfEveryGoldenFile")
	void nullRequiredFieldIsRejectedNamingTheField(String bus, String file, String field) {
		ObjectNode message = (ObjectNode) TREES.readTree(JsonTrees.resource("/golden/simul/" + bus + "/" + file));
		message.putNull(field);
		assertThat(reject(bus, message.toString())).startsWith("missing required field '" + field + "'");
	}

	// --- wrong JSON types and bad values ---------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "\"abc\"", "\"1700000000\"", "true", "[1]", "{}" })
	void timestampOfTheWrongJsonTypeIsRejected(String ts) {
		assertThat(rejectAdvise(FILE_STATUS + ",\"ts\":" + ts + "}")).startsWith("field 'ts' must be an integer");
	}

	@Test
	void negativeOrOutOfRangeTimesAreRejected() {
		assertThat(rejectAdvise(FILE_STATUS + ",\"ts\":-1}")).startsWith("field 'ts' must not be negative");
		assertThat(rejectAdvise(FILE_STATUS + ",\"ts\":100000000000000000000}")).contains("out of range");
		assertThat(rejectCommand("{\"mtype\":\"simul-start\",\"filename\":\"a\",\"at\":-5}"))
			.startsWith("field 'at' must not be negative");
		assertThat(rejectCommand("{\"mtype\":\"simul-start\",\"filename\":\"a\",\"at\":\"soon\"}"))
			.startsWith("field 'at' must be an integer");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"\"", "\"a9f0e61a\"", "\"a9f0e61a137d86aa9db53465e080161g\"",
			"\"a9f0e61a137d86aa9db53465e08016123\"", "\"\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663"
					+ "\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663"
					+ "\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\"" })
	void md5ThatIsNot32HexDigitsIsRejected(String md5) {
		assertThat(rejectAdvise(FILE_STATUS + ",\"md5\":" + md5 + ",\"ts\":1}")).startsWith("field 'md5' must be 32 hex digits");
	}

	@Test
	void md5OfTheWrongJsonTypeIsRejected() {
		assertThat(rejectAdvise(FILE_STATUS + ",\"md5\":1.5,\"ts\":1}")).startsWith("field 'md5' must be a string");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\\u0000b", "line\\nbreak", "tab\\there", "del\\u007f", "nel\\u0085" })
	void filenamesWithControlCharactersAreRejected(String filename) {
		assertThat(rejectCommand("{\"mtype\":\"simul-file\",\"filename\":\"" + filename + "\"}"))
			.startsWith("field 'filename' must not contain control characters");
	}

	@Test
	void blankOrOverlongFilenamesAreRejected() {
		assertThat(rejectCommand("{\"mtype\":\"simul-file\",\"filename\":\"  \"}"))
			.startsWith("field 'filename' must not be blank");
		assertThat(rejectCommand(
				"{\"mtype\":\"simul-file\",\"filename\":\"" + "f".repeat(SimulFields.MAX_FILENAME_LENGTH + 1) + "\"}"))
			.startsWith("field 'filename' is 1025 characters long, over the limit of 1024");
	}

	@Test
	void integersWhereTextIsExpectedAreReadAsTheirDecimalText() {
		assertThat(command("{\"mtype\":\"simul-file\",\"filename\":7}")).isEqualTo(SimulFile.of("7"));
		assertThat(advise("{\"mtype\":\"slave-ready\",\"src\":42}")).isEqualTo(new SlaveReady("42"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"\"", "\"living room\"", "\"den\\n\"", "1.5", "false", "[]" })
	void unusableSlaveNamesAreRejected(String src) {
		assertThat(rejectAdvise("{\"mtype\":\"slave-ready\",\"src\":" + src + "}")).startsWith("field 'src' must");
	}

	@Test
	void destIsValidatedLikeSrc() {
		assertThat(rejectCommand("{\"mtype\":\"simul-stop\",\"dest\":\"two words\",\"filename\":\"a\"}"))
			.startsWith("field 'dest' must not contain whitespace");
	}

	@Test
	void unpairedSurrogatesAreRejectedBecauseTheyCannotBeEncoded() {
		assertThat(rejectAdvise("{\"mtype\":\"simul-notstarted\",\"src\":\"d\",\"filename\":\"a\",\"reason\":\"\\udc00\"}"))
			.startsWith("field 'reason' contains an unpaired surrogate");
	}

	@Test
	void positionOutsideItsBoundsOrOfTheWrongTypeIsRejected() {
		String position = "{\"mtype\":\"simul-position\",\"src\":\"den\",\"filename\":\"a\",\"clock-ms\":1";
		assertThat(rejectAdvise(position + ",\"position-ms\":-1}")).startsWith("field 'position-ms' must be between 0");
		assertThat(rejectAdvise(position + ",\"position-ms\":8640000001}"))
			.startsWith("field 'position-ms' must be between 0");
		assertThat(rejectAdvise(position + ",\"position-ms\":\"12\"}")).startsWith("field 'position-ms' must be");
		assertThat(rejectAdvise(position + ",\"position-ms\":5,\"speed\":0}")).startsWith("field 'speed' must be between");
		assertThat(rejectAdvise(position + ",\"position-ms\":5,\"speed\":1e9}")).startsWith("field 'speed' must be between");
		assertThat(advise(position + ",\"position-ms\":5,\"paused\":null}"))
			.isEqualTo(new SimulPosition("den", "a", 5, 1, false, null));
		assertThat(rejectCommand("{\"mtype\":\"simul-seek\",\"filename\":\"a\",\"position-ms\":-3}"))
			.startsWith("field 'position-ms' must be between 0");
	}

	// --- mtype and buses ----------------------------------------------------------------------------------

	@Test
	void unknownMissingOrMixedMtypeIsRejected() {
		assertThat(rejectAdvise("{\"mtype\":\"slave-dance\",\"src\":\"den\"}")).startsWith("unknown mtype 'slave-dance'");
		assertThat(rejectAdvise("{\"mtype\":\"slave_ready-\",\"src\":\"den\"}")).startsWith("unknown mtype 'slave_ready-'");
		assertThat(rejectAdvise("{\"mtype\":\"SLAVE-READY\",\"src\":\"den\"}")).startsWith("unknown mtype 'SLAVE-READY'");
		assertThat(rejectAdvise("{\"src\":\"den\"}")).startsWith("missing or invalid field 'mtype'");
		assertThat(rejectAdvise("{\"type\":\"slave-ready\",\"src\":\"den\"}")).startsWith("missing or invalid field 'mtype'");
		assertThat(rejectAdvise("{\"mtype\":[\"slave-ready\"],\"src\":\"den\"}"))
			.startsWith("missing or invalid field 'mtype'");
	}

	@Test
	void aMessageOfTheOtherBusIsRejectedAsSuch() {
		assertThat(rejectAdvise("{\"mtype\":\"simul-start\",\"filename\":\"a\"}"))
			.isEqualTo("mtype 'simul-start' belongs on the command bus, not accepted on the advise bus");
		assertThat(rejectCommand("{\"mtype\":\"slave_ready\",\"src\":\"den\"}"))
			.isEqualTo("mtype 'slave-ready' belongs on the advise bus, not accepted on the command bus");
	}

	// --- malformed JSON and limits ---------------------------------------------------------------------------

	@Test
	void singleQuotedPseudoJsonOfTheSeedIsRejected() {
		assertThat(rejectAdvise("{'mtype': 'slave-ready', 'src': 'den'}"))
			.startsWith("Unexpected character (''' (code 39)): was expecting double-quote to start property name");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "[]", "null", "\"slave-ready\"", "{", "{\"mtype\":\"slave-ready\",\"src\":\"den\"}}",
			"{\"mtype\":\"slave-ready\",\"src\":\"den\"} {}", "{\"mtype\":\"slave-ready\",\"mtype\":\"slave-exit\",\"src\":\"d\"}" })
	void malformedFramesAreRejectedWithTheCodecException(String json) {
		assertThatExceptionOfType(SimulCodecException.class)
			.isThrownBy(() -> this.codec.decodeAdvise(json.getBytes(StandardCharsets.UTF_8)))
			.satisfies((ex) -> assertThat(ex.protocol()).isEqualTo("simul"))
			.withMessageNotContaining("io.mediafleet");
		assertThatExceptionOfType(SimulCodecException.class)
			.isThrownBy(() -> this.codec.decodeCommand(json.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void oversizeFrameIsRejectedBeforeParsing() {
		SimulCodec small = new SimulCodec(JsonLimits.DEFAULTS.withMaxMessageBytes(48));
		byte[] frame = ("{\"mtype\":\"slave-ready\",\"src\":\"den\"}" + " ".repeat(20)).getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(SimulCodecException.class).isThrownBy(() -> small.decodeAdvise(frame))
			.withMessage("frame is 55 bytes, over the limit of 48");
	}

	@Test
	void deeplyNestedExtraFieldIsRejectedByTheDepthLimit() {
		String bomb = "{\"mtype\":\"slave-ready\",\"src\":\"den\",\"x\":" + "{\"a\":".repeat(10_000) + "1"
				+ "}".repeat(10_000) + "}";
		assertThatExceptionOfType(SimulCodecException.class)
			.isThrownBy(() -> this.codec.decodeAdvise(bomb.getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("nesting depth");
	}

	@Test
	void invalidUtf8IsRejected() {
		byte[] frame = { '{', '"', 'm', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xFF, '"', '}' };
		assertThatExceptionOfType(SimulCodecException.class).isThrownBy(() -> this.codec.decodeAdvise(frame))
			.withMessageContaining("UTF-8");
	}

	// --- encoding and commands in code ------------------------------------------------------------------------

	@Test
	void encodingWritesHyphenatedNamesAndLeavesOutAbsentOptionalFields() {
		assertThat(encode(SimulStart.of("a.mkv"))).isEqualTo("{\"mtype\":\"simul-start\",\"filename\":\"a.mkv\"}");
		assertThat(encode(SimulStart.at("a.mkv", Instant.ofEpochMilli(1_700_000_012_500L)).withDest("den")))
			.isEqualTo("{\"mtype\":\"simul-start\",\"dest\":\"den\",\"filename\":\"a.mkv\",\"at\":1700000012500}");
		assertThat(encode(new FileStatus("den", "a.mkv", null, 7)))
			.isEqualTo("{\"mtype\":\"file-status\",\"src\":\"den\",\"filename\":\"a.mkv\",\"ts\":7}");
		assertThat(encode(new SimulPlayCompleted("den", "a.mkv")))
			.isEqualTo("{\"mtype\":\"simul-playcompleted\",\"src\":\"den\",\"filename\":\"a.mkv\"}");
	}

	@Test
	void encodingRefusesAFrameOverTheLimit() {
		SimulCodec small = new SimulCodec(JsonLimits.DEFAULTS.withMaxMessageBytes(48));
		assertThatExceptionOfType(SimulCodecException.class).isThrownBy(() -> small.encode(SimulFile.of("x".repeat(60))))
			.withMessageStartingWith("encoded simul-file is ")
			.withMessageEndingWith("bytes, over the limit of 48");
	}

	@Test
	void aCommandWithoutDestIsForEverySlaveAndOneWithDestOnlyForThatSlave() {
		assertThat(SimulStop.of("a").isFor("den")).isTrue();
		assertThat(SimulStop.of("a").withDest("den").isFor("den")).isTrue();
		assertThat(SimulStop.of("a").withDest("den").isFor("attic")).isFalse();
	}

	@Test
	void startInstantIsTheAtFieldOrNullForImmediately() {
		assertThat(SimulStart.of("a").startInstant()).isNull();
		assertThat(SimulStart.at("a", Instant.parse("2026-11-22T20:00:00.250Z")).startInstant())
			.isEqualTo(Instant.parse("2026-11-22T20:00:00.250Z"));
	}

	@Test
	void recordsBuiltInCodeObeyTheSameRules() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SlaveReady(" "))
			.withMessageStartingWith("field 'src' must not contain whitespace");
		assertThatIllegalArgumentException().isThrownBy(() -> new FileStatus("den", "a", "xyz", 1))
			.withMessageStartingWith("field 'md5' must be 32 hex digits");
		assertThatIllegalArgumentException().isThrownBy(() -> SimulFile.of("a\u0000"))
			.withMessageStartingWith("field 'filename' must not contain control characters");
	}

	private String encode(SimulMessage message) {
		return new String(this.codec.encode(message), StandardCharsets.UTF_8);
	}

	private AdviseMessage advise(String json) {
		return this.codec.decodeAdvise(json.getBytes(StandardCharsets.UTF_8));
	}

	private CommandMessage command(String json) {
		return this.codec.decodeCommand(json.getBytes(StandardCharsets.UTF_8));
	}

	private String reject(String bus, String json) {
		return bus.equals("advise") ? rejectAdvise(json) : rejectCommand(json);
	}

	private String rejectAdvise(String json) {
		return assertThatExceptionOfType(SimulCodecException.class).isThrownBy(() -> advise(json)).actual().getMessage();
	}

	private String rejectCommand(String json) {
		return assertThatExceptionOfType(SimulCodecException.class).isThrownBy(() -> command(json)).actual().getMessage();
	}

}
