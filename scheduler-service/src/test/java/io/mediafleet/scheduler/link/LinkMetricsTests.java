package io.mediafleet.scheduler.link;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The link meters a dashboard charts exist before their first event, so a quiet hub shows zeros, not gaps.
 */
class LinkMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void requestTimeoutsExistAtZeroFromTheStartAndCountOnTheSameCounter() {
		LinkMetrics metrics = new LinkMetrics(this.registry);
		assertThat(this.registry.get("mediafleet.link.requests.timeouts").counter().count()).isZero();
		metrics.requestTimeout();
		assertThat(this.registry.get("mediafleet.link.requests.timeouts").counters()).hasSize(1);
		assertThat(this.registry.get("mediafleet.link.requests.timeouts").counter().count()).isEqualTo(1);
	}

}
