package io.mediafleet.tracker;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the tracker service, bound from {@code mediafleet.tracker.*}; every default lives here.
 *
 * @param tsp The TSP endpoint peers connect to
 */
@ConfigurationProperties("mediafleet.tracker")
@Validated
public record TrackerProperties(@Valid @DefaultValue Tsp tsp) {

	/**
	 * The TSP endpoint of the tracker.
	 *
	 * @param port TCP port peers connect to; 0 picks a free port
	 * @param bindAddress Local address to listen on
	 * @param maxPayload Largest frame payload accepted (a peer's song list in {@code INIT}); larger frames are
	 * answered with {@code ERROR} and the connection is closed
	 */
	public record Tsp(@DefaultValue("7070") @Min(0) @Max(65535) int port,
			@DefaultValue("0.0.0.0") @NotBlank String bindAddress, @DefaultValue("1MB") @NotNull DataSize maxPayload) {

		/** The frame's length field is a signed 32-bit integer, so no payload can be larger. */
		static final DataSize LARGEST_FRAME_PAYLOAD = DataSize.ofBytes(Integer.MAX_VALUE);

		public Tsp {
			if (maxPayload != null
					&& (maxPayload.toBytes() < 1 || maxPayload.compareTo(LARGEST_FRAME_PAYLOAD) > 0)) {
				throw new IllegalArgumentException("mediafleet.tracker.tsp.max-payload must be between 1B and "
						+ LARGEST_FRAME_PAYLOAD.toBytes() + "B but was " + maxPayload);
			}
		}

	}

}
