package io.mediafleet.schema.simul;

import java.util.Locale;

import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.json.JsonSupport;
import io.mediafleet.schema.json.StrictJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes and encodes simul messages: one UTF-8 JSON object per ZeroMQ frame, with an
 * {@code mtype} field naming the message. For example the frame a slave publishes on the advise
 * bus after finding a file:
 *
 * <pre>
 * {"mtype":"file-status","src":"den","filename":"film.mkv","md5":"9e107d9d372bb6826bd81d3542a419d6","ts":1700000000}
 * 7b 22 6d 74 79 70 65 22 3a 22 66 69 6c 65 2d 73 74 61 74 75 73 22 2c ...
 * </pre>
 *
 * <p>Decoding accepts the seed's hyphenated type names and the later revision's underscore names
 * ({@code slave_ready}, {@code simul_start}, ...) through {@link SimulMessageType}; encoding always
 * writes the hyphenated ones. Unknown fields are ignored; missing or {@code null} required fields,
 * values of the wrong JSON type, a message of the other bus, duplicate keys and single-quoted
 * pseudo-JSON are rejected with a {@link SimulCodecException} naming the field.
 *
 * <p>Instances are immutable and thread-safe; a frame is decoded whole, so there is no buffer.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@link JsonLimits#maxMessageBytes()}: the largest frame accepted, checked before parsing;
 * encoding refuses to produce a larger one.</li>
 * <li>{@link JsonLimits#maxNestingDepth()}, {@link JsonLimits#maxStringLength()},
 * {@link JsonLimits#maxTokenCount()}: enforced by the parser while reading, so even ignored
 * extra fields cannot exhaust memory or stack.</li>
 * </ul>
 */
public final class SimulCodec {

	private final JsonLimits limits;

	private final ObjectReader reader;

	private final ObjectWriter writer;

	/** A codec enforcing {@code limits} on every frame it decodes or encodes. */
	public SimulCodec(JsonLimits limits) {
		this.limits = limits;
		JsonMapper mapper = StrictJson.mapper(limits);
		this.reader = mapper.readerFor(SimulMessage.class);
		this.writer = mapper.writerFor(SimulMessage.class);
	}

	/** The limits this codec enforces. */
	public JsonLimits limits() {
		return this.limits;
	}

	/** Decodes a frame received on the advise bus (at the master). */
	public AdviseMessage decodeAdvise(byte[] frame) {
		SimulMessage message = decode(frame);
		if (message instanceof AdviseMessage advise) {
			return advise;
		}
		throw wrongBus(message, SimulBus.ADVISE);
	}

	/** Decodes a frame received on the command bus (at a slave). */
	public CommandMessage decodeCommand(byte[] frame) {
		SimulMessage message = decode(frame);
		if (message instanceof CommandMessage command) {
			return command;
		}
		throw wrongBus(message, SimulBus.COMMAND);
	}

	/** Encodes {@code message} as one UTF-8 JSON frame, with the hyphenated type name. */
	public byte[] encode(SimulMessage message) {
		byte[] frame;
		try {
			frame = this.writer.writeValueAsBytes(message);
		}
		catch (JacksonException ex) {
			throw new SimulCodecException(
					"cannot encode " + message.messageType().wireName() + ": " + JsonSupport.describe(ex), ex);
		}
		if (frame.length > this.limits.maxMessageBytes()) {
			throw new SimulCodecException("encoded " + message.messageType().wireName() + " is " + frame.length
					+ " bytes, over the limit of " + this.limits.maxMessageBytes());
		}
		return frame;
	}

	private SimulMessage decode(byte[] frame) {
		if (frame.length > this.limits.maxMessageBytes()) {
			throw new SimulCodecException(
					"frame is " + frame.length + " bytes, over the limit of " + this.limits.maxMessageBytes());
		}
		try {
			return StrictJson.readObject(this.reader, frame);
		}
		catch (RuntimeException ex) {
			throw translate(ex);
		}
	}

	private static SimulCodecException wrongBus(SimulMessage message, SimulBus bus) {
		SimulMessageType type = message.messageType();
		return new SimulCodecException("mtype '" + type.wireName() + "' belongs on the "
				+ type.bus().name().toLowerCase(Locale.ROOT) + " bus, not accepted on the "
				+ bus.name().toLowerCase(Locale.ROOT) + " bus");
	}

	private static SimulCodecException translate(RuntimeException ex) {
		if (ex instanceof InvalidTypeIdException typeId) {
			return new SimulCodecException(((typeId.getTypeId() != null) ? "unknown mtype '" + typeId.getTypeId() + "'"
					: "missing or invalid field 'mtype'") + StrictJson.offset(typeId.getLocation()), ex);
		}
		if (ex instanceof JacksonException jackson) {
			return new SimulCodecException(StrictJson.describe(jackson), ex);
		}
		return JsonSupport.translate(ex, SimulCodecException::new, SimulCodecException.class);
	}

}
