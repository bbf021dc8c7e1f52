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

	@Test
	void anExtraStreamerRunsTheStreamersEnvironmentOnItsOwnPortsWithAnIdOfItsOwn() {
		Ports plan = Ports.defaults();
		ExtraStreamer extra = new ExtraStreamer(2, 40001, 40002);
		assertThat(extra.name()).isEqualTo("streamer-service-2");
		assertThat(extra.streamerId()).isEqualTo("devstack-streamer-2");
		java.util.Map<String, String> environment = Service.STREAMER.environment(extra.ports(plan),
				"redis://127.0.0.1:6379", "mongodb://x", "secret", "token", java.util.List.of("mpv"), false);
		// its own web and peer ports; Redis and the tracker shared with the first streamer
		assertThat(environment).containsEntry("SERVER_PORT", "40001")
			.containsEntry("MEDIAFLEET_STREAMER_PEER_PORT", "40002")
			.containsEntry("MEDIAFLEET_STREAMER_TRACKER_PORT", Integer.toString(plan.get(Port.TSP)))
			.containsEntry("SPRING_DATA_REDIS_URL", "redis://127.0.0.1:6379");
		assertThat(extra.environment()).containsEntry("MEDIAFLEET_STREAMER_STREAMERID", "devstack-streamer-2");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new ExtraStreamer(1, 40001, 40002));
	}

}
