package io.mediafleet.player;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class PlayerPropertiesIntegrationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PlayerConfiguration.class);

	@Test
	void defaultsAreTheProtocolDefaults() {
		this.runner.run((context) -> {
			PlayerProperties properties = context.getBean(PlayerProperties.class);
			assertThat(properties.slaveName()).isNull();
			assertThat(properties.master().host()).isEqualTo("localhost");
			assertThat(properties.master().advisePort()).isEqualTo(5556);
			assertThat(properties.master().commandPort()).isEqualTo(5557);
			assertThat(properties.mediaDirectory()).isEqualTo(Path.of("media"));
			assertThat(properties.command()).containsExactly("mpv");
			assertThat(properties.readyInterval()).isEqualTo(Duration.ofSeconds(5));
			assertThat(context.getBean(SlaveName.class).derived()).isTrue();
		});
	}

	@Test
	void playerCommandBindsFromACommaSeparatedList() {
		this.runner.withPropertyValues("mediafleet.player.command=mpv,--fs,--no-terminal").run((context) -> {
			assertThat(context.getBean(PlayerProperties.class).command()).isEqualTo(List.of("mpv", "--fs",
					"--no-terminal"));
		});
	}

	@Test
	void configuredSlaveNameIsUsed() {
		this.runner.withPropertyValues("mediafleet.player.slave-name=living-room").run((context) -> {
			assertThat(context.getBean(SlaveName.class)).isEqualTo(new SlaveName("living-room", false));
		});
	}

	@Test
	void curveKeysBindAndEmptyOnesCountAsUnset() {
		this.runner.withPropertyValues("mediafleet.player.master.public-key=rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7",
				"mediafleet.player.secret-key=D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs").run((context) -> {
					PlayerProperties properties = context.getBean(PlayerProperties.class);
					assertThat(properties.master().publicKey()).isEqualTo("rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7");
					assertThat(properties.secretKey()).isEqualTo("D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs");
				});
		this.runner.withPropertyValues("mediafleet.player.master.public-key=", "mediafleet.player.secret-key=")
			.run((context) -> {
				PlayerProperties properties = context.getBean(PlayerProperties.class);
				assertThat(properties.master().publicKey()).isNull();
				assertThat(properties.secretKey()).isNull();
			});
	}

	@Test
	void masterKeyWithoutTheSlavesOwnSecretKeyIsRefused() {
		this.runner.withPropertyValues("mediafleet.player.master.public-key=rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("mediafleet.player.secret-key is required"));
	}

	@Test
	void malformedSecretKeyIsRefused() {
		assertRefused("mediafleet.player.secret-key=short", "secretKey");
	}

	@Test
	void negativeAdvisePortIsRefused() {
		assertRefused("mediafleet.player.master.advise-port=-5556", "master.advisePort");
	}

	@Test
	void readyIntervalLongerThanTheMastersPatienceIsRefused() {
		assertRefused("mediafleet.player.ready-interval=20s", "readyInterval");
	}

	@Test
	void emptyPlayerCommandIsRefused() {
		assertRefused("mediafleet.player.command=", "command");
	}

	@Test
	void derivedNameComesFromTheHostName() {
		assertThat(SlaveName.of(null, Map.of("HOSTNAME", "Living.Room"))).isEqualTo(new SlaveName("living.room", true));
	}

	private void assertRefused(String property, String field) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("mediafleet.player")
				.hasMessageContaining(field);
		});
	}

}
