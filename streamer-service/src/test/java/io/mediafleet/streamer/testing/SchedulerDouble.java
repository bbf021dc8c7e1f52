package io.mediafleet.streamer.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in scheduler on raw Redis: reads what streamers publish on {@code yascheduler} and answers with literal
 * protocol JSON, knowing nothing of the project's classes. Radios it knows answer {@code play_radio} with
 * {@code radio_started} and a scripted {@code play}; others with {@code radio_unknown}.
 */
public final class SchedulerDouble implements AutoCloseable {

	/** Ann's API key; the plus sign and the space must survive query encoding. */
	public static final String ANN_KEY = "k+ann 1";

	private final ClientResources resources = ClientResources.builder()
		.reconnectDelay(Delay.constant(Duration.ofMillis(200)))
		.build();

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> publisher;

	private final StatefulRedisPubSubConnection<String, String> subscriber;

	private final String streamerId;

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final Map<String, String> plays = new ConcurrentHashMap<>();

	private final Set<String> radios = ConcurrentHashMap.newKeySet();

	private final Set<String> sessions = ConcurrentHashMap.newKeySet();

	/** Radios played "live": the file on air and when ({@link System#nanoTime()}) its offset 0 was. */
	private final Map<String, Live> live = new ConcurrentHashMap<>();

	private record Live(String filename, long zeroNanos, double skew) {
	}

	public SchedulerDouble(String redisUrl, String streamerId) {
		this.client = RedisClient.create(this.resources, redisUrl);
		this.streamerId = streamerId;
		this.publisher = this.client.connect();
		this.subscriber = this.client.connectPubSub();
		this.subscriber.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(String channel, String message) {
				onMessage(message);
			}
		});
		this.subscriber.sync().subscribe("yascheduler");
	}

	/** Makes a radio known: {@code play_radio} for it is answered with {@code radio_started} and this play. */
	public void program(String radioUuid, String filename, double delay, double offset) {
		this.radios.add(radioUuid);
		this.plays.put(radioUuid, "{\"type\":\"play\",\"radio_uuid\":\"" + radioUuid + "\",\"filename\":\"" + filename
				+ "\",\"delay\":" + delay + ",\"offset\":" + offset + ",\"crossfade_duration\":0.0}");
	}

	/**
	 * Makes a radio known and played as the real scheduler does: the first {@code play_radio} is answered with a
	 * {@code play} of the file from offset 0, every later one (a re-announce) with a {@code play} of the file on air
	 * at its current offset.
	 */
	public void programLive(String radioUuid, String filename) {
		programLive(radioUuid, filename, 0);
	}

	/**
	 * Like {@link #programLive(String, String)}, with the offsets of re-announce answers off by {@code skew} seconds
	 * (a scheduler clock or a delivery a little off, within what the streamer must take as the same position).
	 */
	public void programLive(String radioUuid, String filename, double skew) {
		this.radios.add(radioUuid);
		this.live.put(radioUuid, new Live(filename, Long.MIN_VALUE, skew));
	}

	/** Puts a file on air on a live radio from {@code offset} seconds, as the scheduler's next track. */
	public void playLive(String radioUuid, String filename, double offset) {
		Live before = this.live.get(radioUuid);
		this.live.put(radioUuid, new Live(filename, System.nanoTime() - (long) (offset * 1e9),
				(before != null) ? before.skew() : 0));
		send(playMessage(radioUuid, filename, offset));
	}

	private static String playMessage(String radioUuid, String filename, double offset) {
		return "{\"type\":\"play\",\"radio_uuid\":\"" + radioUuid + "\",\"filename\":\"" + filename
				+ "\",\"delay\":0.0,\"offset\":" + offset + ",\"crossfade_duration\":0.0}";
	}

	/** Makes a radio mastered elsewhere: {@code play_radio} for it is answered with {@code radio_exists}. */
	public void programRelay(String radioUuid, String masterStreamer, String masterUrl) {
		this.radios.add(radioUuid);
		this.plays.put(radioUuid, "{\"type\":\"radio_exists\",\"radio_uuid\":\"" + radioUuid
				+ "\",\"master_streamer\":\"" + masterStreamer + "\",\"master_url\":\"" + masterUrl + "\"}");
	}

	/** Publishes a literal message to the streamer's channel. */
	public void send(String message) {
		this.publisher.sync().publish("yastream." + this.streamerId, message);
	}

	/** Every message of this streamer received so far, as JSON text. */
	public List<String> received() {
		return List.copyOf(this.received);
	}

	/** Parses one received message. */
	public JsonNode parse(String message) {
		return this.json.readTree(message);
	}

	/** Received messages of one type. */
	public List<JsonNode> received(String type) {
		return this.received.stream()
			.map(this.json::readTree)
			.filter((node) -> type.equals(text(node, "type")))
			.toList();
	}

	private void onMessage(String message) {
		JsonNode node = this.json.readTree(message);
		String type = text(node, "type");
		String radio = text(node, "radio_uuid");
		String session = text(node, "session_id");
		// Several streamers share the test Redis: keep what this streamer sent, or what concerns its radios/sessions.
		boolean mine = this.streamerId.equals(text(node, "streamer")) || (radio != null && this.radios.contains(radio))
				|| (session != null && this.sessions.contains(session));
		if (!mine || type == null) {
			return;
		}
		if (radio != null) {
			this.radios.add(radio);
		}
		if (session != null) {
			this.sessions.add(session);
		}
		this.received.add(message);
		if (type.equals("play_radio") && this.live.containsKey(radio)) {
			send("{\"type\":\"radio_started\",\"radio_uuid\":\"" + radio + "\"}");
			Live onAir = this.live.get(radio);
			if (onAir.zeroNanos() == Long.MIN_VALUE) {
				playLive(radio, onAir.filename(), 0);
			}
			else {
				double offset = (System.nanoTime() - onAir.zeroNanos()) / 1e9 + onAir.skew();
				send(playMessage(radio, onAir.filename(), Math.max(0, offset)));
			}
		}
		else if (type.equals("play_radio")) {
			String play = this.plays.get(radio);
			if (play == null) {
				send("{\"type\":\"radio_unknown\",\"radio_uuid\":\"" + radio + "\"}");
			}
			else if (play.contains("radio_exists")) {
				send(play);
			}
			else {
				send("{\"type\":\"radio_started\",\"radio_uuid\":\"" + radio + "\"}");
				send(play);
			}
		}
		else if (type.equals("user_authentication")) {
			String token = text(node, "auth_token");
			if ("good-token".equals(token)) {
				send("{\"type\":\"user_authentication\",\"user_id\":1742,\"hd\":true,\"auth_token\":\"good-token\"}");
			}
			else if (token != null) {
				send("{\"type\":\"user_authentication\",\"user_id\":null,\"hd\":false,\"auth_token\":\"" + token + "\"}");
			}
			else {
				answerApiKey(text(node, "username"), text(node, "api_key"));
			}
		}
	}

	/**
	 * Users known by name and API key: {@code ann} / {@value #ANN_KEY} is user 1742 with hd, {@code bob} /
	 * {@code bob-key} user 77 without; anything else is refused ({@code user_id: null, hd: false}). The answer echoes
	 * the credentials, as the scheduler does.
	 */
	private void answerApiKey(@Nullable String username, @Nullable String apiKey) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("type", "user_authentication");
		if ("ann".equals(username) && ANN_KEY.equals(apiKey)) {
			answer.put("user_id", 1742);
			answer.put("hd", true);
		}
		else if ("bob".equals(username) && "bob-key".equals(apiKey)) {
			answer.put("user_id", 77);
			answer.put("hd", false);
		}
		else {
			answer.put("user_id", null);
			answer.put("hd", false);
		}
		answer.put("username", username);
		answer.put("api_key", apiKey);
		send(this.json.writeValueAsString(answer));
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	@Override
	public void close() {
		this.subscriber.close();
		this.publisher.close();
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		this.resources.shutdown(0, 2, TimeUnit.SECONDS);
	}

}
