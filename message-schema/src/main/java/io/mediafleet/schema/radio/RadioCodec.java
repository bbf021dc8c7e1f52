package io.mediafleet.schema.radio;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.json.JsonSupport;
import io.mediafleet.schema.json.StrictJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes and encodes the JSON messages of radio control: one JSON object per Redis pub/sub
 * message, with a {@code type} field naming the message. For example the bytes a streamer
 * publishes on {@code yascheduler} to ask for a radio:
 *
 * <pre>
 * {"type":"play_radio","streamer":"yastream-1","radio_uuid":"8f1c0a4e"}
 * 7b 22 74 79 70 65 22 3a 22 70 6c 61 79 5f 72 61 64 69 6f 22 2c ...
 * </pre>
 *
 * <p>Decoding accepts what the original Python scheduler accepted: unknown fields are ignored,
 * {@code user_id} may be JSON {@code null} or absent, ids may be JSON strings or integers. It
 * rejects, with a {@link RadioCodecException} naming the field, missing or {@code null} required
 * fields, numbers or booleans sent as strings, type names of the other direction, duplicate keys
 * and anything after the message. Encoding writes UTF-8 JSON with the field names of the
 * protocol and leaves out absent optional fields ({@code master_url}, the credentials of
 * {@code user_authentication}) but always writes {@code user_id}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@link JsonLimits#maxMessageBytes()}: a message longer than this in UTF-8 is rejected
 * before parsing starts; encoding refuses to produce one either.</li>
 * <li>{@link JsonLimits#maxNestingDepth()}, {@link JsonLimits#maxStringLength()},
 * {@link JsonLimits#maxTokenCount()}: enforced by the parser while reading, so even ignored
 * extra fields cannot exhaust memory or stack.</li>
 * </ul>
 */
public final class RadioCodec {

	private final JsonLimits limits;

	private final ObjectReader streamerReader;

	private final ObjectReader schedulerReader;

	private final ObjectWriter streamerWriter;

	private final ObjectWriter schedulerWriter;

	/** A codec enforcing {@code limits} on every message it decodes or encodes. */
	public RadioCodec(JsonLimits limits) {
		this.limits = limits;
		JsonMapper mapper = StrictJson.mapper(limits);
		this.streamerReader = mapper.readerFor(StreamerMessage.class);
		this.schedulerReader = mapper.readerFor(SchedulerMessage.class);
		this.streamerWriter = mapper.writerFor(StreamerMessage.class);
		this.schedulerWriter = mapper.writerFor(SchedulerMessage.class);
	}

	/** The limits this codec enforces. */
	public JsonLimits limits() {
		return this.limits;
	}

	/** Decodes a message published on the scheduler's channel, as UTF-8 bytes. */
	public StreamerMessage decodeStreamerMessage(byte[] utf8) {
		checkSize(utf8.length);
		try {
			return StrictJson.readObject(this.streamerReader, utf8);
		}
		catch (RuntimeException ex) {
			throw translate(ex, RadioCatalogue.SCHEDULER_TYPES, "scheduler-to-streamer");
		}
	}

	/** Decodes a message published on the scheduler's channel, as text. */
	public StreamerMessage decodeStreamerMessage(String json) {
		checkSize(StrictJson.utf8Length(json));
		try {
			return StrictJson.readObject(this.streamerReader, json);
		}
		catch (RuntimeException ex) {
			throw translate(ex, RadioCatalogue.SCHEDULER_TYPES, "scheduler-to-streamer");
		}
	}

	/** Decodes a message published on a streamer's channel, as UTF-8 bytes. */
	public SchedulerMessage decodeSchedulerMessage(byte[] utf8) {
		checkSize(utf8.length);
		try {
			return StrictJson.readObject(this.schedulerReader, utf8);
		}
		catch (RuntimeException ex) {
			throw translate(ex, RadioCatalogue.STREAMER_TYPES, "streamer-to-scheduler");
		}
	}

	/** Decodes a message published on a streamer's channel, as text. */
	public SchedulerMessage decodeSchedulerMessage(String json) {
		checkSize(StrictJson.utf8Length(json));
		try {
			return StrictJson.readObject(this.schedulerReader, json);
		}
		catch (RuntimeException ex) {
			throw translate(ex, RadioCatalogue.STREAMER_TYPES, "streamer-to-scheduler");
		}
	}

	/** Encodes {@code message} as JSON text. */
	public String encode(RadioMessage message) {
		return new String(encodeToBytes(message), StandardCharsets.UTF_8);
	}

	/** Encodes {@code message} as UTF-8 JSON bytes, ready to publish. */
	public byte[] encodeToBytes(RadioMessage message) {
		byte[] bytes;
		try {
			bytes = switch (message) {
				case StreamerMessage streamer -> this.streamerWriter.writeValueAsBytes(streamer);
				case SchedulerMessage scheduler -> this.schedulerWriter.writeValueAsBytes(scheduler);
			};
		}
		catch (JacksonException ex) {
			throw new RadioCodecException("cannot encode " + typeName(message) + ": "
					+ JsonSupport.describe(ex), ex);
		}
		if (bytes.length > this.limits.maxMessageBytes()) {
			throw new RadioCodecException("encoded " + typeName(message) + " is " + bytes.length
					+ " bytes, over the limit of " + this.limits.maxMessageBytes());
		}
		return bytes;
	}

	/** The wire name of {@code message}'s type, for example {@code play_radio}; handy for logs and metrics. */
	public static String typeName(RadioMessage message) {
		return RadioCatalogue.typeName(message);
	}

	private void checkSize(long bytes) {
		if (bytes > this.limits.maxMessageBytes()) {
			throw new RadioCodecException(
					"message is " + bytes + " bytes, over the limit of " + this.limits.maxMessageBytes());
		}
	}

	private static RadioCodecException translate(RuntimeException ex, Map<String, Class<?>> otherDirection,
			String otherDirectionName) {
		if (ex instanceof InvalidTypeIdException typeId && typeId.getTypeId() != null
				&& otherDirection.containsKey(typeId.getTypeId())) {
			return new RadioCodecException("message type '" + typeId.getTypeId() + "' is " + otherDirectionName
					+ " only, not accepted on this channel" + StrictJson.offset(typeId.getLocation()), ex);
		}
		if (ex instanceof JacksonException jackson) {
			return new RadioCodecException(StrictJson.describe(jackson), ex);
		}
		return JsonSupport.translate(ex, RadioCodecException::new, RadioCodecException.class);
	}

}
