package io.mediafleet.streamer.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One end-to-end check of username + api_key listeners, run against each listener front end: credentials as query
 * parameters and as headers reach the scheduler double in {@code user_authentication}, its answer decides the
 * {@code user_id} of {@code register_listener} and the {@code X-Mediafleet-Hd} response header.
 */
public final class ApiKeyListeners {

	private ApiKeyListeners() {
	}

	/**
	 * @param radioUrl the radio's listener URL, without query
	 * @param radioUuid the radio's id (programmed in the double)
	 */
	public static void authenticateByQueryParameterAndByHeader(SchedulerDouble scheduler, MeterRegistry registry,
			String streamerId, String radioUrl, String radioUuid) throws Exception {
		double hdBefore = identified(registry, "hd");
		double userBefore = identified(registry, "user");
		double refusedBefore = identified(registry, "refused");
		String annQuery = "?username=ann&api_key=" + URLEncoder.encode(SchedulerDouble.ANN_KEY, StandardCharsets.UTF_8);
		try (IcyClient ann = new IcyClient(radioUrl + annQuery);
				IcyClient bob = new IcyClient(radioUrl, Map.of("X-Username", "bob", "X-Api-Key", "bob-key"));
				IcyClient wrong = new IcyClient(radioUrl + "?username=ann&api_key=wrong")) {
			ann.readIntervals(1);
			bob.readIntervals(1);
			wrong.readIntervals(1);
			assertThat(ann.header("X-Mediafleet-Hd")).isEqualTo("true");
			assertThat(bob.header("X-Mediafleet-Hd")).isEqualTo("false");
			assertThat(wrong.header("X-Mediafleet-Hd")).isEqualTo("false");
			List<String> asked = scheduler.received("user_authentication")
				.stream()
				.filter((message) -> message.has("username"))
				.map((message) -> message.get("streamer").asString() + " " + message.get("username").asString() + " "
						+ message.get("api_key").asString() + " token:" + message.has("auth_token"))
				.toList();
			assertThat(asked).contains(streamerId + " ann " + SchedulerDouble.ANN_KEY + " token:false",
					streamerId + " bob bob-key token:false", streamerId + " ann wrong token:false");
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				var registered = scheduler.received("register_listener")
					.stream()
					.filter((message) -> radioUuid.equals(message.get("radio_uuid").asString()))
					.map((message) -> userId(message))
					.toList();
				assertThat(registered).contains("1742", "77", null);
			});
			assertThat(identified(registry, "hd")).isEqualTo(hdBefore + 1);
			assertThat(identified(registry, "user")).isEqualTo(userBefore + 1);
			assertThat(identified(registry, "refused")).isEqualTo(refusedBefore + 1);
		}
	}

	private static String userId(JsonNode message) {
		JsonNode user = message.get("user_id");
		return (user == null || user.isNull()) ? null : user.asString();
	}

	private static double identified(MeterRegistry registry, String as) {
		return registry.get("mediafleet.streamer.listeners.identified").tag("as", as).counter().count();
	}

}
