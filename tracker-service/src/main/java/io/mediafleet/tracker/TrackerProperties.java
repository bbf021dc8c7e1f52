package io.mediafleet.tracker;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the tracker service, bound from {@code mediafleet.tracker.*}; every default lives here.
 *
 * @param tsp The TSP endpoint peers connect to
 * @param admin The REST admin API under {@code /admin/tracker}
 */
@ConfigurationProperties("mediafleet.tracker")
@Validated
public record TrackerProperties(@Valid @DefaultValue Tsp tsp, @Valid @DefaultValue Admin admin) {

	/**
	 * The tracker's REST admin API.
	 *
	 * @param token Bearer token every {@code /admin/tracker/*} request must carry ({@code Authorization: Bearer ...});
	 * when unset the admin API is open (a warning is logged at startup)
	 */
	public record Admin(@Nullable String token) {

		/** Whether a token is configured (a blank value counts as none). */
		public boolean tokenSet() {
			return this.token != null && !this.token.isBlank();
		}

	}

	/**
	 * The TSP endpoint of the tracker.
	 *
	 * @param port TCP port peers connect to; 0 picks a free port
	 * @param bindAddress Local address to listen on
	 * @param maxPayload Largest frame payload accepted (a peer's song list in {@code INIT}); larger frames are
	 * answered with {@code ERROR} and the connection is closed
	 * @param maxLineLength Longest song line of an {@code INIT} payload, in bytes
	 * @param maxLines Most song lines in one {@code INIT} payload
	 * @param maxConnections Most TSP connections open at once; further ones get {@code ERROR} and are closed
	 * @param maxSongs Most distinct songs in the catalogue; an {@code INIT} that would exceed it is refused
	 * @param idleTimeout A connection that has not sent {@code INIT}, or stops in the middle of a frame, is closed
	 * after this much silence; announced peers may stay silent
	 * @param broadcastWindow Catalogue changes within this window are sent as one {@code BROADCAST_LIST}
	 * @param defaultPeerPort {@code PLAY} port assumed for peers whose {@code INIT} has no {@code PEER} line
	 * @param workerThreads Netty event-loop threads; 0 means one per core
	 * @param nativeTransport Use Netty's native epoll transport when it loads (Linux x86_64); NIO otherwise
	 */
	public record Tsp(@DefaultValue("7070") @Min(0) @Max(65535) int port,
			@DefaultValue("0.0.0.0") @NotBlank String bindAddress, @DefaultValue("1MB") @NotNull DataSize maxPayload,
			@DefaultValue("4096") @Min(1) int maxLineLength, @DefaultValue("20000") @Min(1) int maxLines,
			@DefaultValue("10000") @Min(1) int maxConnections, @DefaultValue("1000000") @Min(1) int maxSongs,
			@DefaultValue("30s") @NotNull Duration idleTimeout, @DefaultValue("50ms") @NotNull Duration broadcastWindow,
			@DefaultValue("7071") @Min(1) @Max(65535) int defaultPeerPort, @DefaultValue("0") @Min(0) int workerThreads,
			@DefaultValue("true") boolean nativeTransport) {

		/** The frame's length field is a signed 32-bit integer, so no payload can be larger. */
		static final DataSize LARGEST_FRAME_PAYLOAD = DataSize.ofBytes(Integer.MAX_VALUE);

		public Tsp {
			if (maxPayload != null
					&& (maxPayload.toBytes() < 1 || maxPayload.compareTo(LARGEST_FRAME_PAYLOAD) > 0)) {
				throw new IllegalArgumentException("mediafleet.tracker.tsp.max-payload must be between 1B and "
						+ LARGEST_FRAME_PAYLOAD.toBytes() + "B but was " + maxPayload);
			}
			if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
				throw new IllegalArgumentException("mediafleet.tracker.tsp.idle-timeout must be positive but was "
						+ idleTimeout);
			}
			if (broadcastWindow != null && broadcastWindow.isNegative()) {
				throw new IllegalArgumentException("mediafleet.tracker.tsp.broadcast-window must not be negative but was "
						+ broadcastWindow);
			}
		}

	}

}
