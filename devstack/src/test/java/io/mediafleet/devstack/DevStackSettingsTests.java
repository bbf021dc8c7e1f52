package io.mediafleet.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DevStackSettingsTests {

	private static final Path WORK = Path.of("/home/dev/mediafleet");

	@Test
	void withoutArgumentsEverythingIsDefault() {
		DevStackSettings settings = DevStackSettings.parse(List.of(), Map.of(), WORK);
		assertThat(settings).isEqualTo(DevStackSettings.defaults(WORK));
		assertThat(settings.dataDirectory()).isEqualTo(WORK.resolve("devstack-data"));
		assertThat(settings.ports().get(Port.REDIS)).isEqualTo(6379);
		assertThat(settings.ports().get(Port.MONGODB)).isEqualTo(27017);
		assertThat(settings.ports().get(Port.SCHEDULER)).isEqualTo(8080);
		assertThat(settings.ports().get(Port.PLAYER_AGENT)).isEqualTo(8084);
		assertThat(settings.readinessTimeout()).isEqualTo(Duration.ofSeconds(180));
		assertThat(settings.persistent()).isTrue();
	}

	@Test
	void environmentSetsPortsAndOptions() {
		DevStackSettings settings = DevStackSettings.parse(List.of(),
				Map.of("DEVSTACK_REDIS_PORT", "6380", "DEVSTACK_BURNER_AGENT_PORT", "9083", "DEVSTACK_TIMEOUT", "60",
						"DEVSTACK_JAVA_OPTS", " -Xmx128m  -Dx=y ", "DEVSTACK_IN_MEMORY", "true"),
				WORK);
		assertThat(settings.ports().get(Port.REDIS)).isEqualTo(6380);
		assertThat(settings.ports().get(Port.BURNER_AGENT)).isEqualTo(9083);
		assertThat(settings.readinessTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(settings.javaOptions()).containsExactly("-Xmx128m", "-Dx=y");
		assertThat(settings.persistent()).isFalse();
	}

	@Test
	void argumentsWinOverTheEnvironment() {
		DevStackSettings settings = DevStackSettings.parse(
				List.of("--redis-port=7379", "--data-dir=scratch", "--root=../other"),
				Map.of("DEVSTACK_REDIS_PORT", "6380", "DEVSTACK_DATA_DIR", "/elsewhere"), WORK);
		assertThat(settings.ports().get(Port.REDIS)).isEqualTo(7379);
		assertThat(settings.dataDirectory()).isEqualTo(WORK.resolve("scratch"));
		assertThat(settings.rootDirectory()).isEqualTo(Path.of("/home/dev/other"));
	}

	@Test
	void oneStreamerUnlessMoreAreAskedFor() {
		assertThat(DevStackSettings.parse(List.of(), Map.of(), WORK).streamers()).isEqualTo(1);
		assertThat(DevStackSettings.parse(List.of("--streamers=2"), Map.of(), WORK).streamers()).isEqualTo(2);
		assertThat(DevStackSettings.parse(List.of(), Map.of("DEVSTACK_STREAMERS", "3"), WORK).streamers())
			.isEqualTo(3);
		assertThat(DevStackSettings.defaults(WORK).withStreamers(2).withIrc(true).withMongoDbProcess(true).streamers())
			.isEqualTo(2);
		assertThat(DevStackSettings.usage()).contains("--streamers=N", "DEVSTACK_STREAMERS");
	}

	@Test
	void streamerCountOutsideOneToNineIsNamed() {
		assertThatExceptionOfType(DevStackException.class)
			.isThrownBy(() -> DevStackSettings.parse(List.of("--streamers=0"), Map.of(), WORK))
			.withMessageContaining("streamers")
			.withMessageContaining("0");
		assertThatExceptionOfType(DevStackException.class)
			.isThrownBy(() -> DevStackSettings.parse(List.of("--streamers=10"), Map.of(), WORK))
			.withMessageContaining("between 1 and 9");
		assertThatExceptionOfType(DevStackException.class)
			.isThrownBy(() -> DevStackSettings.parse(List.of("--streamers=two"), Map.of(), WORK))
			.withMessageContaining("--streamers");
	}

	@Test
	void inMemoryKeepsNoDataDirectory() {
		assertThat(DevStackSettings.parse(List.of("--in-memory"), Map.of(), WORK).dataDirectory()).isNull();
	}

	@Test
	void helpAsksForTheUsage() {
		assertThat(DevStackSettings.parse(List.of("--redis-port=1", "--help"), Map.of(), WORK)).isNull();
		assertThat(DevStackSettings.usage()).contains("--redis-port=N", "DEVSTACK_REDIS_PORT", "--in-memory",
				"--tsp-peer-port=N");
	}

	@Test
	void unknownOptionIsNamed() {
		assertThatExceptionOfType(DevStackException.class)
			.isThrownBy(() -> DevStackSettings.parse(List.of("--redis-prot=1"), Map.of(), WORK))
			.withMessageContaining("--redis-prot");
		assertThatExceptionOfType(DevStackException.class)
			.isThrownBy(() -> DevStackSettings.parse(List.of("redis"), Map.of(), WORK))
			.withMessageContaining("'redis'");
	}

	@Test
	void portThatIsNoNumberIsNamed() {
		assertThatExceptionOfType(DevStackException.class)
			.isThrownBy(() -> DevStackSettings.parse(List.of(), Map.of("DEVSTACK_MONGODB_PORT", "mongo"), WORK))
			.withMessageContaining("--mongodb-port")
			.withMessageContaining("DEVSTACK_MONGODB_PORT");
	}

	@Test
	void portOutsideTheTcpRangeIsRefused() {
		assertThatExceptionOfType(DevStackException.class)
			.isThrownBy(() -> DevStackSettings.parse(List.of("--scheduler-port=70000"), Map.of(), WORK))
			.withMessageContaining("--scheduler-port");
	}

	@Test
	void twoUsesOfOnePortAreRefused() {
		assertThatExceptionOfType(DevStackException.class)
			.isThrownBy(() -> DevStackSettings.parse(List.of("--streamer-port=8080"), Map.of(), WORK))
			.withMessageContaining("8080")
			.withMessageContaining("scheduler-service HTTP")
			.withMessageContaining("streamer-service HTTP");
	}

	@Test
	void playerCommandDefaultsToMpvFallingBackToNoAudioAndIsSetByOptionOrEnvironment() {
		assertThat(DevStackSettings.parse(List.of(), Map.of(), WORK).playerCommand())
			.containsExactly("mpv", "--no-terminal", "--audio-fallback-to-null=yes");
		assertThat(DevStackSettings.parse(List.of(), Map.of("DEVSTACK_PLAYER_COMMAND", "mpv --ao=null"), WORK)
			.playerCommand()).containsExactly("mpv", "--ao=null");
		assertThat(DevStackSettings
			.parse(List.of("--player-command=mpv  --ao=null --vo=null"), Map.of("DEVSTACK_PLAYER_COMMAND", "x"), WORK)
			.playerCommand()).containsExactly("mpv", "--ao=null", "--vo=null");
		assertThat(DevStackSettings.usage()).contains("--player-command", "DEVSTACK_PLAYER_COMMAND");
	}

	@Test
	void playerCommandWithACommaIsRefusedBecauseTheAgentSplitsItsListOnCommas() {
		assertThatExceptionOfType(DevStackException.class)
			.isThrownBy(() -> DevStackSettings.parse(List.of("--player-command=mpv --af=a,b"), Map.of(), WORK))
			.withMessageContaining("no commas");
	}

	@Test
	void ircIsOffUnlessAskedForAndItsPortIsOptionalInAPlan() {
		assertThat(DevStackSettings.parse(List.of(), Map.of(), WORK).irc()).isFalse();
		assertThat(DevStackSettings.parse(List.of("--irc"), Map.of(), WORK).irc()).isTrue();
		assertThat(DevStackSettings.parse(List.of(), Map.of("DEVSTACK_IRC", "true"), WORK).irc()).isTrue();
		java.util.EnumMap<Port, Integer> withoutIrc = new java.util.EnumMap<>(Ports.defaults().values());
		withoutIrc.remove(Port.IRC);
		assertThat(new Ports(withoutIrc).get(Port.IRC)).isEqualTo(6667);
	}

	@Test
	void mongoDbRunsInsideDevstackUnlessAProcessOfItsOwnIsAskedForAndAHoldDirectoryIsOptional() {
		DevStackSettings defaults = DevStackSettings.parse(List.of(), Map.of(), WORK);
		assertThat(defaults.mongoDbProcess()).isFalse();
		assertThat(defaults.holdDirectory()).isNull();
		assertThat(DevStackSettings.parse(List.of("--mongodb-process"), Map.of(), WORK).mongoDbProcess()).isTrue();
		assertThat(DevStackSettings.parse(List.of(), Map.of("DEVSTACK_MONGODB_PROCESS", "true"), WORK)
			.mongoDbProcess()).isTrue();
		assertThat(DevStackSettings.parse(List.of("--hold-dir=hold"), Map.of(), WORK).holdDirectory())
			.isEqualTo(WORK.resolve("hold").toAbsolutePath().normalize());
		assertThat(DevStackSettings.usage()).contains("--mongodb-process", "--hold-dir=DIR");
	}

	@Test
	void readinessTimeoutMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DevStackSettings(WORK, null, Ports.defaults(),
				Duration.ZERO, List.of()));
	}

	@Test
	void everyServiceExitsOnOutOfMemoryByDefaultAndWithOptionsThatSayNothingAboutIt() {
		assertThat(DevStackSettings.defaults(WORK).serviceJavaOptions()).contains("-XX:+ExitOnOutOfMemoryError")
			.contains("-Xmx256m");
		DevStackSettings custom = DevStackSettings.parse(List.of("--java-opts=-Xmx512m"), Map.of(), WORK);
		assertThat(custom.javaOptions()).containsExactly("-Xmx512m");
		assertThat(custom.serviceJavaOptions()).containsExactly("-Xmx512m", "-XX:+ExitOnOutOfMemoryError");
	}

	@Test
	void optionsThatChooseWhatHappensOnOutOfMemoryAreKeptAsTheyAre() {
		DevStackSettings crash = DevStackSettings.parse(List.of("--java-opts=-XX:+CrashOnOutOfMemoryError"),
				Map.of(), WORK);
		assertThat(crash.serviceJavaOptions()).containsExactly("-XX:+CrashOnOutOfMemoryError");
		DevStackSettings stay = DevStackSettings.parse(List.of("--java-opts=-XX:-ExitOnOutOfMemoryError"), Map.of(),
				WORK);
		assertThat(stay.serviceJavaOptions()).containsExactly("-XX:-ExitOnOutOfMemoryError");
	}

}
