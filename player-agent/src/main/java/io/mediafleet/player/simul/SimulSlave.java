package io.mediafleet.player.simul;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.mediafleet.player.library.Lookup;
import io.mediafleet.player.library.MediaLibrary;
import io.mediafleet.player.library.TspFileFetcher;
import io.mediafleet.player.playback.Player;
import io.mediafleet.player.sync.InstantWait;
import io.mediafleet.player.sync.PlaybackSync;
import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.simul.AdviseMessage;
import io.mediafleet.schema.simul.CommandMessage;
import io.mediafleet.schema.simul.CurveKey;
import io.mediafleet.schema.simul.FileStatus;
import io.mediafleet.schema.simul.SimulCodec;
import io.mediafleet.schema.simul.SimulCodecException;
import io.mediafleet.schema.simul.SimulFile;
import io.mediafleet.schema.simul.SimulNotStarted;
import io.mediafleet.schema.simul.SimulPlayCompleted;
import io.mediafleet.schema.simul.SimulStart;
import io.mediafleet.schema.simul.SimulStarted;
import io.mediafleet.schema.simul.SimulStop;
import io.mediafleet.schema.simul.SlaveExit;
import io.mediafleet.schema.simul.SlaveReady;
import io.mediafleet.schema.simul.TransportCommand;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A simul slave: advises the master ({@code slave-ready} every ready interval, {@code file-status} for the file
 * asked for), and obeys {@code simul-file}, {@code simul-start} (at the agreed instant) and {@code simul-stop}
 * addressed to it or to everyone. Sends {@code slave-exit} when closed.
 *
 * <p>Commands are handled on one task thread, in order; starts are timed on a second thread so that hashing a
 * large file never delays a start.
 */
public final class SimulSlave implements AutoCloseable {

	private static final Log log = LogFactory.getLog(SimulSlave.class);

	/** Frames above this size are cut off by ZeroMQ before they are buffered. */
	static final long MAX_SOCKET_FRAME_BYTES = 1024 * 1024;

	static final int HIGH_WATER_MARK = 1000;

	private final Settings settings;

	private final SimulCodec codec = new SimulCodec(JsonLimits.DEFAULTS);

	private final MediaLibrary library;

	private final Player player;

	private final MeterRegistry meters;

	private final InstantSource clock;

	private final Timer startLateness;

	private final ScheduledExecutorService tasks;

	private final ScheduledExecutorService starter;

	private final SlaveBuses buses;

	// Fetches files this slave lacks from TSP peers, when the operator allows it; null otherwise.
	private final @Nullable TspFileFetcher fetcher;
	private final PlaybackSync sync;

	// Confined to the task thread.
	private @Nullable String wantedFile;

	// The md5 the master gave with simul-file, if any: a copy under another name is found by it.
	private volatile @Nullable String wantedMd5;

	private @Nullable Future<?> pendingStart;

	// Preloads of the wanted file that failed in a row (mpv too slow to answer on a loaded machine): retried on the
	// next ticks, up to MAX_PRELOAD_TRIES, so that a start is still only an unpause.
	private volatile int preloadFailures;

	static final int MAX_PRELOAD_TRIES = 3;

	private @Nullable String pendingFile;

	/**
	 * Where the master is and how this slave behaves.
	 *
	 * @param name this slave's name ({@code src}, and the {@code dest} it obeys)
	 * @param masterHost host of the master's buses
	 * @param advisePort the advise bus's port
	 * @param commandPort the command bus's port
	 * @param readyInterval how often {@code slave-ready} (and {@code file-status}) is sent
	 * @param maxStartLead furthest ahead an {@code at} may be before the start is refused
	 * @param curve CURVE keys for both buses, or null to connect plain (only a master in plain mode accepts that)
	 * @param latencyOffset how much before the agreed instant this slave starts (its audio output latency), 0-10 s
	 * @param sync how a started playback is kept in step with the group (drift correction, position reports)
	 */
	public record Settings(String name, String masterHost, int advisePort, int commandPort, Duration readyInterval,
			Duration maxStartLead, @Nullable Curve curve, Duration latencyOffset, PlaybackSync.Settings sync) {

		/** Settings with a latency offset and the default drift correction. */
		public Settings(String name, String masterHost, int advisePort, int commandPort, Duration readyInterval,
				Duration maxStartLead, @Nullable Curve curve, Duration latencyOffset) {
			this(name, masterHost, advisePort, commandPort, readyInterval, maxStartLead, curve, latencyOffset,
					PlaybackSync.Settings.DEFAULTS);
		}

		/** Settings without a latency offset. */
		public Settings(String name, String masterHost, int advisePort, int commandPort, Duration readyInterval,
				Duration maxStartLead, @Nullable Curve curve, PlaybackSync.Settings sync) {
			this(name, masterHost, advisePort, commandPort, readyInterval, maxStartLead, curve, Duration.ZERO, sync);
		}

		/** Settings without a latency offset, with the default drift correction. */
		public Settings(String name, String masterHost, int advisePort, int commandPort, Duration readyInterval,
				Duration maxStartLead, @Nullable Curve curve) {
			this(name, masterHost, advisePort, commandPort, readyInterval, maxStartLead, curve, Duration.ZERO,
					PlaybackSync.Settings.DEFAULTS);
		}

		/** Settings of a plain slave. */
		public Settings(String name, String masterHost, int advisePort, int commandPort, Duration readyInterval,
				Duration maxStartLead) {
			this(name, masterHost, advisePort, commandPort, readyInterval, maxStartLead, null);
		}

		public Settings {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(masterHost, "masterHost");
			Objects.requireNonNull(sync, "sync");
			if (readyInterval.isNegative() || readyInterval.isZero()) {
				throw new IllegalArgumentException("readyInterval must be positive");
			}
			if (latencyOffset.isNegative() || latencyOffset.toMillis() > SlaveReady.MAX_LATENCY_MILLIS) {
				throw new IllegalArgumentException("latencyOffset must be 0-" + SlaveReady.MAX_LATENCY_MILLIS
						+ " ms but was " + latencyOffset);
			}
		}

	}

	/**
	 * A slave's CURVE keys.
	 *
	 * @param masterPublicKey the master's public key: the slave talks only to the master holding its secret half
	 * @param secretKey this slave's secret key; the master must list its public half
	 */
	public record Curve(CurveKey masterPublicKey, CurveKey secretKey) {

		public Curve {
			Objects.requireNonNull(masterPublicKey, "masterPublicKey");
			Objects.requireNonNull(secretKey, "secretKey");
		}

	}

	private SimulSlave(Settings settings, MediaLibrary library, Player player, MeterRegistry meters,
			InstantSource clock, @Nullable TspFileFetcher fetcher) {
		// Fail now on a bad name rather than on every message.
		new SlaveReady(settings.name());
		this.settings = settings;
		this.library = library;
		this.player = player;
		this.meters = meters;
		this.clock = clock;
		this.fetcher = fetcher;
		this.startLateness = Timer.builder("mediafleet.player.start.lateness")
			.description("How late after the agreed instant the player process was started")
			.register(meters);
		// Every playback outcome at zero from the start, so a dashboard shows "none" rather than "no data".
		for (String outcome : List.of("started", "completed", "failed", "stopped", "not-started")) {
			meters.counter("mediafleet.player.playbacks", "outcome", outcome);
		}
		meters.counter("mediafleet.player.files.refused");
		this.tasks = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("simul-slave-" + settings.name()).daemon().factory());
		this.starter = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("simul-start-" + settings.name()).daemon().factory());
		this.sync = new PlaybackSync(settings.name(), player, clock, settings.sync(), this::send, meters);
		this.buses = new SlaveBuses(settings.masterHost(), settings.advisePort(), settings.commandPort(),
				MAX_SOCKET_FRAME_BYTES, HIGH_WATER_MARK, settings.curve(), this::onCommandFrame);
		long period = settings.readyInterval().toNanos();
		this.tasks.scheduleWithFixedDelay(this::tick, 0, period, TimeUnit.NANOSECONDS);
	}

	/** Connects to the master and starts advising; the caller closes the slave. */
	public static SimulSlave start(Settings settings, MediaLibrary library, Player player, MeterRegistry meters,
			InstantSource clock) {
		return new SimulSlave(settings, library, player, meters, clock, null);
	}

	/** As {@link #start}, fetching files this slave lacks from TSP peers through {@code fetcher}. */
	public static SimulSlave start(Settings settings, MediaLibrary library, Player player, MeterRegistry meters,
			InstantSource clock, @Nullable TspFileFetcher fetcher) {
		return new SimulSlave(settings, library, player, meters, clock, fetcher);
	}

	/** This slave's name. */
	public String name() {
		return this.settings.name();
	}

	private void onCommandFrame(byte[] frame) {
		CommandMessage command;
		try {
			command = this.codec.decodeCommand(frame);
		}
		catch (SimulCodecException ex) {
			this.meters.counter("mediafleet.player.commands.rejected", "protocol", "simul").increment();
			log.warn("Dropped command frame: " + ex.getMessage());
			return;
		}
		if (!command.isFor(this.settings.name())) {
			this.meters.counter("mediafleet.player.commands.ignored", "reason", "other-dest").increment();
			return;
		}
		this.meters.counter("mediafleet.player.commands.received", "mtype", command.messageType().wireName())
			.increment();
		runTask(() -> handle(command));
	}

	private void runTask(Runnable task) {
		try {
			this.tasks.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// Closing: nothing to do.
		}
	}

	private void handle(CommandMessage command) {
		try {
			switch (command) {
				case SimulFile file -> {
					if (this.pendingFile != null && !this.pendingFile.equals(file.filename())) {
						cancelPendingStart();
					}
					if (!file.filename().equals(this.wantedFile)) {
						this.preloadFailures = 0;
					}
					this.wantedFile = file.filename();
					this.wantedMd5 = file.md5();
					if (reportFile(file.filename()) instanceof Lookup.Found found) {
						preload(found);
					}
				}
				case SimulStart start -> start(start);
				case SimulStop stop -> stop(stop);
				case TransportCommand transport -> this.sync.transport(transport);
			}
		}
		catch (RuntimeException ex) {
			log.error("Failed to handle " + command.messageType().wireName(), ex);
		}
	}

	private void tick() {
		try {
			send(new SlaveReady(this.settings.name(), (int) this.settings.latencyOffset().toMillis()));
			String wanted = this.wantedFile;
			if (wanted != null && reportFile(wanted) instanceof Lookup.Found found) {
				int failures = this.preloadFailures;
				if (failures > 0 && failures < MAX_PRELOAD_TRIES) {
					preload(found);
				}
			}
		}
		catch (RuntimeException ex) {
			log.error("Slave tick failed", ex);
		}
	}

	// The file by its name, or else (when the master gave an md5) the same content under another name; the result
	// keeps the name asked for, so that every report is about the master's file name.
	private Lookup locate(String filename) {
		Lookup lookup = this.library.lookup(filename);
		String md5 = this.wantedMd5;
		if (!(lookup instanceof Lookup.Missing) || md5 == null || !filename.equals(this.wantedFile)) {
			return lookup;
		}
		if (this.library.lookupByMd5(md5) instanceof Lookup.Found copy) {
			return new Lookup.Found(filename, copy.path(), copy.md5(), copy.timestampSeconds());
		}
		TspFileFetcher tsp = this.fetcher;
		if (tsp == null) {
			return lookup;
		}
		return switch (tsp.request(md5, filename)) {
			case TspFileFetcher.Progress.Done done -> this.library.lookup(filename);
			case TspFileFetcher.Progress.Fetching fetching -> new Lookup.Missing(filename,
					"fetching from a TSP peer: " + fetching.bytes() + " of "
							+ ((fetching.totalBytes() > 0) ? fetching.totalBytes() + " bytes" : "? bytes")
							+ ((fetching.totalBytes() > 0) ? " (" + (100 * fetching.bytes() / fetching.totalBytes()) + " %)" : ""));
			case TspFileFetcher.Progress.Failed failed -> new Lookup.Missing(filename, failed.reason());
		};
	}

	private Lookup reportFile(String filename) {
		Lookup lookup = locate(filename);
		switch (lookup) {
			case Lookup.Found found -> send(new FileStatus(this.settings.name(), filename, found.md5(),
					found.timestampSeconds()));
			case Lookup.Missing missing -> send(new SimulNotStarted(this.settings.name(), filename, missing.reason()));
			case Lookup.Refused refused -> {
				this.meters.counter("mediafleet.player.files.refused").increment();
				send(new SimulNotStarted(this.settings.name(), filename, refused.reason()));
			}
		}
		return lookup;
	}

	// Loads the located file paused ahead of simul-start, so that starting is only an unpause. Never replaces a
	// playback that is running (the seed: drop other tasks, except a running media play).
	private void preload(Lookup.Found found) {
		try {
			this.starter.execute(() -> {
				if (this.player.isPlaying() || this.player.isPrepared(found.path())) {
					return;
				}
				try {
					this.player.prepare(found.path(), (exitCode) -> onPlayerExit(found.name(), exitCode));
					this.preloadFailures = 0;
				}
				catch (IOException ex) {
					this.preloadFailures++;
					log.warn("Could not preload " + found.name() + " (try " + this.preloadFailures + " of "
							+ MAX_PRELOAD_TRIES + "): " + ex.getMessage());
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// Closing.
		}
	}

	private void preloadWanted() {
		String wanted = this.wantedFile;
		if (wanted != null && locate(wanted) instanceof Lookup.Found found) {
			preload(found);
		}
	}

	private void start(SimulStart start) {
		String filename = start.filename();
		Lookup lookup = locate(filename);
		if (!(lookup instanceof Lookup.Found found)) {
			String reason = switch (lookup) {
				case Lookup.Missing missing -> missing.reason();
				case Lookup.Refused refused -> refused.reason();
				case Lookup.Found ignored -> throw new IllegalStateException();
			};
			notStarted(filename, reason);
			return;
		}
		// The latency offset moves this slave's start earlier, so that its sound comes out at the agreed instant.
		Long at = (start.atEpochMillis() != null)
				? start.atEpochMillis() - this.settings.latencyOffset().toMillis() : null;
		if (at != null) {
			long delayMillis = at - this.clock.millis();
			if (delayMillis > this.settings.maxStartLead().toMillis()) {
				notStarted(filename, "start instant is " + delayMillis + " ms ahead, over the limit of "
						+ this.settings.maxStartLead().toMillis() + " ms: are the clocks in sync?");
				return;
			}
		}
		cancelPendingStart();
		this.pendingFile = filename;
		Long position = start.positionMillis();
		this.pendingStart = this.starter.submit(() -> prepareAndStart(found, at, position));
	}

	// On the starter thread: get the player ready (mpv loads the file paused), cue it to the group's position when
	// joining late, wait for the instant, go.
	private void prepareAndStart(Lookup.Found found, @Nullable Long at, @Nullable Long positionMillis) {
		String filename = found.name();
		if (!this.player.isPrepared(found.path())) {
			try {
				this.player.prepare(found.path(), (exitCode) -> onPlayerExit(filename, exitCode));
			}
			catch (IOException ex) {
				notStarted(filename, "player failed: " + ex.getMessage());
				return;
			}
		}
		if (positionMillis != null) {
			try {
				this.player.cueTo(Duration.ofMillis(positionMillis));
			}
			catch (IOException ex) {
				log.warn("Could not cue " + filename + " to " + positionMillis + " ms, starting where it is: "
						+ ex.getMessage());
			}
		}
		// Unpaused this agent's usual lag early, so that the sound starts at the instant (learned from checked starts).
		double lead = (at != null) ? this.sync.startLeadMs() : Double.NaN;
		if (at != null && !InstantWait.until(this.clock, at, Math.round(lead * 1e6))) {
			return;
		}
		try {
			this.player.go();
		}
		catch (IOException ex) {
			this.player.stop();
			notStarted(filename, "player failed: " + ex.getMessage());
			return;
		}
		if (at != null) {
			long late = Math.max(0, this.clock.millis() - at);
			this.startLateness.record(late, TimeUnit.MILLISECONDS);
		}
		this.meters.counter("mediafleet.player.playbacks", "outcome", "started").increment();
		// The group's timeline starts at the agreed instant (or now, without one); the sync holds mpv to it.
		this.sync.started(filename, (at != null) ? at : this.clock.millis(), (positionMillis != null) ? positionMillis : 0,
				lead);
		send(new SimulStarted(this.settings.name(), filename));
	}

	private void onPlayerExit(String filename, int exitCode) {
		this.sync.stopped();
		if (exitCode == 0) {
			this.meters.counter("mediafleet.player.playbacks", "outcome", "completed").increment();
			send(new SimulPlayCompleted(this.settings.name(), filename));
			// Ready for the next !start of the same simul.
			runTask(this::preloadWanted);
		}
		else {
			// The protocol has no "playback failed" advice once started; the log and the metric carry it.
			this.meters.counter("mediafleet.player.playbacks", "outcome", "failed").increment();
			log.warn("Player exited with code " + exitCode + " while playing " + filename);
		}
	}

	private void stop(SimulStop stop) {
		if (stop.filename().equals(this.pendingFile)) {
			cancelPendingStart();
		}
		Path playing = this.player.playing();
		boolean thatFile = playing != null && (playing.getFileName().toString().equals(stop.filename())
				|| (locate(stop.filename()) instanceof Lookup.Found found && found.path().equals(playing)));
		if (thatFile) {
			this.sync.stopped();
		}
		if (thatFile && this.player.stop()) {
			this.meters.counter("mediafleet.player.playbacks", "outcome", "stopped").increment();
		}
		// The simul may be started again: be ready for it.
		preloadWanted();
	}

	private void cancelPendingStart() {
		Future<?> pending = this.pendingStart;
		if (pending != null) {
			pending.cancel(true);
		}
		this.pendingStart = null;
		this.pendingFile = null;
	}

	private void notStarted(String filename, String reason) {
		this.meters.counter("mediafleet.player.playbacks", "outcome", "not-started").increment();
		send(new SimulNotStarted(this.settings.name(), filename, reason));
	}

	private void send(AdviseMessage message) {
		this.buses.publish(this.codec.encode(message));
	}

	/** Stops playback, sends {@code slave-exit} and disconnects. */
	@Override
	public void close() {
		this.tasks.shutdownNow();
		this.starter.shutdownNow();
		this.sync.close();
		try {
			this.tasks.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.player.stop();
		if (this.fetcher != null) {
			this.fetcher.close();
		}
		this.buses.close(this.codec.encode(new SlaveExit(this.settings.name())));
	}

}
