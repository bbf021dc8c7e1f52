package io.mediafleet.streamer;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class StreamerPropertiesIntegrationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(StreamerConfiguration.class);

	@Test
	void defaultsAreTheProtocolDefaults() {
		this.runner.run((context) -> {
			StreamerProperties properties = context.getBean(StreamerProperties.class);
			assertThat(properties.streamerId()).isNull();
			assertThat(properties.channelPrefix()).isEmpty();
			assertThat(properties.libraryDirectory()).isEqualTo(Path.of("library"));
			assertThat(properties.listenerLimit()).isEqualTo(1000);
			assertThat(properties.peer().port()).isEqualTo(7071);
			assertThat(properties.tracker().host()).isEqualTo("localhost");
			assertThat(properties.tracker().port()).isEqualTo(7070);
			assertThat(context.getBean(StreamerIdentity.class).derived()).isTrue();
		});
	}

	@Test
	void listenerPortWritesTwelveTimesInEveryTwoSecondsByDefault() {
		this.runner.run((context) -> {
			Duration interval = context.getBean(StreamerProperties.class).stream().listenerWriteInterval();
			// Every 2 s window holds twelve writes, so one late write still leaves 11/12 of the bitrate in it.
			assertThat(Duration.ofSeconds(2).dividedBy(interval)).isEqualTo(12);
			assertThat(interval.multipliedBy(12)).isBetween(Duration.ofSeconds(2).minusNanos(12), Duration.ofSeconds(2));
		});
	}

	@Test
	void listenerWriteIntervalAcceptsTenMillisecondsToOneSecond() {
		this.runner
			.withPropertyValues("mediafleet.streamer.stream.listener-write-interval=10ms")
			.run((context) -> assertThat(context.getBean(StreamerProperties.class).stream().listenerWriteInterval())
				.isEqualTo(Duration.ofMillis(10)));
		this.runner
			.withPropertyValues("mediafleet.streamer.stream.listener-write-interval=1s")
			.run((context) -> assertThat(context.getBean(StreamerProperties.class).stream().listenerWriteInterval())
				.isEqualTo(Duration.ofSeconds(1)));
	}

	@Test
	void listenerWriteIntervalBelowTenMillisecondsIsRefused() {
		assertRefused("mediafleet.streamer.stream.listener-write-interval=9ms", "listenerWriteInterval");
	}

	@Test
	void listenerWriteIntervalAboveOneSecondIsRefused() {
		assertRefused("mediafleet.streamer.stream.listener-write-interval=1001ms", "listenerWriteInterval");
	}

	@Test
	void listenerPortWritesWithOneThreadUnlessConfiguredAndZeroMeansOnePerCore() {
		this.runner.run((context) -> {
			StreamerProperties.Stream stream = context.getBean(StreamerProperties.class).stream();
			assertThat(stream.listenerWriteThreads()).isEqualTo(1);
			assertThat(stream.effectiveListenerWriteThreads()).isEqualTo(1);
		});
		this.runner.withPropertyValues("mediafleet.streamer.stream.listener-write-threads=0")
			.run((context) -> assertThat(
					context.getBean(StreamerProperties.class).stream().effectiveListenerWriteThreads())
				.isEqualTo(Runtime.getRuntime().availableProcessors()));
		this.runner.withPropertyValues("mediafleet.streamer.stream.listener-write-threads=3")
			.run((context) -> assertThat(
					context.getBean(StreamerProperties.class).stream().effectiveListenerWriteThreads())
				.isEqualTo(3));
	}

	@Test
	void listenerWriteThreadsAboveSixtyFourAreRefused() {
		assertRefused("mediafleet.streamer.stream.listener-write-threads=65", "listenerWriteThreads");
		assertRefused("mediafleet.streamer.stream.listener-write-threads=-1", "listenerWriteThreads");
	}

	@Test
	void configuredStreamerIdIsUsed() {
		this.runner.withPropertyValues("mediafleet.streamer.streamer-id=media-01").run((context) -> {
			assertThat(context.getBean(StreamerIdentity.class)).isEqualTo(new StreamerIdentity("media-01", false));
		});
	}

	@Test
	void negativePeerPortIsRefused() {
		assertRefused("mediafleet.streamer.peer.port=-1", "peer.port");
	}

	@Test
	void trackerPortZeroIsRefused() {
		assertRefused("mediafleet.streamer.tracker.port=0", "tracker.port");
	}

	@Test
	void listenerLimitMustBePositive() {
		assertRefused("mediafleet.streamer.listener-limit=0", "listenerLimit");
	}

	@Test
	void streamerIdWithSpacesIsRefused() {
		assertRefused("mediafleet.streamer.streamer-id=my streamer", "streamerId");
	}

	private void assertRefused(String property, String field) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("mediafleet.streamer")
				.hasMessageContaining(field);
		});
	}

}
