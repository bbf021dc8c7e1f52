package io.mediafleet.burner;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class BurnerPropertiesIntegrationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(BurnerConfiguration.class);

	@Test
	void defaultsReachALocalMasterOverTheLink() {
		this.runner.run((context) -> {
			BurnerProperties properties = context.getBean(BurnerProperties.class);
			assertThat(properties.transport()).isEqualTo(BurnerProperties.Transport.LINK);
			assertThat(properties.link().masterUrl()).isEqualTo(URI.create("ws://localhost:8080/api/socket"));
			assertThat(properties.link().token()).isNull();
			assertThat(properties.tcp().host()).isEqualTo("localhost");
			assertThat(properties.tcp().port()).isEqualTo(1337);
			assertThat(properties.media()).isEqualTo(BurnerProperties.Media.DVD);
			assertThat(properties.device()).isEqualTo(Path.of("/dev/sr0"));
			assertThat(properties.isoDirectory()).isEqualTo(Path.of("isos"));
			assertThat(properties.uidFile()).isEqualTo(Path.of("burner.uid"));
			assertThat(properties.statusInterval()).isEqualTo(Duration.ofSeconds(10));
		});
	}

	@Test
	void transportAndMediaBindCaseInsensitively() {
		this.runner.withPropertyValues("mediafleet.burner.transport=tcp", "mediafleet.burner.media=CDR")
			.run((context) -> {
				BurnerProperties properties = context.getBean(BurnerProperties.class);
				assertThat(properties.transport()).isEqualTo(BurnerProperties.Transport.TCP);
				assertThat(properties.media()).isEqualTo(BurnerProperties.Media.CDR);
			});
	}

	@Test
	void theTcpTokenBindsAndNeverShowsInToString() {
		this.runner.withPropertyValues("mediafleet.burner.tcp.token=eyJhbGciOiJIUzI1NiJ9.e30.c2ln").run((context) -> {
			BurnerProperties properties = context.getBean(BurnerProperties.class);
			assertThat(properties.tcp().token()).isEqualTo("eyJhbGciOiJIUzI1NiJ9.e30.c2ln");
			assertThat(properties.tcp().toString()).doesNotContain("eyJ").contains("token=set");
		});
	}

	@Test
	void negativeMasterPortIsRefused() {
		this.runner.withPropertyValues("mediafleet.burner.tcp.port=-1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("tcp.port");
		});
	}

	@Test
	void unknownTransportIsRefused() {
		this.runner.withPropertyValues("mediafleet.burner.transport=carrier-pigeon").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("Failed to bind properties under 'mediafleet.burner.transport'");
		});
	}

	@Test
	void masterUrlMustBeAWebSocketUrl() {
		this.runner.withPropertyValues("mediafleet.burner.link.master-url=http://localhost:8080/api/socket")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(IllegalArgumentException.class)
					.hasMessageContaining("mediafleet.burner.link.master-url");
			});
	}

}
