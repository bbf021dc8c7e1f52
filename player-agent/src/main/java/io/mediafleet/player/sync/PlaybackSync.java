package io.mediafleet.player.sync;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.mediafleet.player.playback.Player;
import io.mediafleet.schema.simul.SimulPause;
import io.mediafleet.schema.simul.SimulPosition;
import io.mediafleet.schema.simul.SimulResume;
import io.mediafleet.schema.simul.SimulSeek;
import io.mediafleet.schema.simul.TransportCommand;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a started playback on the group's timeline: samples mpv's position against this agent's clock, feeds the
 * {@link DriftController} and applies its speed and seek decisions; reports the position to the master
 * ({@code simul-position}); carries out group pause, resume and seek at their agreed instant.
 *
 * <p>The timeline is the agreed start instant (then resume and seek instants) on the shared clock, the same
 * clock the start itself relies on, so each agent corrects itself without a round trip to the master. Everything
 * runs on one thread, so a transport command and a correction never interleave.
 */
public final class PlaybackSync implements AutoCloseable {

	private static final Log log = LogFactory.getLog(PlaybackSync.class);

	private final String slaveName;

	private final Player player;

	private final InstantSource clock;

	private final Settings settings;

	private final Consumer<SimulPosition> reporter;

	private final DriftController controller;

	private final ScheduledExecutorService thread;

	private final DistributionSummary drift;

	private final MeterRegistry meters;

	private final StartCheck startCheck;

	private final DistributionSummary startError;

	// The lead the next start applies (written on the thread, read by the starter).
	private volatile double startLeadMs;

	// Changes with every start, stop and transport command: a start check planned before it is void.
	private long epoch;

	// Confined to the thread.
	private @Nullable String filename;

	private double nextReportMs;

	// The speed last set on the player.
	private double appliedSpeed = 1.0;

	/**
	 * How the agent keeps in step.
	 *
	 * @param correct whether drift is corrected (positions are sampled and reported either way)
	 * @param sampleInterval how often mpv's position is read
	 * @param reportInterval how often {@code simul-position} is sent
	 * @param controller the controller's bounds
	 * @param startCheck how a start's landing is checked (and restarted) and the agent's start lag learned
	 */
	public record Settings(boolean correct, Duration sampleInterval, Duration reportInterval,
			DriftController.Settings controller, StartCheck.Settings startCheck) {

		/** Correction on, sampled every 250 ms, reported every second, the controller's and start check's defaults. */
		public static final Settings DEFAULTS = new Settings(true, Duration.ofMillis(250), Duration.ofSeconds(1),
				DriftController.Settings.DEFAULTS);

		/** These settings with the start check's defaults. */
		public Settings(boolean correct, Duration sampleInterval, Duration reportInterval,
				DriftController.Settings controller) {
			this(correct, sampleInterval, reportInterval, controller, StartCheck.Settings.DEFAULTS);
		}

		public Settings {
			Objects.requireNonNull(controller, "controller");
			Objects.requireNonNull(startCheck, "startCheck");
			if (sampleInterval.isZero() || sampleInterval.isNegative() || reportInterval.isNegative()) {
				throw new IllegalArgumentException("sampleInterval must be positive and reportInterval not negative");
			}
		}

	}

	public PlaybackSync(String slaveName, Player player, InstantSource clock, Settings settings,
			Consumer<SimulPosition> reporter, MeterRegistry meters) {
		this.slaveName = slaveName;
		this.player = player;
		this.clock = clock;
		this.settings = settings;
		this.reporter = reporter;
		this.meters = meters;
		this.controller = new DriftController(settings.controller());
		this.startCheck = new StartCheck(settings.startCheck());
		this.startError = DistributionSummary.builder("mediafleet.player.start.error")
			.description("How far from the agreed instant each checked start (or restart) landed, in absolute value")
			.baseUnit("milliseconds")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
		meters.counter("mediafleet.player.start.restarts");
		meters.gauge("mediafleet.player.start.lead", this, (sync) -> sync.startLeadMs);
		this.drift = DistributionSummary.builder("mediafleet.player.drift")
			.description("Absolute error of each position sample against the group's timeline")
			.baseUnit("milliseconds")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
		for (String action : new String[] { "speed", "seek" }) {
			meters.counter("mediafleet.player.drift.corrections", "action", action);
		}
		this.thread = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("simul-sync-" + slaveName).daemon().factory());
		long period = settings.sampleInterval().toNanos();
		this.thread.scheduleAtFixedRate(this::sample, period, period, TimeUnit.NANOSECONDS);
	}

	/** Playback of {@code filename} started at {@code startEpochMillis} from position 0. */
	public void started(String filename, long startEpochMillis) {
		started(filename, startEpochMillis, 0);
	}

	/**
	 * Playback of {@code filename} started at {@code startEpochMillis} from {@code positionMillis} (a member that
	 * joined late was cued to the group's position).
	 */
	public void started(String filename, long startEpochMillis, long positionMillis) {
		started(filename, startEpochMillis, positionMillis, Double.NaN);
	}

	/**
	 * How much before an agreed instant the player is to be unpaused: this agent's usual lag between the unpause
	 * and the sound, learned from its checked starts (0 until one was checked, or with the check off).
	 */
	public double startLeadMs() {
		return this.startLeadMs;
	}

	/**
	 * Playback of {@code filename} was unpaused {@code leadUsedMs} before the agreed instant
	 * {@code startEpochMillis}, from {@code positionMillis}: once it has settled, where it landed is checked and a
	 * start too far off is started again ({@link StartCheck}). {@code leadUsedMs} NaN: no agreed instant, no check.
	 */
	public void started(String filename, long startEpochMillis, long positionMillis, double leadUsedMs) {
		run(() -> {
			this.epoch++;
			if (!Double.isNaN(leadUsedMs) && this.settings.startCheck().enabled()) {
				scheduleCheck(this.epoch, filename, startEpochMillis, positionMillis, leadUsedMs,
						StartCheck.Landing.UNPAUSE, 0);
			}
			this.filename = filename;
			this.controller.reset();
			// A newly started mpv plays at speed 1.0.
			this.appliedSpeed = 1.0;
			this.controller.playFrom(startEpochMillis, positionMillis);
			this.nextReportMs = 0;
		});
	}

	/** Playback ended or was stopped: nothing to keep in step. */
	public void stopped() {
		run(() -> {
			this.epoch++;
			this.filename = null;
			this.controller.reset();
		});
	}

	/**
	 * Carries out a group pause, resume or seek of the playing file at its instant; others are ignored. A resume or
	 * a seek while playing, at an agreed instant, is checked like a start: where it landed is read and a landing too
	 * far off is started again ({@link StartCheck}).
	 */
	public void transport(TransportCommand command) {
		run(() -> {
			if (!command.filename().equals(this.filename)) {
				log.debug("Ignored a transport command for " + command.filename() + ": not playing it");
				return;
			}
			// The group moves on: a start check planned before is void.
			this.epoch++;
			try {
				apply(command);
				applyControllerSpeed();
			}
			catch (IOException ex) {
				log.warn("Could not carry out " + command + ": " + ex.getMessage());
			}
		});
	}

	private void apply(TransportCommand command) throws IOException {
		long at = (command.atEpochMillis() != null) ? command.atEpochMillis() : this.clock.millis();
		double seconds = command.positionMillis() / 1000.0;
		// How the player lands on the timeline, if it plays on from the instant; null: paused.
		StartCheck.Landing landing = null;
		double lead = 0;
		switch (command) {
			case SimulPause pause -> {
				waitUntil(at);
				this.player.setPaused(true);
				// Every agent shows the same frame, whatever its error was at the instant.
				this.player.seek(seconds);
				this.controller.pauseAt(command.positionMillis());
			}
			case SimulResume resume -> {
				if (this.controller.isPlaying()) {
					// Resume without a pause: a jump at the instant.
					landing = StartCheck.Landing.JUMP;
					lead = this.startCheck.leadMs(landing);
					waitUntil(at, lead);
					this.player.seek(seconds);
				}
				else {
					// Get there paused ahead of the instant, so resuming is only an unpause, as a start is (with the
					// start's lead).
					landing = StartCheck.Landing.UNPAUSE;
					lead = this.startCheck.leadMs(landing);
					this.player.seek(seconds);
					this.player.awaitSeekDone(Duration.ofNanos(Math.max(0, Math.round((at - lead - nowMs()) * 1e6))));
					waitUntil(at, lead);
					this.player.setPaused(false);
				}
				this.controller.playFrom(at, command.positionMillis());
			}
			case SimulSeek seek -> {
				if (this.controller.isPlaying()) {
					landing = StartCheck.Landing.JUMP;
					lead = this.startCheck.leadMs(landing);
					waitUntil(at, lead);
					this.player.seek(seconds);
					this.controller.playFrom(at, command.positionMillis());
				}
				else {
					this.player.seek(seconds);
					this.controller.pauseAt(command.positionMillis());
				}
			}
		}
		if (landing != null && command.atEpochMillis() != null && this.settings.startCheck().enabled()) {
			scheduleCheck(this.epoch, command.filename(), at, command.positionMillis(), lead, landing, 0);
		}
	}

	// The check reads the position once mpv's output has settled after the (re)start.
	static final long CHECK_DELAY_MS = 300;

	// Between the readings of a check.
	private static final long READING_GAP_MS = 3;

	private void scheduleCheck(long checkEpoch, String file, double anchorClockMs, double anchorPositionMs,
			double leadUsedMs, StartCheck.Landing landing, int restarts) {
		long delayNanos = Math.max(0, Math.round((anchorClockMs + CHECK_DELAY_MS - nowMs()) * 1e6));
		try {
			this.thread.schedule(
					() -> checkStart(checkEpoch, file, anchorClockMs, anchorPositionMs, leadUsedMs, landing, restarts),
					delayNanos, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Closing.
		}
	}

	private void checkStart(long checkEpoch, String file, double anchorClockMs, double anchorPositionMs,
			double leadUsedMs, StartCheck.Landing landing, int restarts) {
		if (checkEpoch != this.epoch || !file.equals(this.filename)) {
			return;
		}
		try {
			List<StartCheck.Reading> readings = new ArrayList<>();
			for (int i = 0; i < this.settings.startCheck().readings(); i++) {
				if (i > 0) {
					Thread.sleep(READING_GAP_MS);
				}
				StartCheck.Reading reading = timed(this.player::audioPosition);
				if (reading != null) {
					readings.add(reading);
				}
			}
			StartCheck.Verdict verdict = this.startCheck.check(readings, anchorClockMs, anchorPositionMs, leadUsedMs,
					landing, restarts, nowMs());
			this.startLeadMs = this.startCheck.leadMs();
			switch (verdict) {
				case StartCheck.Verdict.Unknown unknown -> log.debug("Start of " + file + " not checked: no audio-pts");
				case StartCheck.Verdict.Hold hold -> {
					this.startError.record(Math.abs(hold.errorMs()));
					log.debug("Start of " + file + " landed " + round(hold.errorMs()) + " ms off; lead now "
							+ round(this.startLeadMs) + " ms");
				}
				case StartCheck.Verdict.Restart restart -> {
					StartCheck.Verdict.Restart done = restart(file, restart);
					// Counted after the restart: a check's error is recorded once its restart (if any) is done.
					this.startError.record(Math.abs(restart.errorMs()));
					scheduleCheck(this.epoch, file, done.atMs(), done.positionMs(), done.leadMs(),
							StartCheck.Landing.RESTART, restarts + 1);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			log.debug("Start check failed: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.warn("Start check failed", ex);
		}
	}

	// Paused at once, cued exactly to where the group will be at the restart's instant, unpaused (with the lead) at
	// it: the timeline is unchanged, the drift controller starts its window afresh from there.
	// If mpv has not finished seeking by the instant (a loaded machine), sound would start only when it has: the
	// restart is planned again further on, up to RESTART_PLANS times with a margin doubled each time.
	private StartCheck.Verdict.Restart restart(String file, StartCheck.Verdict.Restart planned) throws IOException {
		StartCheck.Verdict.Restart restart = planned;
		double margin = restart.atMs() - nowMs();
		this.player.setPaused(true);
		for (int plan = 1;; plan++) {
			this.player.seek(restart.positionMs() / 1000);
			double untilUnpause = restart.atMs() - restart.leadMs() - nowMs();
			boolean ready = this.player.awaitSeekDone(Duration.ofNanos(Math.max(0, Math.round(untilUnpause * 1e6))));
			if (ready || plan >= RESTART_PLANS) {
				break;
			}
			margin *= 2;
			double at = Math.ceil(nowMs() + margin);
			restart = new StartCheck.Verdict.Restart(restart.errorMs(), at,
					restart.positionMs() + (at - restart.atMs()), restart.leadMs());
		}
		InstantWait.until(this.clock, (long) restart.atMs(), Math.round(restart.leadMs() * 1e6));
		this.player.setPaused(false);
		this.controller.playFrom(restart.atMs(), restart.positionMs());
		applyControllerSpeed();
		this.meters.counter("mediafleet.player.start.restarts").increment();
		log.info("Restarted " + file + " at " + round(restart.positionMs()) + " ms: the start landed "
				+ round(restart.errorMs()) + " ms off the agreed instant");
		return restart;
	}

	private static final int RESTART_PLANS = 3;

	// A position sample is re-read while its round trip is longer than this, at most SAMPLE_TRIES readings.
	private static final double SAMPLE_ROUND_TRIP_MS = 1.0;

	private static final int SAMPLE_TRIES = 3;

	private static String round(double ms) {
		return String.format(java.util.Locale.ROOT, "%.1f", ms);
	}

	/** A player position read, in seconds; {@code null} when the player has none. */
	@FunctionalInterface
	private interface PositionRead {

		@Nullable Double seconds() throws IOException;

	}

	/** One position read with the clock just before and after it; {@code null} when the player has no position. */
	private StartCheck.@Nullable Reading timed(PositionRead read) throws IOException {
		double before = nowMs();
		Double seconds = read.seconds();
		double after = nowMs();
		return (seconds != null) ? new StartCheck.Reading(before, after, seconds * 1000) : null;
	}

	private void sample() {
		String file = this.filename;
		if (file == null) {
			return;
		}
		try {
			// A reading counts at the midpoint of its IPC round trip, so one held up (a busy machine, the player's lock)
			// is off by up to half the trip: re-read, a few times at most, keeping the quickest.
			StartCheck.Reading quickest = null;
			for (int i = 0; i < SAMPLE_TRIES
					&& (quickest == null || quickest.roundTripMs() > SAMPLE_ROUND_TRIP_MS); i++) {
				StartCheck.Reading reading = timed(this.player::position);
				if (reading == null) {
					return;
				}
				if (quickest == null || reading.roundTripMs() < quickest.roundTripMs()) {
					quickest = reading;
				}
			}
			if (quickest == null) {
				return;
			}
			double clockMs = quickest.midpointMs();
			double positionMs = quickest.positionMs();
			if (this.controller.isPlaying()) {
				this.drift.record(Math.abs(this.controller.errorMs(clockMs, positionMs)));
			}
			if (this.settings.correct()) {
				DriftController.Decision decision = this.controller.onSample(clockMs, positionMs);
				if (!(decision instanceof DriftController.Decision.Hold) && log.isDebugEnabled()) {
					log.debug("Drift of " + file + ": " + decision + " on " + this.controller.lastEstimate());
				}
				switch (decision) {
					case DriftController.Decision.Hold hold -> {
					}
					case DriftController.Decision.SetSpeed set -> setSpeed(set.speed());
					case DriftController.Decision.Correct correct -> {
						setSpeed(correct.speed());
						long delayNanos = Math.max(0, Math.round((correct.untilMs() - nowMs()) * 1e6));
						this.thread.schedule(() -> correctionDue(correct.untilMs()), delayNanos, TimeUnit.NANOSECONDS);
					}
					case DriftController.Decision.Seek seek -> {
						this.player.seek(seek.positionMs() / 1000);
						this.player.setSpeed(seek.speed());
						this.appliedSpeed = seek.speed();
						this.meters.counter("mediafleet.player.drift.corrections", "action", "seek").increment();
						log.info("Seeked to " + Math.round(seek.positionMs()) + " ms: was "
								+ Math.round(positionMs - seek.positionMs()) + " ms off the group");
					}
				}
			}
			if (clockMs >= this.nextReportMs) {
				this.nextReportMs = clockMs + this.settings.reportInterval().toMillis();
				this.reporter.accept(new SimulPosition(this.slaveName, file, Math.max(0, Math.round(positionMs)),
						Math.round(clockMs), !this.controller.isPlaying(), this.controller.speed()));
			}
		}
		catch (IOException ex) {
			// The playback ended between the check and the read, or mpv is busy: the next sample tries again.
			log.debug("Position sample failed: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.warn("Position sample failed", ex);
		}
	}

	// The correction that ends at untilMs is due: back to the resting speed, unless it is over already.
	private void correctionDue(double untilMs) {
		try {
			if (this.controller.onCorrectionDue(nowMs(), untilMs) instanceof DriftController.Decision.SetSpeed set) {
				setSpeed(set.speed());
			}
		}
		catch (IOException ex) {
			log.debug("Could not end a speed correction: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.warn("Could not end a speed correction", ex);
		}
	}

	private void setSpeed(double speed) throws IOException {
		this.player.setSpeed(speed);
		this.appliedSpeed = speed;
		this.meters.counter("mediafleet.player.drift.corrections", "action", "speed").increment();
	}

	// A transport command ends any correction under way: the player goes back to the controller's resting speed.
	private void applyControllerSpeed() throws IOException {
		if (this.controller.speed() != this.appliedSpeed) {
			this.player.setSpeed(this.controller.speed());
			this.appliedSpeed = this.controller.speed();
		}
	}

	private double nowMs() {
		Instant now = this.clock.instant();
		return now.getEpochSecond() * 1000.0 + now.getNano() / 1e6;
	}

	private void waitUntil(long atEpochMillis) {
		InstantWait.until(this.clock, atEpochMillis);
	}

	private void waitUntil(long atEpochMillis, double leadMs) {
		InstantWait.until(this.clock, atEpochMillis, Math.round(leadMs * 1e6));
	}

	private void run(Runnable task) {
		try {
			this.thread.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// Closing.
		}
	}

	@Override
	public void close() {
		this.thread.shutdownNow();
		try {
			this.thread.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
