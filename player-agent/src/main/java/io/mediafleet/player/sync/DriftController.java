package io.mediafleet.player.sync;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Decides how to keep one player on the group's timeline: position samples and the clock go in, speed and seek
 * decisions come out; no I/O, no threads, the clock is passed in.
 *
 * <p>The timeline is anchored at an instant of the shared clock: playing from {@code position} at {@code clock}
 * (the agreed start, resume or seek instant), or paused at a position. The expected position at a later instant
 * {@code t} is {@code position + (t - clock)}. Each sample's error is {@code actual - expected} (positive: ahead);
 * decisions use the median of the last {@value #MEDIAN_OF} errors, because a single reading on a loaded machine can
 * be tens of milliseconds off (the agent or mpv descheduled between reading the clock and the position).
 * <ul>
 * <li>Above the seek threshold the player is told to seek to the expected position, then samples are ignored for
 * the settle time (a seek takes a moment to land).</li>
 * <li>Otherwise the speed is set proportionally, {@code 1 - error / horizon - bias}, bounded by the maximum
 * adjustment; inside the dead band only the learned bias applies. The bias, learned from errors outside the dead band, is the integral term: it learns a
 * player that runs persistently fast or slow (a drifting audio clock) so that such a player is held at zero error
 * instead of at {@code rate error × horizon}.</li>
 * <li>A new speed is only issued when it differs from the last by at least the minimum step, so a steady player
 * costs no commands.</li>
 * </ul>
 *
 * <p>Not thread-safe: one caller feeds it.
 */
public final class DriftController {

	/** Samples whose median error is acted on. */
	static final int MEDIAN_OF = 5;

	private final Settings settings;

	private final double[] recentErrors = new double[MEDIAN_OF];

	private int recentCount;

	private int recentNext;

	private boolean playing;

	private double anchorClockMs;

	private double anchorPositionMs;

	private double settleUntilMs;

	private double lastSampleClockMs = Double.NaN;

	private double bias;

	private double speed = 1.0;

	/**
	 * How the controller corrects.
	 *
	 * @param deadBand error below which only the learned bias is applied
	 * @param maxSpeedAdjust largest departure from speed 1.0, as a fraction (0.02 = 2 %)
	 * @param correctionHorizon the time over which a proportional correction would remove an error
	 * @param integralTime the time over which the bias learns a persistent error (larger: slower, calmer)
	 * @param seekThreshold error above which the player seeks instead of changing speed
	 * @param settleTime how long after an anchor (start, resume, seek) samples are ignored
	 * @param minSpeedStep smallest speed change worth a command
	 */
	public record Settings(Duration deadBand, double maxSpeedAdjust, Duration correctionHorizon,
			Duration integralTime, Duration seekThreshold, Duration settleTime, double minSpeedStep) {

		/** The defaults: 2 ms dead band, ±2 %, 1 s horizon, 4 s integral time, seek past 200 ms, settle 300 ms. */
		public static final Settings DEFAULTS = new Settings(Duration.ofMillis(2), 0.02, Duration.ofSeconds(1),
				Duration.ofSeconds(4), Duration.ofMillis(200), Duration.ofMillis(300), 0.0002);

		public Settings {
			Objects.requireNonNull(deadBand, "deadBand");
			Objects.requireNonNull(correctionHorizon, "correctionHorizon");
			Objects.requireNonNull(integralTime, "integralTime");
			Objects.requireNonNull(seekThreshold, "seekThreshold");
			Objects.requireNonNull(settleTime, "settleTime");
			if (!(maxSpeedAdjust > 0 && maxSpeedAdjust <= 0.1)) {
				throw new IllegalArgumentException("maxSpeedAdjust must be in (0, 0.1] but was " + maxSpeedAdjust);
			}
			if (correctionHorizon.isZero() || correctionHorizon.isNegative() || integralTime.isZero()
					|| integralTime.isNegative()) {
				throw new IllegalArgumentException("correctionHorizon and integralTime must be positive");
			}
			if (deadBand.isNegative() || settleTime.isNegative() || seekThreshold.compareTo(deadBand) <= 0) {
				throw new IllegalArgumentException("need 0 <= deadBand < seekThreshold and settleTime >= 0");
			}
			if (!(minSpeedStep >= 0 && minSpeedStep < maxSpeedAdjust)) {
				throw new IllegalArgumentException("minSpeedStep must be in [0, maxSpeedAdjust)");
			}
		}

	}

	/** What to do after a sample. */
	public sealed interface Decision {

		/** Nothing to change. */
		record Hold() implements Decision {
		}

		/** Set the player's speed. */
		record SetSpeed(double speed) implements Decision {
		}

		/** Seek to this position (milliseconds), then set this speed. */
		record Seek(double positionMs, double speed) implements Decision {
		}

	}

	private static final Decision HOLD = new Decision.Hold();

	public DriftController(Settings settings) {
		this.settings = Objects.requireNonNull(settings, "settings");
	}

	/** The timeline plays from {@code positionMs} at {@code clockMs} (a start, resume or seek instant). */
	public void playFrom(double clockMs, double positionMs) {
		this.playing = true;
		this.anchorClockMs = clockMs;
		this.anchorPositionMs = positionMs;
		this.settleUntilMs = clockMs + millis(this.settings.settleTime());
		this.lastSampleClockMs = Double.NaN;
		this.recentCount = 0;
	}

	/** The timeline is paused at {@code positionMs}: samples change nothing until the next {@link #playFrom}. */
	public void pauseAt(double positionMs) {
		this.playing = false;
		this.anchorPositionMs = positionMs;
	}

	/** Forgets the timeline and the learned bias (a new playback); the player is back at speed 1.0. */
	public void reset() {
		this.playing = false;
		this.bias = 0;
		this.speed = 1.0;
		this.lastSampleClockMs = Double.NaN;
	}

	/** Whether the timeline is playing. */
	public boolean isPlaying() {
		return this.playing;
	}

	/** The position the group is at, on this timeline, at {@code clockMs}. */
	public double expectedPositionMs(double clockMs) {
		return this.playing ? this.anchorPositionMs + (clockMs - this.anchorClockMs) : this.anchorPositionMs;
	}

	/** The speed last decided (1.0 until a correction). */
	public double speed() {
		return this.speed;
	}

	/** Takes one sample: the player was at {@code positionMs} at {@code clockMs}; says what to do. */
	public Decision onSample(double clockMs, double positionMs) {
		if (!this.playing || clockMs < this.settleUntilMs) {
			return HOLD;
		}
		double error = filtered(positionMs - expectedPositionMs(clockMs));
		if (Math.abs(error) > millis(this.settings.seekThreshold())) {
			this.settleUntilMs = clockMs + millis(this.settings.settleTime());
			this.lastSampleClockMs = Double.NaN;
			this.recentCount = 0;
			this.speed = speedFor(this.bias);
			return new Decision.Seek(expectedPositionMs(clockMs), this.speed);
		}
		double horizon = millis(this.settings.correctionHorizon());
		boolean inDeadBand = Math.abs(error) <= millis(this.settings.deadBand());
		// Only errors outside the dead band teach the bias: read jitter and a steady sub-millisecond offset must not.
		if (!inDeadBand && !Double.isNaN(this.lastSampleClockMs)) {
			// A long gap (a stalled agent) must not turn one error into a large bias.
			double elapsed = Math.min(clockMs - this.lastSampleClockMs, 1000);
			if (elapsed > 0) {
				this.bias = clamp(this.bias + (error / horizon) * (elapsed / millis(this.settings.integralTime())));
			}
		}
		this.lastSampleClockMs = clockMs;
		double correction = inDeadBand ? this.bias
				: error / horizon + this.bias;
		double next = speedFor(correction);
		if (Math.abs(next - this.speed) < this.settings.minSpeedStep()) {
			return HOLD;
		}
		this.speed = next;
		return new Decision.SetSpeed(next);
	}

	/** The error of a sample against the timeline, in milliseconds (positive: ahead). */
	public double errorMs(double clockMs, double positionMs) {
		return positionMs - expectedPositionMs(clockMs);
	}

	// The median of the recent errors including this one (fewer right after an anchor).
	private double filtered(double error) {
		this.recentErrors[this.recentNext] = error;
		this.recentNext = (this.recentNext + 1) % MEDIAN_OF;
		this.recentCount = Math.min(this.recentCount + 1, MEDIAN_OF);
		double[] window = new double[this.recentCount];
		for (int i = 0; i < this.recentCount; i++) {
			window[i] = this.recentErrors[(this.recentNext - 1 - i + MEDIAN_OF) % MEDIAN_OF];
		}
		Arrays.sort(window);
		int middle = window.length / 2;
		return (window.length % 2 == 1) ? window[middle] : (window[middle - 1] + window[middle]) / 2;
	}

	private double speedFor(double correction) {
		return 1.0 - clamp(correction);
	}

	private double clamp(double value) {
		double max = this.settings.maxSpeedAdjust();
		return Math.max(-max, Math.min(max, value));
	}

	private static double millis(Duration duration) {
		return duration.toNanos() / 1e6;
	}

}
