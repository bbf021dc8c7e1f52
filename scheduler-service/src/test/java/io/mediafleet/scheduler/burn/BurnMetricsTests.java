package io.mediafleet.scheduler.burn;

import java.util.List;

import io.mediafleet.schema.burn.BurnerTransport;
import io.mediafleet.schema.burn.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The burn farm meters a dashboard charts exist before their first event, so a quiet farm shows zeros, not gaps.
 */
class BurnMetricsTests {

	private static final String UID = "3f2a9c0e5b7d41e8a6c2f0b9d8e7a615";

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void outcomesTransportsAndConnectionEventsAreRegisteredAtZeroFromTheStart() {
		new BurnMetrics(this.registry);
		for (String outcome : List.of("passed", "failed")) {
			assertThat(this.registry.get("mediafleet.burn.jobs").tag("outcome", outcome).counter().count()).isZero();
		}
		for (String transport : List.of("tcp", "link")) {
			assertThat(this.registry.get("mediafleet.burn.bad.input").tag("transport", transport).counter().count())
				.isZero();
		}
		for (String event : List.of("accepted", "refused")) {
			assertThat(this.registry.get("mediafleet.burn.tcp.connections").tag("event", event).counter().count())
				.isZero();
		}
	}

	@Test
	void aConnectedBurnerHasAFailureCountAtZeroAndADisconnectedOneGetsNone() {
		BurnMetrics metrics = new BurnMetrics(this.registry);
		BurnFarm.Burner connected = new BurnFarm.Burner(UID);
		connected.channel = new Channel();
		BurnFarm.Burner gone = new BurnFarm.Burner("a1b2c3d4e5f60718293a4b5c6d7e8f90");
		metrics.agentsChanged(List.of(connected, gone));
		assertThat(this.registry.get("mediafleet.burn.verify.failures").tag("burner", UID).counter().count()).isZero();
		assertThat(this.registry.find("mediafleet.burn.verify.failures").counters()).hasSize(1);
		assertThat(this.registry.get("mediafleet.burn.agents").tag("transport", "tcp").gauge().value()).isEqualTo(1);
	}

	@Test
	void verdictsCountOnThePreRegisteredCounters() {
		BurnMetrics metrics = new BurnMetrics(this.registry);
		metrics.verdict(UID, Verdict.PASS);
		metrics.verdict(UID, Verdict.FAIL);
		metrics.verdict(UID, Verdict.FAIL);
		metrics.badInput(BurnerTransport.LINK);
		metrics.tcpConnection("refused");
		assertThat(this.registry.get("mediafleet.burn.jobs").tag("outcome", "passed").counter().count()).isEqualTo(1);
		assertThat(this.registry.get("mediafleet.burn.jobs").tag("outcome", "failed").counter().count()).isEqualTo(2);
		assertThat(this.registry.get("mediafleet.burn.verify.failures").tag("burner", UID).counter().count())
			.isEqualTo(2);
		assertThat(this.registry.get("mediafleet.burn.bad.input").tag("transport", "link").counter().count())
			.isEqualTo(1);
		assertThat(this.registry.get("mediafleet.burn.tcp.connections").tag("event", "refused").counter().count())
			.isEqualTo(1);
	}

	private static final class Channel implements BurnerChannel {

		@Override
		public BurnerTransport transport() {
			return BurnerTransport.TCP;
		}

		@Override
		public void burn(String hash) {
		}

		@Override
		public void eject() {
		}

	}

}
