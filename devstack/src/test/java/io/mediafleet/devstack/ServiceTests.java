package io.mediafleet.devstack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What devstack hands each service for TSP: the tracker requires the peer token the streamer's peer sends.
 */
class ServiceTests {

	@Test
	void theTrackerRequiresTheTokenTheStreamerSendsAndNobodyElseGetsIt() {
		assertThat(Service.TRACKER.tspEnvironment("t0k")).containsExactly(
				java.util.Map.entry("MEDIAFLEET_TRACKER_PEERS_TOKEN", "t0k"));
		assertThat(Service.STREAMER.tspEnvironment("t0k")).containsExactly(
				java.util.Map.entry("MEDIAFLEET_STREAMER_TRACKER_TOKEN", "t0k"));
		for (Service service : Service.values()) {
			if (service != Service.TRACKER && service != Service.STREAMER) {
				assertThat(service.tspEnvironment("t0k")).as(service.name()).isEmpty();
			}
		}
	}

}
