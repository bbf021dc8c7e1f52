package io.mediafleet.scheduler.radio;

import io.mediafleet.schema.radio.RadioChannels;
import io.mediafleet.schema.radio.RadioCodec;
import io.mediafleet.schema.radio.SchedulerMessage;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Publishes scheduler messages on a streamer's own channel and counts them by type.
 */
class RadioOutbox {

	private final StringRedisTemplate redis;

	private final RadioChannels channels;

	private final RadioCodec codec;

	private final RadioMetrics metrics;

	RadioOutbox(StringRedisTemplate redis, RadioChannels channels, RadioCodec codec, RadioMetrics metrics) {
		this.redis = redis;
		this.channels = channels;
		this.codec = codec;
		this.metrics = metrics;
	}

	void send(String streamer, SchedulerMessage message) {
		this.redis.convertAndSend(this.channels.streamerChannel(streamer), this.codec.encode(message));
		this.metrics.sent(RadioCodec.typeName(message));
	}

}
