package io.mediafleet.scheduler.radio;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The radio meters a dashboard charts exist before their first event, so a quiet scheduler shows zeros, not gaps.
 */
class RadioMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void everyRejectCauseIsRegisteredAtZeroFromTheStart() {
		new RadioMetrics(this.registry);
		for (RadioMetrics.RejectCause cause : RadioMetrics.RejectCause.values()) {
			Counter counter = this.registry.find("mediafleet.radio.messages.rejected").tag("cause", cause.tag()).counter();
			assertThat(counter).as(cause.tag()).isNotNull();
			assertThat(counter.count()).isZero();
		}
		assertThat(this.registry.find("mediafleet.radio.messages.rejected").counters())
			.hasSize(RadioMetrics.RejectCause.values().length);
	}

	@Test
	void aRejectionCountsOnThePreRegisteredCounterOfItsCause() {
		RadioMetrics metrics = new RadioMetrics(this.registry);
		metrics.rejected(RadioMetrics.RejectCause.MALFORMED);
		metrics.rejected(RadioMetrics.RejectCause.MALFORMED);
		assertThat(this.registry.get("mediafleet.radio.messages.rejected").tag("cause", "malformed").counter().count())
			.isEqualTo(2);
		assertThat(metrics.rejectedCount(RadioMetrics.RejectCause.MALFORMED)).isEqualTo(2);
		assertThat(metrics.rejectedCount(RadioMetrics.RejectCause.TOO_LARGE)).isZero();
	}

}
