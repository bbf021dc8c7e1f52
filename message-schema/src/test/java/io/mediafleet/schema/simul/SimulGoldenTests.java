package io.mediafleet.schema.simul;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.mediafleet.schema.json.JsonTrees;
import io.mediafleet.schema.json.JsonLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files of every simul message in the seed's hyphenated spelling, each decoding to the
 * expected record and re-encoding to equal JSON; plus the later revision's underscore spelling of
 * every message, decoding to the same record and re-encoding hyphenated.
 */
class SimulGoldenTests {

	private static final String FILE = "Big.Buck.Bunny.2008.1080p.mkv";

	static final Map<String, AdviseMessage> ADVISE_FILES = new LinkedHashMap<>();

	static final Map<String, CommandMessage> COMMAND_FILES = new LinkedHashMap<>();

	/** Underscore-spelled file (under {@code underscore/}) to the hyphenated file it must equal. */
	static final Map<String, String> UNDERSCORE_FILES = new LinkedHashMap<>();

	static {
		ADVISE_FILES.put("slave-ready.json", new SlaveReady("livingroom"));
		ADVISE_FILES.put("slave-exit.json", new SlaveExit("livingroom"));
		ADVISE_FILES.put("file-status.json",
				new FileStatus("livingroom", FILE, "a9f0e61a137d86aa9db53465e0801612", 1_700_000_000L));
		ADVISE_FILES.put("file-status-no-md5.json", new FileStatus("den", FILE, null, 1_699_999_321L));
		ADVISE_FILES.put("simul-started.json", new SimulStarted("livingroom", FILE));
		ADVISE_FILES.put("simul-notstarted.json", new SimulNotStarted("den", FILE, "file not found in /srv/media"));
		ADVISE_FILES.put("simul-playcompleted.json", new SimulPlayCompleted("livingroom", FILE));
		ADVISE_FILES.put("simul-position.json",
				new SimulPosition("livingroom", FILE, 61_250, 1_700_000_073_750L, false, 1.004));
		ADVISE_FILES.put("simul-position-paused.json",
				new SimulPosition("den", FILE, 67_000, 1_700_000_081_000L, true, null));

		COMMAND_FILES.put("simul-file.json", SimulFile.of(FILE));
		COMMAND_FILES.put("simul-file-dest.json", SimulFile.of(FILE).withDest("den"));
		COMMAND_FILES.put("simul-start.json", SimulStart.of(FILE));
		COMMAND_FILES.put("simul-start-at.json",
				SimulStart.at(FILE, java.time.Instant.parse("2023-11-14T22:13:32.500Z")));
		COMMAND_FILES.put("simul-stop.json", SimulStop.of(FILE));
		COMMAND_FILES.put("simul-pause.json", SimulPause.at(FILE, 1_700_000_080_000L, 67_000));
		COMMAND_FILES.put("simul-resume.json", SimulResume.at(FILE, 1_700_000_080_000L, 67_000));
		COMMAND_FILES.put("simul-seek.json", SimulSeek.at(FILE, 1_700_000_080_000L, 67_000));

		UNDERSCORE_FILES.put("advise/slave_ready.json", "advise/slave-ready.json");
		UNDERSCORE_FILES.put("advise/slave_exit.json", "advise/slave-exit.json");
		UNDERSCORE_FILES.put("advise/file_status.json", "advise/file-status-no-md5.json");
		UNDERSCORE_FILES.put("advise/simul_started.json", "advise/simul-started.json");
		UNDERSCORE_FILES.put("advise/simul_notstarted.json", "advise/simul-notstarted.json");
		UNDERSCORE_FILES.put("advise/simul_playcompleted.json", "advise/simul-playcompleted.json");
		UNDERSCORE_FILES.put("advise/simul_position.json", "advise/simul-position-paused.json");
		UNDERSCORE_FILES.put("command/simul_pause.json", "command/simul-pause.json");
		UNDERSCORE_FILES.put("command/simul_resume.json", "command/simul-resume.json");
		UNDERSCORE_FILES.put("command/simul_seek.json", "command/simul-seek.json");
		UNDERSCORE_FILES.put("command/simul_file.json", "command/simul-file-dest.json");
		UNDERSCORE_FILES.put("command/simul_start.json", "command/simul-start-at.json");
		UNDERSCORE_FILES.put("command/simul_stop.json", "command/simul-stop.json");
	}

	private final SimulCodec codec = new SimulCodec(JsonLimits.DEFAULTS);

	static Set<String> adviseFiles() {
		return ADVISE_FILES.keySet();
	}

	static Set<String> commandFiles() {
		return COMMAND_FILES.keySet();
	}

	static Set<String> underscoreFiles() {
		return UNDERSCORE_FILES.keySet();
	}

	@ParameterizedTest
	@MethodSource("adviseFiles")
	void adviseGoldenFileDecodesToItsRecordAndReencodesToEqualJson(String file) {
		String json = JsonTrees.resource("/golden/simul/advise/" + file);
		AdviseMessage decoded = this.codec.decodeAdvise(json.getBytes(StandardCharsets.UTF_8));
		assertThat(decoded).isEqualTo(ADVISE_FILES.get(file));
		JsonTrees.assertJsonEquals(new String(this.codec.encode(decoded), StandardCharsets.UTF_8), json);
	}

	@ParameterizedTest
	@MethodSource("commandFiles")
	void commandGoldenFileDecodesToItsRecordAndReencodesToEqualJson(String file) {
		String json = JsonTrees.resource("/golden/simul/command/" + file);
		CommandMessage decoded = this.codec.decodeCommand(json.getBytes(StandardCharsets.UTF_8));
		assertThat(decoded).isEqualTo(COMMAND_FILES.get(file));
		JsonTrees.assertJsonEquals(new String(this.codec.encode(decoded), StandardCharsets.UTF_8), json);
	}

	@ParameterizedTest
	@MethodSource("underscoreFiles")
	void underscoreSpellingDecodesToTheSameRecordAndReencodesHyphenated(String file) {
		byte[] underscored = JsonTrees.resource("/golden/simul/underscore/" + file).getBytes(StandardCharsets.UTF_8);
		String hyphenatedFile = UNDERSCORE_FILES.get(file);
		String hyphenated = JsonTrees.resource("/golden/simul/" + hyphenatedFile);
		SimulMessage decoded = file.startsWith("advise/") ? this.codec.decodeAdvise(underscored)
				: this.codec.decodeCommand(underscored);
		SimulMessage expected = hyphenatedFile.startsWith("advise/")
				? ADVISE_FILES.get(hyphenatedFile.substring("advise/".length()))
				: COMMAND_FILES.get(hyphenatedFile.substring("command/".length()));
		assertThat(decoded).isEqualTo(expected);
		String reencoded = new String(this.codec.encode(decoded), StandardCharsets.UTF_8);
		JsonTrees.assertJsonEquals(reencoded, hyphenated);
		// The type name is hyphenated; field names of the extensions (position-ms) keep their underscore.
		assertThat(reencoded).contains("\"mtype\":\"" + decoded.messageType().wireName() + "\"")
			.doesNotContain(decoded.messageType().alias());
	}

	@Test
	void everyGoldenFileOnDiskIsCheckedAndEveryCheckedFileExists() {
		assertThat(JsonTrees.fileNames("/golden/simul/advise")).containsExactlyInAnyOrderElementsOf(adviseFiles());
		assertThat(JsonTrees.fileNames("/golden/simul/command")).containsExactlyInAnyOrderElementsOf(commandFiles());
		assertThat(JsonTrees.fileNames("/golden/simul/underscore/advise").stream().map((name) -> "advise/" + name))
			.containsExactlyInAnyOrderElementsOf(
					underscoreFiles().stream().filter((name) -> name.startsWith("advise/")).toList());
		assertThat(JsonTrees.fileNames("/golden/simul/underscore/command").stream().map((name) -> "command/" + name))
			.containsExactlyInAnyOrderElementsOf(
					underscoreFiles().stream().filter((name) -> name.startsWith("command/")).toList());
	}

	@Test
	void everyMessageTypeHasAGoldenFileInBothSpellings() {
		Set<SimulMessageType> hyphenated = Stream.concat(ADVISE_FILES.values().stream(), COMMAND_FILES.values().stream())
			.map(SimulMessage::messageType)
			.collect(Collectors.toSet());
		assertThat(hyphenated).containsExactlyInAnyOrder(SimulMessageType.values());
		Set<String> underscoreTypes = UNDERSCORE_FILES.keySet()
			.stream()
			.map((file) -> file.substring(file.indexOf('/') + 1, file.length() - ".json".length()))
			.collect(Collectors.toSet());
		assertThat(underscoreTypes).containsExactlyInAnyOrderElementsOf(
				java.util.Arrays.stream(SimulMessageType.values()).map(SimulMessageType::alias).toList());
	}

}
