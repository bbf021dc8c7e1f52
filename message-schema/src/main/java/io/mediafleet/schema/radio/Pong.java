package io.mediafleet.schema.radio;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Streamer to scheduler: the answer to {@link Ping}, proving the streamer is alive.
 * <p>
 * <b>Load extension</b> (this suite; original schedulers ignore unknown fields): a streamer may also send
 * {@code pong} unprompted, about once a second, with its listener count, its listener limit and the base URL its
 * listeners connect to. The scheduler's listen URL sends new listeners to the streamer with the most headroom among
 * those that reported recently. The three fields come together or not at all.
 *
 * @param streamer the sending streamer's id
 * @param listeners listeners connected now (all radios), or {@code null}
 * @param listenerLimit most listeners the streamer accepts, or {@code null}
 * @param listenUrl absolute http(s) base URL of the streamer's listener port (no trailing slash), or {@code null}
 */
public record Pong(String streamer,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer listeners,
		@JsonProperty("listener_limit") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer listenerLimit,
		@JsonProperty("listen_url") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String listenUrl)
		implements StreamerMessage {

	/** Wire name in the {@code type} field. */
	public static final String TYPE = "pong";

	public Pong {
		RadioFields.streamerId(streamer, "streamer");
		boolean any = listeners != null || listenerLimit != null || listenUrl != null;
		if (any) {
			// Once one is there, all three are required.
			requireLoadField(listeners, "listeners");
			requireLoadField(listenerLimit, "listener_limit");
			requireLoadField(listenUrl, "listen_url");
			if (listeners < 0) {
				throw new IllegalArgumentException("field 'listeners' must be >= 0 but was " + listeners);
			}
			if (listenerLimit < 0) {
				throw new IllegalArgumentException("field 'listener_limit' must be >= 0 but was " + listenerLimit);
			}
			RadioFields.optionalHttpUrl(listenUrl, "listen_url");
		}
	}

	private static void requireLoadField(@Nullable Object value, String field) {
		if (value == null) {
			throw new IllegalArgumentException("missing required field '" + field + "'");
		}
	}

	/** A plain answer to {@code ping}, as original streamers send it. */
	public Pong(String streamer) {
		this(streamer, null, null, null);
	}

	/** A load report (see the class comment). */
	public static Pong withLoad(String streamer, int listeners, int listenerLimit, String listenUrl) {
		return new Pong(streamer, listeners, listenerLimit, listenUrl);
	}

	/** Whether this pong carries the load extension. */
	public boolean hasLoad() {
		return this.listenUrl != null;
	}

}
