package io.mediafleet.schema.simul;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Slave to master: the slave is alive and ready to receive commands; sent at least every 5 seconds, and a slave silent for 15 seconds is considered gone. It says nothing about any file.
 *
 * @param src the sending slave's name
 * @param latencyMillis <em>extension</em>: the latency offset this slave applies to every start (its audio
 * device's latency, milliseconds, 0 to 10,000), for the master's status; {@code null} when not reported
 */
public record SlaveReady(String src,
		@JsonProperty("latency-ms") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer latencyMillis)
		implements AdviseMessage {

	/** Most latency offset a slave may report, in milliseconds. */
	public static final int MAX_LATENCY_MILLIS = 10_000;

	public SlaveReady {
		SimulFields.slaveName(src, "src");
		if (latencyMillis != null && (latencyMillis < 0 || latencyMillis > MAX_LATENCY_MILLIS)) {
			throw new IllegalArgumentException("field 'latency-ms' must be 0-" + MAX_LATENCY_MILLIS + " but was "
					+ latencyMillis);
		}
	}

	/** The seed's message: alive, nothing more. */
	public SlaveReady(String src) {
		this(src, null);
	}

}
