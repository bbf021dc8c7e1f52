package io.mediafleet.tracker;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class TrackerPropertiesIntegrationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(TrackerConfiguration.class);

	@Test
	void defaultsAreTheProtocolDefaults() {
		this.runner.run((context) -> {
			TrackerProperties properties = context.getBean(TrackerProperties.class);
			assertThat(properties.tsp().port()).isEqualTo(7070);
			assertThat(properties.tsp().bindAddress()).isEqualTo("0.0.0.0");
			assertThat(properties.tsp().maxPayload()).isEqualTo(DataSize.ofMegabytes(1));
			assertThat(properties.peers().tokenSet()).isFalse();
			assertThat(properties.peers().anonymousNetworks()).isEmpty();
			assertThat(properties.admin().tokenSet()).isFalse();
		});
	}

	@Test
	void anonymousNetworksBindFromACommaSeparatedList() {
		this.runner.withPropertyValues("mediafleet.tracker.peers.anonymous-networks=10.0.0.0/8, fd00::/8")
			.run((context) -> assertThat(context.getBean(TrackerProperties.class).peers().anonymousNetworks())
				.containsExactly("10.0.0.0/8", "fd00::/8"));
	}

	@Test
	void aNetworkThatIsNotCidrIsRefusedAtStartup() {
		this.runner.withPropertyValues("mediafleet.tracker.peers.anonymous-networks=lan").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("network 'lan' does not start with an IP address");
		});
	}

	@Test
	void aPeerTokenThatCannotTravelInATokenLineIsRefusedAtStartup() {
		this.runner.withPropertyValues("mediafleet.tracker.peers.token=two words").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("mediafleet.tracker.peers.token: TOKEN contains a space");
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
