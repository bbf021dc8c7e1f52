package io.mediafleet.tracker;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class TrackerPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(TrackerConfiguration.class);

	@Test
	void defaultsAreTheProtocolDefaults() {
		this.runner.run((context) -> {
			TrackerProperties properties = context.getBean(TrackerProperties.class);
			assertThat(properties.tsp().port()).isEqualTo(7070);
			assertThat(properties.tsp().bindAddress()).isEqualTo("0.0.0.0");
			assertThat(properties.tsp().maxPayload()).isEqualTo(DataSize.ofMegabytes(1));
		});
	}

	@Test
	void payloadLimitBindsFromAHumanReadableSize() {
		this.runner.withPropertyValues("mediafleet.tracker.tsp.max-payload=256KB").run((context) -> {
			assertThat(context.getBean(TrackerProperties.class).tsp().maxPayload()).isEqualTo(DataSize.ofKilobytes(256));
		});
	}

	@Test
	void negativePortIsRefused() {
		this.runner.withPropertyValues("mediafleet.tracker.tsp.port=-1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("tsp.port");
		});
	}

	@Test
	void emptyPayloadLimitIsRefused() {
		assertPayloadLimitRefused("0B");
	}

	@Test
	void payloadLimitBeyondTheLengthFieldIsRefused() {
		assertPayloadLimitRefused("2GB");
	}

	private void assertPayloadLimitRefused(String value) {
		this.runner.withPropertyValues("mediafleet.tracker.tsp.max-payload=" + value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("mediafleet.tracker.tsp.max-payload");
		});
	}

}
