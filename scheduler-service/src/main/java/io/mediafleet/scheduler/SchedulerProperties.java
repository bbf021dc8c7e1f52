package io.mediafleet.scheduler;

import java.time.Duration;
import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the scheduler service, bound from {@code mediafleet.scheduler.*}; every default lives here.
 *
 * @param radio Radio control over Redis (streamers and the scheduler)
 * @param link The master/agent link over WebSocket
 * @param burn The burn farm's text protocol over TCP
 * @param simul The synchronised-playback master over ZeroMQ
 * @param irc The IRC bot that controls synchronised playback
 * @param leader Leader election between an active scheduler and hot standbys
 * @param console The operator console served at {@code /console}
 * @param http Admission on the HTTP port (REST admin, console, actuator, link) before any request is read
 */
@ConfigurationProperties("mediafleet.scheduler")
@Validated
public record SchedulerProperties(@Valid @DefaultValue Radio radio, @Valid @DefaultValue Link link,
		@Valid @DefaultValue Burn burn, @Valid @DefaultValue Simul simul, @Valid @DefaultValue Irc irc,
		@Valid @DefaultValue Leader leader, @Valid @DefaultValue Console console, @Valid @DefaultValue Http http) {

	/**
	 * Radio control over Redis pub/sub.
	 *
	 * @param channelPrefix Prefix put before the channel names {@code yascheduler} and {@code yastream.<id>}, so
	 * several suites can share one Redis; empty for the original names
	 * @param pingInterval How often every streamer is sent {@code ping}
	 * @param missedPongs Unanswered pings after which a streamer is declared dead and unregistered
	 * @param playLeadTime How long before a track starts its {@code play} message is sent (the {@code delay})
	 * @param crossfade Cross-fade between consecutive tracks, sent as {@code crossfade_duration}
	 * @param recentPlayWindow Random play avoids songs played on the same radio within this window
	 * @param timeZone Zone in which show days and time windows are read
	 * @param maxMessageBytes Largest message accepted on the scheduler channel
	 * @param maxPendingMessages Received messages waiting to be handled beyond which new ones are dropped (counted)
	 * @param masterUrlTemplate Optional {@code radio_exists.master_url}, with {@code {streamer}} and
	 * {@code {radio_uuid}} replaced, e.g. {@code http://{streamer}:8000/{radio_uuid}}; unset for no URL
	 * @param maxPendingWrites Listener and streamer bookkeeping writes queued behind the loop for MongoDB; when full
	 * the loop waits (back-pressure). A crash loses at most what is queued (listener/streamer bookkeeping only)
	 * @param writeBatch Largest number of queued bookkeeping writes applied in one bulk write, and of programming
	 * documents committed in one piece before the plays they announce are published (a burst goes out piece by piece)
	 * @param catalogueCacheTtl How long the loop trusts its cached radios, playlists, songs and shows; changes made
	 * through the admin API apply at once, changes made directly in MongoDB within this time
	 * @param prepareAhead How long before a {@code play} is due its track is picked and committed (the PREPARE is
	 * handled): the play then leaves at its planned time from memory, with no MongoDB write in its way. {@code 0}
	 * picks, commits and sends at the planned time. At most 60 s; admin changes reach a radio this much later
	 * @param announceHorizon How far ahead of their start the tracks of a radio are announced: every track starting
	 * within it has had its {@code play} sent, so a streamer that keeps several pending plays goes on playing through
	 * a scheduler outage shorter than the horizon minus the lead time. {@code 0} (or anything up to
	 * {@code play-lead-time}) announces one track at a time, one lead time ahead, as the seed's streamers expect; at
	 * most 10 min
	 * @param listen The one listen URL per radio, {@code /listen/{radio}} (see docs/listening.md)
	 */
	public record Radio(@DefaultValue("") @NotNull @Pattern(regexp = "\\S*") String channelPrefix,
			@DefaultValue("5s") @DurationMin(millis = 1) Duration pingInterval,
			@DefaultValue("2") @Min(1) int missedPongs,
			@DefaultValue("5s") @DurationMin(millis = 0) Duration playLeadTime,
			@DefaultValue("0s") @DurationMin(millis = 0) Duration crossfade,
			@DefaultValue("3h") @DurationMin(millis = 0) Duration recentPlayWindow,
			@DefaultValue("UTC") @NotNull ZoneId timeZone,
			@DefaultValue("64KB") @NotNull DataSize maxMessageBytes,
			@DefaultValue("100000") @Min(1) int maxPendingMessages,
			@Nullable @Pattern(regexp = "https?://\\S+") String masterUrlTemplate,
			@DefaultValue("100000") @Min(1) int maxPendingWrites, @DefaultValue("1000") @Min(1) int writeBatch,
			@DefaultValue("60s") @DurationMin(millis = 0) Duration catalogueCacheTtl,
			@DefaultValue("2s") @DurationMin(millis = 0) @DurationMax(seconds = 60) Duration prepareAhead,
			@DefaultValue("0s") @DurationMin(millis = 0) @DurationMax(minutes = 10) Duration announceHorizon,
			@Valid @DefaultValue Listen listen) {

		/** The horizon in effect: never shorter than the lead time. */
		public Duration effectiveAnnounceHorizon() {
			return (this.announceHorizon.compareTo(this.playLeadTime) > 0) ? this.announceHorizon : this.playLeadTime;
		}
	}

	/**
	 * The one listen URL per radio: {@code GET /listen/{radio}} redirects to the live streamer with the most
	 * headroom, from the load streamers report in unprompted {@code pong}s.
	 *
	 * @param staleAfter A streamer whose last load report is this much older than the newest report of any streamer
	 * (or five times this old) is not chosen: a killed streamer stops getting listeners this long after its last
	 * report; several of the streamers' report intervals (1 s)
	 * @param retryAfter {@code Retry-After} of the 503 answered when no live streamer has room
	 * @param lateAfter A streamer whose last load report is this much older than the newest one is late: chosen only
	 * when no streamer reports on time, so the listeners of a killed streamer that reconnect through the URL are not
	 * sent back to it for long; more than the report interval (1 s), at most {@code staleAfter}
	 */
	public record Listen(@DefaultValue("3s") @DurationMin(millis = 1) @DurationMax(seconds = 60) Duration staleAfter,
			@DefaultValue("5s") @DurationMin(seconds = 1) Duration retryAfter,
			@DefaultValue("1500ms") @DurationMin(millis = 1) @DurationMax(seconds = 60) Duration lateAfter) {
	}

	/**
	 * The master/agent link over WebSocket.
	 *
	 * @param path Endpoint agents and controls connect to
	 * @param heartbeatInterval How often each side acknowledges what it received
	 * @param sessionTimeout How long a dropped session can still be resumed
	 * @param handshakeTimeout How long a new connection may take to register (or resume) before it is sent
	 * {@code close}; a real agent registers within milliseconds of {@code hello}
	 * @param jwtSecret HS256 secret that signs agent tokens, at least 32 characters; when unset a random one is
	 * generated at startup (tokens then stop working at the next restart) and a warning is logged
	 * @param requestTimeout How long the master waits for the response to one of its requests
	 * @param maxBufferedMessages Unacknowledged messages kept per session for replay; overflowing closes the link
	 * @param maxPendingRequests Master requests per session still waiting for a response
	 * @param maxSessions Live sessions (connected or resumable) in all; registrations beyond it are refused
	 * @param maxUnregistered WebSocket connections that have not registered or resumed yet, in all; upgrades beyond it
	 * are answered 503 before any WebSocket session is allocated
	 * @param closeGrace How long after the master's close frame the peer has to answer it; then the TCP connection
	 * is closed whether or not it did
	 */
	public record Link(@DefaultValue("/api/socket") @Pattern(regexp = "/\\S*") String path,
			@DefaultValue("15s") @DurationMin(millis = 1) Duration heartbeatInterval,
			@DefaultValue("60s") @DurationMin(millis = 1) Duration sessionTimeout,
			@DefaultValue("10s") @DurationMin(millis = 1) Duration handshakeTimeout,
			@Nullable @Size(min = 32) String jwtSecret,
			@DefaultValue("30s") @DurationMin(millis = 1) Duration requestTimeout,
			@DefaultValue("10000") @Min(1) int maxBufferedMessages, @DefaultValue("100") @Min(1) int maxPendingRequests,
			@DefaultValue("10000") @Min(1) int maxSessions, @DefaultValue("1000") @Min(1) int maxUnregistered,
			@DefaultValue("2s") @DurationMin(millis = 1) @DurationMax(seconds = 60) Duration closeGrace) {
	}

	/**
	 * The burn farm's TAB-separated protocol over TCP.
	 *
	 * @param port TCP port burners and command/display clients connect to; 0 picks a free port
	 * @param bindAddress Local address to listen on
	 * @param agingStep Waiting time that lowers a job's effective priority by one, so low priorities are not starved
	 * @param maxJobs Open jobs the queue holds; {@code QUEUE} beyond it gets {@code QNO}
	 * @param maxConnections Admitted clients (identified, and authenticated where needed) served at once; one more
	 * gets {@code ERROR FULL} and is closed
	 * @param ejectAfterVerdict Whether a burner is sent {@code OPEN} after reporting PASS or FAIL
	 * @param identificationTimeout How long a new connection may take to send {@code ID} (and {@code AUTH} where
	 * needed); then it gets {@code ERROR TIMEOUT} and is closed
	 * @param maxAnonymousConnections Connections not yet admitted held at once; a newcomer beyond it closes the oldest
	 * @param maxAnonymousConnectionsPerAddress Connections not yet admitted held at once from one source address; a
	 * newcomer beyond it closes that address's oldest
	 * @param auth Who must authenticate with {@code AUTH} and who may stay anonymous
	 * @param spoolDir Directory of the spool file ({@code burn-writes.journal}) where burn writes MongoDB cannot take
	 * wait on disk, so a scheduler killed while MongoDB is away neither loses a job nor burns one twice; written back
	 * to MongoDB at the next start, before the queue is loaded. Relative to the working directory (devstack: its data
	 * directory's {@code scheduler-service/}; container images: {@code /data}). One scheduler per directory
	 * @param maxSpoolSize Largest size of the spool file; beyond half of it new jobs get {@code QNO}, beyond it a
	 * waiting write is kept in memory only (logged). At least 64 KB
	 */
	public record Burn(@DefaultValue("1337") @Min(0) @Max(65535) int port,
			@DefaultValue("0.0.0.0") @NotBlank String bindAddress,
			@DefaultValue("10m") @DurationMin(millis = 1) Duration agingStep,
			@DefaultValue("10000") @Min(1) int maxJobs, @DefaultValue("1000") @Min(1) int maxConnections,
			@DefaultValue("true") boolean ejectAfterVerdict,
			@DefaultValue("5s") @DurationMin(millis = 1) Duration identificationTimeout,
			@DefaultValue("512") @Min(1) int maxAnonymousConnections,
			@DefaultValue("64") @Min(1) int maxAnonymousConnectionsPerAddress, @Valid @DefaultValue BurnAuth auth,
			@DefaultValue("burn-spool") @NotNull Path spoolDir, @DefaultValue("64MB") @NotNull DataSize maxSpoolSize) {

		public Burn {
			if (maxSpoolSize != null && maxSpoolSize.toBytes() < DataSize.ofKilobytes(64).toBytes()) {
				throw new IllegalArgumentException(
						"mediafleet.scheduler.burn.max-spool-size must be at least 64KB: " + maxSpoolSize);
			}
		}

	}

	/**
	 * Authentication on the burn port: {@code AUTH\t<link JWT>} after {@code ID}, a {@code control} token for
	 * command and display clients, a {@code slave} token for burners.
	 *
	 * @param requireCommands Whether {@code COMMAND} clients must authenticate before they are served
	 * @param requireDisplays Whether {@code DISPLAY} clients must authenticate before they are served
	 * @param requireBurners Whether burners ({@code BURNCDR}, {@code BURNDVD}) must authenticate before they are
	 * served
	 * @param anonymousNetworks Networks (CIDR such as {@code 10.1.0.0/16}, or single addresses) whose clients may skip
	 * {@code AUTH}, for seed-style clients that cannot send it; empty: none
	 */
	public record BurnAuth(@DefaultValue("true") boolean requireCommands,
			@DefaultValue("true") boolean requireDisplays, @DefaultValue("true") boolean requireBurners,
			@DefaultValue List<String> anonymousNetworks) {

		public BurnAuth {
			anonymousNetworks = (anonymousNetworks != null) ? List.copyOf(anonymousNetworks) : List.of();
			for (String network : anonymousNetworks) {
				try {
					new IpAddressMatcher(network.strip());
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException("mediafleet.scheduler.burn.auth.anonymous-networks: '" + network
							+ "' is not a CIDR network or IP address: " + ex.getMessage(), ex);
				}
			}
		}

	}

	/**
	 * The synchronised-playback master: slaves advise on one ZeroMQ bus and obey commands on the other.
	 *
	 * @param advisePort Port of the advise bus (slaves publish, the master subscribes); 0 picks a free port
	 * @param commandPort Port of the command bus (the master publishes, slaves subscribe); 0 picks a free port
	 * @param bindAddress Local address both buses bind to
	 * @param slaveTimeout Silence after which a slave that stopped sending {@code slave-ready} is declared gone
	 * @param enabled Whether the master binds its buses at all
	 * @param startLead How far ahead of now the master puts the common start instant ({@code at}) of a simul
	 * @param startTimeout How long after the start instant a slave may take to answer {@code simul-start}
	 * @param fileResendInterval How often {@code simul-file} is repeated while not every live slave has the file
	 * (PUB/SUB drops what a slow joiner missed)
	 * @param tickInterval How often the master checks slave silence, start deadlines and resends
	 * @param security {@code curve} (the default): both buses encrypted and only slaves with an authorized public
	 * key admitted; {@code plain}: the seed's unauthenticated buses, for legacy slaves without CURVE, where anyone who
	 * reaches the ports may join and listen
	 * @param curve The master's key and the slaves' keys, used when {@code security} is {@code curve}
	 * @param admission Limits on connections to each bus before they authenticate (issue 19)
	 * @param fileTimeout How long after {@code simul-file} a slave may take to report the file before it is named
	 * late and the simul's late policy ({@code wait}, {@code start-without} (default), {@code abort}) applies
	 */
	public record Simul(@DefaultValue("5556") @Min(0) @Max(65535) int advisePort,
			@DefaultValue("5557") @Min(0) @Max(65535) int commandPort,
			@DefaultValue("0.0.0.0") @NotBlank String bindAddress,
			@DefaultValue("15s") @DurationMin(millis = 1) Duration slaveTimeout,
			@DefaultValue("true") boolean enabled,
			@DefaultValue("2s") @DurationMin(millis = 0) Duration startLead,
			@DefaultValue("5s") @DurationMin(millis = 1) Duration startTimeout,
			@DefaultValue("2s") @DurationMin(millis = 1) Duration fileResendInterval,
			@DefaultValue("250ms") @DurationMin(millis = 1) Duration tickInterval,
			@DefaultValue("curve") @NotNull SimulSecurity security, @Valid @DefaultValue Curve curve,
			@Valid @DefaultValue Admission admission,
			@DefaultValue("30s") @DurationMin(millis = 1) Duration fileTimeout) {

		/**
		 * CURVE keys of the simul buses, each 40 characters of Z85 ({@code bin/mediafleet keys zmq} makes pairs).
		 *
		 * @param secretKey The master's secret key; its public key, which slaves are configured with, is logged at
		 * startup. When unset a random one is generated at startup (slaves must then be given its new public key
		 * after every restart) and a warning is logged. Empty counts as unset (compose passes empty variables)
		 * @param slaveKeys Public keys of the slaves admitted (comma-separated in one environment variable)
		 * @param slaveKeysFile Optional file of further slave public keys, one per line with an optional label after
		 * it, {@code #} for comments; read again whenever it changes, so slaves are added or rotated without a restart
		 */
		public record Curve(@Nullable @Pattern(regexp = Z85_KEY) String secretKey,
				@DefaultValue List<@Pattern(regexp = Z85_KEY) String> slaveKeys, @Nullable Path slaveKeysFile) {
		}

		/**
		 * Limits on each bus's connections, enforced at accept by a guard in front of the ZeroMQ socket (which has no
		 * limit of its own). A connection is pending until the handshake timeout has passed (plus 1 s): by then the
		 * bus has closed it unless it authenticated. Beyond a limit, a new connection is closed at once; a slave
		 * retries on its own (ZeroMQ reconnects).
		 *
		 * @param maxPendingPerAddress Pending connections one source address may hold on one bus
		 * @param maxPending Pending connections all addresses may hold together on one bus (at least
		 * {@code maxPendingPerAddress})
		 * @param maxConnections Connections, pending and established, one bus takes (at least {@code maxPending})
		 * @param handshakeTimeout How long a connection may take over the ZMTP greeting and the CURVE handshake before
		 * the bus closes it ({@code ZMQ_HANDSHAKE_IVL}; ZeroMQ's own default is 30 s)
		 */
		public record Admission(@DefaultValue("16") @Min(1) int maxPendingPerAddress,
				@DefaultValue("256") @Min(1) int maxPending, @DefaultValue("1024") @Min(1) int maxConnections,
				@DefaultValue("3s") @DurationMin(millis = 1) @DurationMax(seconds = 600) Duration handshakeTimeout) {
		}

	}

	/** How the simul buses are secured. */
	public enum SimulSecurity {

		/** CURVE encryption, and a ZAP handler that admits only authorized slave keys. */
		CURVE,

		/** ZeroMQ's NULL mechanism: no encryption, no authentication; for legacy slaves only. */
		PLAIN

	}

	/** A CURVE key in Z85: 40 characters of the Z85 alphabet (ZeroMQ RFC 32), or empty for "unset". */
	static final String Z85_KEY = "|[0-9a-zA-Z.\\-:+=^!/*?&<>()\\[\\]{}@%$#]{40}";

	/**
	 * The IRC bot through which people drive synchronised playback.
	 *
	 * @param enabled Whether the bot connects at all
	 * @param host IRC server host
	 * @param port IRC server port
	 * @param channel Channel the bot joins, with its leading {@code #}
	 * @param nick The bot's nickname
	 * @param tls Whether to connect with TLS
	 * @param serverPassword Password sent with {@code PASS} before registering, if the server wants one
	 * @param nickservPassword Password sent to NickServ ({@code IDENTIFY}) after registering, if set
	 * @param allowedNicks Nicks that may run {@code !simul}, {@code !start} and {@code !stop}; everyone may run
	 * {@code !status}, {@code !slaves} and {@code !help}
	 * @param messageInterval Flood control: the least time between two lines the bot sends once its burst is used
	 * @param messageBurst Flood control: how many lines the bot may send back to back
	 * @param reconnectMin First delay before reconnecting after a lost connection; doubled after each failure
	 * @param reconnectMax Longest delay between reconnection attempts
	 */
	public record Irc(@DefaultValue("false") boolean enabled, @DefaultValue("localhost") @NotBlank String host,
			@DefaultValue("6667") @Min(1) @Max(65535) int port,
			@DefaultValue("#mediafleet") @Pattern(regexp = "[#&]\\S+") String channel,
			@DefaultValue("mediafleet") @Pattern(regexp = "\\S+") String nick,
			@DefaultValue("false") boolean tls, @Nullable String serverPassword, @Nullable String nickservPassword,
			@DefaultValue List<@Pattern(regexp = "\\S+") String> allowedNicks,
			@DefaultValue("1s") @DurationMin(millis = 0) Duration messageInterval,
			@DefaultValue("4") @Min(1) int messageBurst,
			@DefaultValue("1s") @DurationMin(millis = 1) Duration reconnectMin,
			@DefaultValue("60s") @DurationMin(millis = 1) Duration reconnectMax) {
	}

	/**
	 * Leader election: with it enabled, a scheduler starts its application only once it holds the lease in MongoDB
	 * (collection {@code scheduler_leader}); until then it is a hot standby that answers liveness but not readiness.
	 * Read before the application context starts, from the same property sources.
	 *
	 * @param enabled Whether to elect a leader at all; off, a single scheduler starts at once as before
	 * @param leaseDuration How long a lease lasts without renewal: a standby takes over at most this long after the
	 * leader stopped renewing; the leader halts itself if it could not renew within it
	 * @param renewInterval How often the leader renews and a standby tries to acquire; less than half the lease
	 * @param holderId This instance's id in the lease document; empty for the host name plus a random suffix
	 * @param collection MongoDB collection holding the one lease document
	 */
	public record Leader(@DefaultValue("false") boolean enabled,
			@DefaultValue("15s") @DurationMin(millis = 1) Duration leaseDuration,
			@DefaultValue("5s") @DurationMin(millis = 1) Duration renewInterval, @DefaultValue("") String holderId,
			@DefaultValue("scheduler_leader") @NotBlank String collection) {
	}

	/**
	 * The operator console: pages at {@code /console}, signed in with the admin token.
	 *
	 * @param enabled Whether {@code /console} is served at all
	 * @param sessionTimeout A console session ends after this long without a request (the live connection counts
	 * as one only when it is opened)
	 * @param trackerUrl Base URL of the tracker's HTTP port (its {@code /admin/tracker} API), e.g.
	 * {@code http://localhost:8082}; unset hides the tracker's parts
	 * @param trackerToken Bearer token of the tracker's admin API, if it has one
	 * @param services Other services whose {@code /actuator/health} the overview shows: name to base URL
	 * @param listenUrlTemplate The URL a listen button plays, with {@code {streamer}} and {@code {radio_uuid}}
	 * replaced, e.g. {@code http://localhost:8081/radios/{radio_uuid}}; unset hides the button
	 * @param refreshInterval How often the console looks for changes it is not told of directly (radios, streamers,
	 * simul, link sessions); pushes reach every open console within about this long
	 * @param healthInterval How often the other services' health is polled
	 * @param maxConsoles Open live connections beyond which new ones are refused (503)
	 */
	public record Console(@DefaultValue("true") boolean enabled,
			@DefaultValue("30m") @DurationMin(minutes = 1) Duration sessionTimeout,
			@Nullable @Pattern(regexp = "https?://\\S+") String trackerUrl, @Nullable String trackerToken,
			@DefaultValue Map<String, URI> services,
			@Nullable @Pattern(regexp = "https?://\\S+") String listenUrlTemplate,
			@DefaultValue("500ms") @DurationMin(millis = 50) @DurationMax(seconds = 1) Duration refreshInterval,
			@DefaultValue("5s") @DurationMin(millis = 100) Duration healthInterval,
			@DefaultValue("200") @Min(1) int maxConsoles) {
	}

	/**
	 * Admission on the HTTP port before any request is read; the port's timeouts and its overall connection limit
	 * are Boot's {@code server.tomcat.connection-timeout}, {@code keep-alive-timeout} and {@code max-connections}.
	 *
	 * @param maxConnectionsPerAddress Open TCP connections one source address may hold on the HTTP port (requests,
	 * keep-alive, consoles, link WebSockets together); a connection beyond it is closed at accept, before Tomcat
	 * allocates anything for it; 0 for no limit
	 */
	public record Http(@DefaultValue("256") @Min(0) int maxConnectionsPerAddress) {
	}

}
