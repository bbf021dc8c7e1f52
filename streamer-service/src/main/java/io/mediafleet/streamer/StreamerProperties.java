package io.mediafleet.streamer;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the streamer service, bound from {@code mediafleet.streamer.*}; every default lives here.
 *
 * @param streamerId Name this streamer registers under and listens on ({@code yastream.<id>}); when unset it is
 * derived from the host name, or random when the host has no usable name
 * @param channelPrefix Prefix put before the radio channel names; must equal the scheduler's
 * {@code mediafleet.scheduler.radio.channel-prefix}
 * @param libraryDirectory Directory holding the MP3 files the scheduler names in {@code play}
 * @param listenerLimit Most listeners streamed to at once; further listeners are refused
 * @param reannounceAfter Registers with the scheduler again when no {@code ping} came for this long (a scheduler
 * that started later or restarted does not know this streamer); several of the scheduler's ping intervals
 * @param peer This streamer's TSP peer endpoint, from which other peers fetch songs
 * @param tracker The TSP tracker this peer announces its songs to
 * @param stream How radios are played and streamed to listeners
 * @param http Admission on the web port (8081) and the dedicated listener port before a request is complete
 * @param hls HTTP Live Streaming of the radios ({@code /radios/{uuid}/live.m3u8}) on the web port
 * @param listen Load reports that let the scheduler's one listen URL send listeners here
 */
@ConfigurationProperties("mediafleet.streamer")
@Validated
public record StreamerProperties(@Nullable @Pattern(regexp = StreamerIdentity.ALLOWED) String streamerId,
		@DefaultValue("") @NotNull @Pattern(regexp = "\\S*") String channelPrefix,
		@DefaultValue("library") @NotNull Path libraryDirectory,
		@DefaultValue("1000") @Min(1) int listenerLimit,
		@DefaultValue("20s") @NotNull Duration reannounceAfter, @Valid @DefaultValue Peer peer, @Valid @DefaultValue Tracker tracker, @Valid @DefaultValue Stream stream,
		@Valid @DefaultValue Http http, @Valid @DefaultValue Hls hls,
		@Valid @DefaultValue Listen listen) {

	/**
	 * Load reports for the scheduler's listen URL ({@code /listen/{radio}}, see docs/listening.md).
	 *
	 * @param url Base URL listeners reach this streamer at (scheme, host, port; no path), sent to the scheduler,
	 * which redirects listeners to {@code <url>/radios/<uuid>}; unset: {@code http://<host name>:<port>} with the
	 * dedicated listener port when it is on, else the web port
	 * @param reportInterval How often the load (listeners, limit, URL) is published as an unprompted {@code pong};
	 * the scheduler stops choosing a streamer whose last report is older than its {@code listen.stale-after}
	 * (3 s); 0 turns reports off (the streamer is then never chosen by the listen URL)
	 */
	public record Listen(@Nullable @Pattern(regexp = "https?://[^/\\s]+") String url,
			@DefaultValue("") @NotNull @Pattern(regexp = "[^/:\\s]*") String host,
			@DefaultValue("1s") @NotNull @DurationMax(seconds = 60) Duration reportInterval) {

		@ConstructorBinding
		public Listen {
		}

	}

	/**
	 * Where this streamer serves songs to other TSP peers.
	 *
	 * @param port TCP port of the peer endpoint; 0 picks a free port
	 * @param bindAddress Local address to listen on
	 * @param advertiseHost Host other peers use to reach this one, announced to the tracker; empty means the
	 * address this machine's name resolves to
	 * @param enabled Whether the streamer runs its TSP peer (announces its library, serves and fetches songs)
	 */
	public record Peer(@DefaultValue("7071") @Min(0) @Max(65535) int port,
			@DefaultValue("0.0.0.0") @NotBlank String bindAddress, @DefaultValue("") @NotNull String advertiseHost,
			@DefaultValue("true") boolean enabled) {

		@ConstructorBinding
		public Peer {
		}

		/** Endpoint advertised under this machine's address. */
		public Peer(int port, String bindAddress) {
			this(port, bindAddress, "", true);
		}

	}

	/**
	 * Address of the TSP tracker.
	 *
	 * @param host Tracker host
	 * @param port Tracker TCP port
	 * @param token The tracker's peer token ({@code mediafleet.tracker.peers.token}), sent in the {@code TOKEN} line of
	 * every {@code INIT}; unset sends none, which a tracker accepts only from a network it admits anonymously
	 */
	public record Tracker(@DefaultValue("localhost") @NotBlank String host,
			@DefaultValue("7070") @Min(1) @Max(65535) int port, @Nullable String token) {

		@ConstructorBinding
		public Tracker {
		}

		/** A tracker without a peer token. */
		public Tracker(String host, int port) {
			this(host, port, null);
		}

		@Override
		public String toString() {
			// never the token itself: properties end up in logs and actuator output
			return "Tracker[host=" + this.host + ", port=" + this.port + ", token=" + ((this.token != null) ? "(set)" : "none")
					+ "]";
		}

	}

	/**
	 * How radios are played and streamed.
	 *
	 * @param burstSize Audio sent at once to a joining listener so its player starts without waiting
	 * @param listenerQueueSize Audio queued for one listener before it counts as too slow and is dropped; at least
	 * the burst plus 16 KiB
	 * @param icyMetaint Audio bytes between two ICY metadata blocks for listeners sending {@code Icy-MetaData: 1}
	 * @param stopLinger How long a radio keeps playing after its last listener left before {@code stop_radio}
	 * @param schedulerTimeout How long a listener waits for the scheduler's answer to {@code play_radio} or
	 * {@code user_authentication}
	 * @param lateStartTolerance A track starting later than asked by more than this counts as a late start
	 * @param fallbackFile Library file played when {@code play} names a missing or refused file; unset: silence
	 * @param maxFileSize Largest MP3 file read (files are held in memory while they play)
	 * @param maxLibraryFiles Most files indexed by the library scan
	 * @param writeInterval Pause between two writes to one listener, so frames are sent in batches (fewer wake-ups
	 * and system calls per listener); well below the burst's duration
	 * @param socketSendBuffer Kernel send buffer of each listener connection; unset leaves the system's
	 * auto-tuning, which lets a stalled listener absorb megabytes before its queue shows the lag
	 * @param listenerPort Port of the dedicated listener server (non-blocking, one shared write per radio and tick;
	 * serves {@code /radios/{uuid}} only); unset: listeners use the web port only; 0 picks a free port
	 * @param listenerAddress Local address the dedicated listener port binds to
	 * @param listenerBacklog Listen backlog of the dedicated listener port, so connection storms wait in the kernel
	 * instead of being refused (capped by the system's {@code net.core.somaxconn})
	 * @param listenerWriteInterval Time between two shared writes on the dedicated listener port (10 ms to 1 s). One
	 * write per listener and interval is most of the port's CPU, so longer is cheaper; the default, 2 s / 12, is the
	 * longest interval that divides 2 s and still leaves a listener at least 90 % of the bitrate in any 2 s window
	 * when one write is late (11 of 12 writes). Prefer values that divide 2 s (100ms, 125ms)
	 * @param listenerWriteThreads Threads writing to the dedicated listener port's listeners (1 to 64, default 1; 0:
	 * one per core). Each listener is written by one of them, chosen when it joins (the one holding fewest), so one
	 * interval's write system calls can run on several cores at once. One by default: on the 2-core bench machine
	 * two writers did worse at 18,000 listeners than one (more stalls, early disconnects, more CPU; performance.md)
	 */
	public record Stream(@DefaultValue("64KB") @NotNull DataSize burstSize,
			@DefaultValue("256KB") @NotNull DataSize listenerQueueSize,
			@DefaultValue("16000") @Min(256) @Max(65535) int icyMetaint,
			@DefaultValue("10s") @NotNull Duration stopLinger, @DefaultValue("5s") @NotNull Duration schedulerTimeout,
			@DefaultValue("250ms") @NotNull Duration lateStartTolerance, @Nullable String fallbackFile,
			@DefaultValue("64MB") @NotNull DataSize maxFileSize,
			@DefaultValue("100000") @Min(1) int maxLibraryFiles, @DefaultValue("200ms") @NotNull Duration writeInterval,
			@Nullable DataSize socketSendBuffer, @Nullable @Min(0) @Max(65535) Integer listenerPort,
			@DefaultValue("0.0.0.0") @NotBlank String listenerAddress,
			@DefaultValue("4096") @Min(1) int listenerBacklog,
			// 2 s / 12: twelve writes in every 2 s window.
			@DefaultValue("166666666ns") @NotNull @DurationMin(millis = 10) @DurationMax(seconds = 1) Duration listenerWriteInterval,
			@DefaultValue("1") @Min(0) @Max(64) int listenerWriteThreads) {

		/** Threads writing to the dedicated listener port's listeners: as configured, or one per core for 0. */
		public int effectiveListenerWriteThreads() {
			return (this.listenerWriteThreads > 0) ? this.listenerWriteThreads
					: Runtime.getRuntime().availableProcessors();
		}

	}

	/**
	 * Admission before a request is complete; the web port's timeouts and overall limit are Boot's
	 * {@code server.tomcat.*} (see {@code application.yml}).
	 *
	 * @param maxConnectionsPerAddress Open TCP connections one source address may hold on the web port; beyond it a
	 * connection is closed at accept, before Tomcat allocates anything for it; 0 for no limit. Listeners behind one
	 * NAT share an address: keep it above the listeners expected from one network
	 * @param maxHandshakesPerAddress Connections of one source address on the dedicated listener port that have not
	 * sent their complete request yet; beyond it a new one is closed at accept, so one address cannot fill the port's
	 * handshake slots while others are still served
	 * @param maxListenersPerAddress Listener slots (of {@code listener-limit}) one source address may hold at once, on
	 * either port; a listener beyond it gets 503, so one address holding slow or idle listeners cannot take every
	 * slot; 0 for no limit. Keep it above the listeners expected behind one NAT
	 */
	public record Http(@DefaultValue("1000") @Min(0) int maxConnectionsPerAddress,
			@DefaultValue("256") @Min(1) int maxHandshakesPerAddress,
			@DefaultValue("250") @Min(0) int maxListenersPerAddress) {
	}

	/**
	 * HLS: MP3 packed-audio segments of every radio a player asks for, in a sliding window.
	 *
	 * @param segmentDuration How long a segment lasts (cut on the first MP3 frame boundary at or after it); players
	 * start about three segments behind live, so it sets the delay (0.5 s to 60 s)
	 * @param playlistSegments Segments named in the media playlist (3 to 100); the streamer keeps twice as many plus
	 * one for clients holding an older playlist, so a radio's HLS memory is about
	 * {@code (2 * playlistSegments + 2) * segmentDuration} of audio
	 * @param sessionTimeout An HLS listener whose player has not fetched its media playlist for this long has left: it
	 * is unregistered and its listener slot freed (players fetch it about once per segment duration)
	 */
	public record Hls(@DefaultValue("6s") @NotNull @DurationMin(millis = 500) @DurationMax(seconds = 60) Duration segmentDuration,
			@DefaultValue("6") @Min(3) @Max(100) int playlistSegments,
			@DefaultValue("30s") @NotNull @DurationMin(seconds = 2) Duration sessionTimeout) {
	}

}
