package io.mediafleet.scheduler.radio;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A test streamer that speaks only raw Redis: it publishes JSON text on the scheduler channel and collects the raw
 * text published on its own channel. Deliberately uses no class of the project.
 */
final class RawStreamer implements AutoCloseable {

	private final ClientResources resources;

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> publisher;

	private final StatefulRedisPubSubConnection<String, String> subscriber;

	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	private final String schedulerChannel;

	private final boolean answerPings;

	private final AtomicInteger pings = new AtomicInteger();

	RawStreamer(String redisUrl, String prefix, String name, boolean answerPings) {
		// Reconnects within a second of Redis coming back, as the streamers do (Lettuce's default back-off grows to 30 s).
		this.resources = ClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
			.build();
		this.client = RedisClient.create(this.resources, redisUrl);
		this.publisher = this.client.connect();
		this.subscriber = this.client.connectPubSub();
		this.schedulerChannel = prefix + "yascheduler";
		this.answerPings = answerPings;
		String own = prefix + "yastream." + name;
		this.subscriber.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(String channel, String message) {
				if (message.equals("{\"type\":\"ping\"}")) {
					RawStreamer.this.pings.incrementAndGet();
					if (RawStreamer.this.answerPings) {
						publish("{\"type\":\"pong\",\"streamer\":\"" + name + "\"}");
					}
					return;
				}
				RawStreamer.this.received.add(message);
			}
		});
		this.subscriber.sync().subscribe(own);
		// The scheduler must be listening before the first message, or it is lost (pub/sub keeps nothing).
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.publisher.sync().pubsubNumsub(this.schedulerChannel).get(this.schedulerChannel) > 0);
	}

	void publish(String json) {
		this.publisher.async().publish(this.schedulerChannel, json);
	}

	/** The next message other than ping, waiting up to 10 s. */
	String next() throws InterruptedException {
		return next(Duration.ofSeconds(10));
	}

	/** The next message other than ping, waiting up to {@code max}. */
	String next(Duration max) throws InterruptedException {
		String message = this.received.poll(max.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(message).as("a message from the scheduler within " + max).isNotNull();
		return message;
	}

	/** The next message other than ping if one comes within {@code wait}, else {@code null}. */
	String poll(Duration wait) throws InterruptedException {
		return this.received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** How many pings arrived. */
	int pings() {
		return this.pings.get();
	}

	@Override
	public void close() {
		this.subscriber.close();
		this.publisher.close();
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		this.resources.shutdown(0, 2, TimeUnit.SECONDS);
	}

}
