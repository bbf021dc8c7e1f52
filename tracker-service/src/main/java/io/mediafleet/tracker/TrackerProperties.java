package io.mediafleet.tracker;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import io.mediafleet.schema.tsp.TspPayloads;

/**
 * Settings of the tracker service, bound from {@code mediafleet.tracker.*}; every default lives here.
 *
 * @param tsp The TSP endpoint peers connect to
 * @param admin The REST admin API under {@code /admin/tracker}
 * @param peers Which peers may announce songs ({@code INIT})
 * @param http Admission on the HTTP port
 */
@ConfigurationProperties("mediafleet.tracker")
@Validated
public record TrackerProperties(@Valid @DefaultValue Tsp tsp, @Valid @DefaultValue Admin admin,
		@Valid @DefaultValue Peers peers, @Valid @DefaultValue Http http) {

	@ConstructorBinding
	public TrackerProperties {
	}

	/** Settings with the given endpoint and admin API and the default peer admission (a token, generated if unset). */
	public TrackerProperties(Tsp tsp, Admin admin) {
		this(tsp, admin, new Peers(null, List.of()), new Http(Http.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS));
	}

	/**
	 * Admission on the HTTP port (admin API, actuator) before any request is read; timeouts and the port's overall
	 * limit are Boot's {@code server.tomcat.*}.
	 *
	 * @param maxConnectionsPerAddress Open TCP connections one source address may hold on the HTTP port; one beyond
	 * it is closed at accept, before Tomcat allocates anything for it; 0 for no limit
	 */
	public record Http(@DefaultValue("256") @Min(0) int maxConnectionsPerAddress) {

		static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 256;

	}

	/**
	 * The tracker's REST admin API.
	 *
	 * @param token Bearer token every {@code /admin/tracker/*} request must carry ({@code Authorization: Bearer ...});
	 * when unset (or blank) the admin API is disabled: every request is answered 401
	 */
	public record Admin(@Nullable String token) {

		/** Whether a token is configured (a blank value counts as none). */
		public boolean tokenSet() {
			return this.token != null && !this.token.isBlank();
		}

	}

	/**
	 * Who may announce songs: a peer's {@code INIT} must carry the peer token in a {@code TOKEN} line, unless it comes
	 * from a network listed for anonymous (seed) peers. {@code LIST} and {@code INFO} stay public.
	 *
	 * @param token Secret peers send in the {@code TOKEN} line of {@code INIT}; when unset a random one is generated at
	 * startup and logged (a warning), so no peer gets in until it is configured on both sides
	 * @param anonymousNetworks Networks (CIDR, e.g. {@code 10.0.0.0/8}, {@code 192.168.1.7/32}) whose peers may
	 * announce without a token, like the seed's peers; empty (the default) admits none. An anonymous peer's
	 * {@code PEER} line, if any, must name its own source address
	 */
	public record Peers(@Nullable String token, @DefaultValue List<String> anonymousNetworks) {

		public Peers {
			anonymousNetworks = List.copyOf(anonymousNetworks);
			if (token != null && !token.isBlank()) {
				try {
					TspPayloads.checkToken(token);
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException("mediafleet.tracker.peers.token: " + ex.getMessage(), ex);
				}
			}
			for (String network : anonymousNetworks) {
				Cidr.parse(network);
			}
		}

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
	 * @param maxConnectionsPerAddress Most TSP connections open at once from one source address; further ones from
	 * it get {@code ERROR} and are closed, so one host cannot fill {@code maxConnections} and lock every other peer
	 * out
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
			@DefaultValue("10000") @Min(1) int maxConnections, @DefaultValue("1000") @Min(1) int maxConnectionsPerAddress,
			@DefaultValue("1000000") @Min(1) int maxSongs,
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
