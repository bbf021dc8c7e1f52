package io.mediafleet.schema.tsp;

import java.util.Map;

import io.mediafleet.schema.codec.WireCodes;
import org.jspecify.annotations.Nullable;

/**
 * The frame type byte of the Torero Streaming Protocol; each constant owns its code and knows
 * whether its frames carry a length field and payload.
 */
public enum TspType {

	/** Peer to tracker on connect: the peer's listening address and song lines. */
	INIT(0, true),

	/** Request for the whole catalogue (empty payload), and the tracker's answer (catalogue entries). */
	LIST(1, true),

	/** Request for one song or all (empty payload), and the tracker's answer (catalogue entries). */
	INFO(2, true),

	/** Request to a hosting peer for a song (empty payload), and its answer (the mp3 bytes). */
	PLAY(3, true),

	/** Stop a transfer in progress; header only. */
	STOP(4, false),

	/** Peer leaves the tracker, which drops its songs; header only. */
	QUIT(5, false),

	/** Error answer to any request: UTF-8 text. */
	ERROR(6, true),

	/** Tracker to every peer when the catalogue changes: catalogue entries. */
	BROADCAST_LIST(7, true);

	/** Bytes of the type and song id fields. */
	public static final int HEADER_BYTES = 5;

	/** Bytes of the type, song id and length fields. */
	public static final int HEADER_WITH_LENGTH_BYTES = 9;

	private static final Map<Integer, TspType> BY_CODE = WireCodes.index(values(), TspType::code);

	private final int code;

	private final boolean carriesPayload;

	TspType(int code, boolean carriesPayload) {
		this.code = code;
		this.carriesPayload = carriesPayload;
	}

	/** The type byte on the wire. */
	public int code() {
		return this.code;
	}

	/** Whether frames of this type have a length field followed by that many payload bytes. */
	public boolean carriesPayload() {
		return this.carriesPayload;
	}

	/** Bytes before the payload: 9 with a length field, 5 without. */
	public int headerBytes() {
		return this.carriesPayload ? HEADER_WITH_LENGTH_BYTES : HEADER_BYTES;
	}

	/**
	 * The type with the given code.
	 * @throws IllegalArgumentException if no type has that code
	 */
	public static TspType ofCode(int code) {
		TspType type = find(code);
		if (type == null) {
			throw new IllegalArgumentException("unknown frame type " + code + ", expected 0 to 7");
		}
		return type;
	}

	static @Nullable TspType find(int code) {
		return BY_CODE.get(code);
	}

}
