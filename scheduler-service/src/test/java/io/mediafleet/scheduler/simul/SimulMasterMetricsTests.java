package io.mediafleet.scheduler.simul;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.simul.SimulCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simul meters a dashboard charts exist before their first event, so a quiet master shows zeros, not gaps.
 */
class SimulMasterMetricsTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void commandsAndAdviseProblemsAreRegisteredAtZeroBeforeAnyEvent() {
		new SimulMaster(new SimulCodec(JsonLimits.DEFAULTS), InstantSource.system(), new SimulMaster.Settings(
				Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(500), 8),
				this.meters);
		for (String command : List.of("simul-file", "simul-start", "simul-stop")) {
			for (String source : List.of("rest", "irc")) {
				assertThat(this.meters.get("mediafleet.simul.commands")
					.tag("command", command)
					.tag("source", source)
					.counter()
					.count()).as("%s from %s", command, source).isZero();
			}
		}
		assertThat(this.meters.get("mediafleet.simul.advise.rejected").tag("protocol", "simul").counter().count())
			.isZero();
		assertThat(this.meters.get("mediafleet.simul.advise.dropped").tag("reason", "too-many-slaves").counter().count())
			.isZero();
		for (String name : List.of("mediafleet.simul.advise.conflicts", "mediafleet.simul.advise.stale",
				"mediafleet.simul.slaves.expired")) {
			assertThat(this.meters.get(name).counter().count()).as(name).isZero();
		}
		assertThat(this.meters.get("mediafleet.simul.state").tag("state", "idle").gauge().value()).isEqualTo(1);
	}

	@Test
	void aBadAdviseFrameCountsOnThePreRegisteredCounter() {
		SimulMaster master = new SimulMaster(new SimulCodec(JsonLimits.DEFAULTS), InstantSource.system(),
				new SimulMaster.Settings(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(5),
						Duration.ofMillis(500), 8),
				this.meters);
		master.onAdvise("not json".getBytes(StandardCharsets.UTF_8));
		assertThat(this.meters.get("mediafleet.simul.advise.rejected").counters()).hasSize(1);
		assertThat(this.meters.get("mediafleet.simul.advise.rejected").counter().count()).isEqualTo(1);
	}

}
