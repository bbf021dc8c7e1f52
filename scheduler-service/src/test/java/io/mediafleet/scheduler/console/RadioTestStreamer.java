package io.mediafleet.scheduler.console;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import static org.awaitility.Awaitility.await;

/**
 * A streamer that speaks only raw Redis, as {@code docs/protocols/radio.md} describes it: it registers, asks for a
 * radio and answers pings. Uses no class of the project, so the console sees what a real streamer causes.
 */
final class RadioTestStreamer implements AutoCloseable {

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> publisher;

	private final StatefulRedisPubSubConnection<String, String> subscriber;

	private final String schedulerChannel;

	private final String name;

	RadioTestStreamer(String redisUrl, String prefix, String name) {
		this.client = RedisClient.create(redisUrl);
		this.publisher = this.client.connect();
		this.subscriber = this.client.connectPubSub();
		this.schedulerChannel = prefix + "yascheduler";
		this.name = name;
		this.subscriber.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(String channel, String message) {
				if (message.equals("{\"type\":\"ping\"}")) {
					publish("{\"type\":\"pong\",\"streamer\":\"" + name + "\"}");
				}
			}
		});
		this.subscriber.sync().subscribe(prefix + "yastream." + name);
		// Pub/sub keeps nothing: the scheduler must listen before the first message.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.publisher.sync().pubsubNumsub(this.schedulerChannel).get(this.schedulerChannel) > 0);
	}

	/** Registers and asks to broadcast {@code radioUuid}. */
	void play(String radioUuid) {
		publish("{\"type\":\"register_streamer\",\"streamer\":\"" + this.name + "\"}");
		publish("{\"type\":\"play_radio\",\"streamer\":\"" + this.name + "\",\"radio_uuid\":\"" + radioUuid + "\"}");
	}

	private void publish(String json) {
		this.publisher.async().publish(this.schedulerChannel, json);
	}

	@Override
	public void close() {
		this.subscriber.close();
		this.publisher.close();
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

}
