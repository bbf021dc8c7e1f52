package io.mediafleet.player.sync;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
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
	 */
	public record Settings(boolean correct, Duration sampleInterval, Duration reportInterval,
			DriftController.Settings controller) {

		/** Correction on, sampled every 250 ms, reported every second, the controller's defaults. */
		public static final Settings DEFAULTS = new Settings(true, Duration.ofMillis(250), Duration.ofSeconds(1),
				DriftController.Settings.DEFAULTS);

		public Settings {
			Objects.requireNonNull(controller, "controller");
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
		run(() -> {
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
			this.filename = null;
			this.controller.reset();
		});
	}

	/** Carries out a group pause, resume or seek of the playing file at its instant; others are ignored. */
	public void transport(TransportCommand command) {
		run(() -> {
			if (!command.filename().equals(this.filename)) {
				log.debug("Ignored a transport command for " + command.filename() + ": not playing it");
				return;
			}
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
					waitUntil(at);
					this.player.seek(seconds);
				}
				else {
					// Get there paused ahead of the instant, so resuming is only an unpause.
					this.player.seek(seconds);
					waitUntil(at);
					this.player.setPaused(false);
				}
				this.controller.playFrom(at, command.positionMillis());
			}
			case SimulSeek seek -> {
				if (this.controller.isPlaying()) {
					waitUntil(at);
					this.player.seek(seconds);
					this.controller.playFrom(at, command.positionMillis());
				}
				else {
					this.player.seek(seconds);
					this.controller.pauseAt(command.positionMillis());
				}
			}
		}
	}

	private void sample() {
		String file = this.filename;
		if (file == null) {
			return;
		}
		try {
			double before = nowMs();
			Double position = this.player.position();
			double after = nowMs();
			if (position == null) {
				return;
			}
			double clockMs = (before + after) / 2;
			double positionMs = position * 1000;
			if (this.controller.isPlaying()) {
				this.drift.record(Math.abs(this.controller.errorMs(clockMs, positionMs)));
			}
			if (this.settings.correct()) {
				switch (this.controller.onSample(clockMs, positionMs)) {
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
