package io.mediafleet.scheduler;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulerPropertiesIntegrationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(SchedulerConfiguration.class);

	@Test
	void defaultsAreTheProtocolDefaults() {
		this.runner.run((context) -> {
			SchedulerProperties properties = context.getBean(SchedulerProperties.class);
			assertThat(properties.radio().channelPrefix()).isEmpty();
			assertThat(properties.radio().pingInterval()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.radio().missedPongs()).isEqualTo(2);
			assertThat(properties.radio().playLeadTime()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.radio().prepareAhead()).isEqualTo(Duration.ofSeconds(2));
			assertThat(properties.link().path()).isEqualTo("/api/socket");
			assertThat(properties.link().heartbeatInterval()).isEqualTo(Duration.ofSeconds(15));
			assertThat(properties.link().sessionTimeout()).isEqualTo(Duration.ofSeconds(60));
			// Shorter than the protocol's 30 s (LinkProtocol.DEFAULT_HANDSHAKE_TIMEOUT): an agent registers within
			// milliseconds of hello, and an unregistered connection is what a flood is made of (issue 19).
			assertThat(properties.link().handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.link().maxUnregistered()).isEqualTo(1000);
			assertThat(properties.link().closeGrace()).isEqualTo(Duration.ofSeconds(2));
			assertThat(properties.http().maxConnectionsPerAddress()).isEqualTo(256);
			assertThat(properties.link().jwtSecret()).isNull();
			assertThat(properties.burn().port()).isEqualTo(1337);
			// Relative: devstack's scheduler-service/ data directory, /data in the container images.
			assertThat(properties.burn().spoolDir()).isEqualTo(Path.of("burn-spool"));
			assertThat(properties.burn().maxSpoolSize()).isEqualTo(DataSize.ofMegabytes(64));
			assertThat(properties.simul().advisePort()).isEqualTo(5556);
			assertThat(properties.simul().commandPort()).isEqualTo(5557);
			assertThat(properties.simul().slaveTimeout()).isEqualTo(Duration.ofSeconds(15));
			// A stranger's half-sent greetings hold at most 16 places per address for 3 s on each bus (issue 19).
			assertThat(properties.simul().admission().maxPendingPerAddress()).isEqualTo(16);
			assertThat(properties.simul().admission().maxPending()).isEqualTo(256);
			assertThat(properties.simul().admission().maxConnections()).isEqualTo(1024);
			assertThat(properties.simul().admission().handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
			assertThat(properties.irc().enabled()).isFalse();
		});
	}

	@Test
	void valuesBindFromRelaxedNames() {
		this.runner
			.withPropertyValues("mediafleet.scheduler.radio.channel-prefix=tenant1.",
					"mediafleet.scheduler.radio.ping-interval=2s", "mediafleet.scheduler.burn.port=0",
					"mediafleet.scheduler.irc.enabled=true", "mediafleet.scheduler.irc.channel=#radio")
			.run((context) -> {
				SchedulerProperties properties = context.getBean(SchedulerProperties.class);
				assertThat(properties.radio().channelPrefix()).isEqualTo("tenant1.");
				assertThat(properties.radio().pingInterval()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.burn().port()).isZero();
				assertThat(properties.irc().enabled()).isTrue();
				assertThat(properties.irc().channel()).isEqualTo("#radio");
			});
	}

	@Test
	void busAdmissionWithoutPendingPlacesIsRefused() {
		assertRefused("mediafleet.scheduler.simul.admission.max-pending-per-address=0",
				"simul.admission.maxPendingPerAddress");
	}

	@Test
	void burnSpoolBindsFromRelaxedNames() {
		this.runner
			.withPropertyValues("mediafleet.scheduler.burn.spool-dir=/var/lib/mediafleet/spool",
					"mediafleet.scheduler.burn.max-spool-size=1MB")
			.run((context) -> {
				SchedulerProperties properties = context.getBean(SchedulerProperties.class);
				assertThat(properties.burn().spoolDir()).isEqualTo(Path.of("/var/lib/mediafleet/spool"));
				assertThat(properties.burn().maxSpoolSize()).isEqualTo(DataSize.ofMegabytes(1));
			});
	}

	@Test
	void burnSpoolSmallerThan64KbIsRefused() {
		this.runner.withPropertyValues("mediafleet.scheduler.burn.max-spool-size=1KB").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("mediafleet.scheduler.burn.max-spool-size");
		});
	}

	@Test
	void negativePortIsRefused() {
		assertRefused("mediafleet.scheduler.burn.port=-1", "burn.port");
	}

	@Test
	void portAboveTheTcpRangeIsRefused() {
		assertRefused("mediafleet.scheduler.simul.command-port=65536", "simul.commandPort");
	}

	@Test
	void zeroPingIntervalIsRefused() {
		assertRefused("mediafleet.scheduler.radio.ping-interval=0s", "radio.pingInterval");
	}

	@Test
	void prepareAheadAboveAMinuteIsRefused() {
		assertRefused("mediafleet.scheduler.radio.prepare-ahead=61s", "radio.prepareAhead");
	}

	@Test
	void negativePrepareAheadIsRefused() {
		assertRefused("mediafleet.scheduler.radio.prepare-ahead=-1s", "radio.prepareAhead");
	}

	@Test
	void streamerMustMissAtLeastOnePong() {
		assertRefused("mediafleet.scheduler.radio.missed-pongs=0", "radio.missedPongs");
	}

	@Test
	void linkPathMustBeAbsolute() {
		assertRefused("mediafleet.scheduler.link.path=api/socket", "link.path");
	}

	@Test
	void shortJwtSecretIsRefused() {
		assertRefused("mediafleet.scheduler.link.jwt-secret=too-short", "link.jwtSecret");
	}

	@Test
	void configuredJwtSecretIsUsed() {
		String secret = "0123456789abcdef0123456789abcdef";
		this.runner.withPropertyValues("mediafleet.scheduler.link.jwt-secret=" + secret).run((context) -> {
			LinkSecret linkSecret = context.getBean(LinkSecret.class);
			assertThat(linkSecret.generated()).isFalse();
			assertThat(linkSecret.key()).isEqualTo(secret.getBytes());
			assertThat(linkSecret.toString()).doesNotContain(secret);
		});
	}

	@Test
	void missingJwtSecretIsGeneratedRandomlyPerRun() {
		this.runner.run((first) -> this.runner.run((second) -> {
			LinkSecret one = first.getBean(LinkSecret.class);
			LinkSecret other = second.getBean(LinkSecret.class);
			assertThat(one.generated()).isTrue();
			assertThat(one.key()).hasSize(32).isNotEqualTo(other.key());
		}));
	}

	private void assertRefused(String property, String field) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("mediafleet.scheduler")
				.hasMessageContaining(field);
		});
	}

}
