package io.mediafleet.player.sync;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Decides how to keep one player on the group's timeline: position samples and the clock go in, speed and seek
 * decisions come out; no I/O, no threads, the clock is passed in.
 *
 * <p>The timeline is anchored at an instant of the shared clock: playing from {@code position} at {@code clock}
 * (the agreed start, resume or seek instant), or paused at a position. The expected position at a later instant
 * {@code t} is {@code position + (t - clock)}; each sample's error is {@code actual - expected} (positive: ahead).
 *
 * <p>Correcting must never be worse than leaving the player alone, so the controller only acts on what it can tell
 * apart from the noise of reading the position. (It relies on a speed change moving the position as the speed
 * says: mpv's default scaletempo moved it by an unforeseeable 2-12 ms at every change, so the player runs mpv with
 * {@code --audio-pitch-correction=no}, which resamples.)
 * <ul>
 * <li><b>Estimate.</b> The samples taken since the last speed change (up to {@link Settings#window()} of them, at
 * least {@link #MIN_SAMPLES}) are fitted with a line by the Theil–Sen estimator (median of pairwise slopes), which
 * ignores up to a quarter of wild readings (an agent descheduled mid-read). The line gives the error now and the
 * rate at which it grows; the scatter around it (median absolute deviation, never taken below what recent windows
 * showed) gives the reading noise and so the standard error of both.</li>
 * <li><b>Rate.</b> A slope more than {@link #SIGNIFICANCE} standard errors from zero (and above the minimum speed
 * step) is a player whose clock runs fast or slow: its rate per unit of speed is learned and the resting speed
 * becomes {@code 1 / rate}, so a steadily drifting player is held without repeated corrections.</li>
 * <li><b>Offset.</b> An error more than {@link #SIGNIFICANCE} standard errors from zero and outside the dead band
 * (the floor of that band) starts a correction: the speed is set to remove the error over the correction horizon
 * (longer when the maximum adjustment caps it), then returns to the resting speed at the instant the error is
 * expected to be gone ({@link Decision.Correct}); samples are not acted on meanwhile. Small errors inside the band
 * are left alone: that is the hysteresis that keeps an unbiased but noisy player at speed 1.0.</li>
 * <li><b>Seek.</b> An estimated error past the seek threshold, or {@link #CONFIRM_FAR} raw samples in a row past
 * it (a jump the window has not caught up with), seeks to the expected position.</li>
 * </ul>
 * After every speed change or seek, samples are ignored for the settle time and the window starts empty.
 *
 * <p>Not thread-safe: one caller feeds it.
 */
public final class DriftController {

	/** Samples needed since the last change before the estimate is acted on. */
	static final int MIN_SAMPLES = 12;

	/** How many standard errors an estimate must be from zero to be acted on (more for a short window). */
	static final double SIGNIFICANCE = 5;

	/** Raw samples in a row past the seek threshold that seek even before the estimate says so. */
	static final int CONFIRM_FAR = 3;

	/**
	 * Raw samples in a row off the last fit's line by more than {@link #STEP_NOISES} times the noise (and
	 * {@link #STEP_MIN_MS}) that are taken for a step: the window starts afresh from them (the rate is kept), so the
	 * step is neither mistaken for a rate nor fitted half before, half after.
	 */
	static final int CONFIRM_STEP = 4;

	static final double STEP_NOISES = 6;

	static final double STEP_MIN_MS = 3;

	// How much of the noise seen lately each fit remembers (per sample: forgotten by half in about 17 s at 250 ms).
	private static final double NOISE_MEMORY = 0.99;

	private static final double MEDIAN_SPREAD = Math.sqrt(Math.PI / 2);

	// Median absolute deviation to standard deviation, for normally distributed noise.
	private static final double MAD_TO_SIGMA = 1.4826;

	// Learned rates beyond this are not believed (a broken clock or a bad reading).
	private static final double MAX_RATE_ERROR = 0.2;

	private final Settings settings;

	// Per sample: the commanded media time and the position read.
	private final double[] windowCommanded;

	private final double[] windowPosition;

	private int count;

	private int next;

	private boolean playing;

	private double anchorClockMs;

	private double anchorPositionMs;

	private double settleUntilMs;

	private double correctionUntilMs = Double.NaN;

	private int farInARow;

	private double rate = 1.0;

	private double speed = 1.0;

	// The media time the commanded speeds account for since the anchor, up to the last speed change.
	private double commandedMs;

	private double speedSinceClockMs;

	private Estimate lastEstimate = Estimate.NONE;

	// The last fit's line, to tell a step (an underrun: the player lost time at once) from noise: the position it
	// gave at this commanded media time, and its rate.
	private double fitCommandedMs = Double.NaN;

	private double fitPositionMs;

	private int offLineInARow;

	// The reading noise seen lately: a window that happens to scatter little must not narrow the band at once.
	private double noiseMemoryMs;

	/**
	 * How the controller corrects.
	 *
	 * @param deadBand smallest error corrected even when the readings are very steady (the band widens with the
	 * measured noise)
	 * @param maxSpeedAdjust largest departure from speed 1.0, as a fraction (0.02 = 2 %)
	 * @param correctionHorizon the time over which a correction removes an error (longer when capped)
	 * @param window samples fitted at most (the oldest drop out)
	 * @param seekThreshold error above which the player seeks instead of changing speed
	 * @param settleTime how long after an anchor, a speed change or a seek samples are ignored
	 * @param minSpeedStep smallest change of the resting speed worth a command
	 */
	public record Settings(Duration deadBand, double maxSpeedAdjust, Duration correctionHorizon, int window,
			Duration seekThreshold, Duration settleTime, double minSpeedStep) {

		/**
		 * The defaults: 1 ms dead band, ±2 %, 1 s horizon, 32 samples (8 s at 250 ms), seek past 200 ms, settle
		 * 300 ms, speed steps from 0.01 %. (The dead band was 2 ms until 2026-12-07: with mpv changing speed by
		 * resampling, a nudge lands where it is meant to, and 1 ms halved the drift benchmark's spread.)
		 */
		public static final Settings DEFAULTS = new Settings(Duration.ofMillis(1), 0.02, Duration.ofSeconds(1), 32,
				Duration.ofMillis(200), Duration.ofMillis(300), 0.0001);

		public Settings {
			Objects.requireNonNull(deadBand, "deadBand");
			Objects.requireNonNull(correctionHorizon, "correctionHorizon");
			Objects.requireNonNull(seekThreshold, "seekThreshold");
			Objects.requireNonNull(settleTime, "settleTime");
			if (!(maxSpeedAdjust > 0 && maxSpeedAdjust <= 0.1)) {
				throw new IllegalArgumentException("maxSpeedAdjust must be in (0, 0.1] but was " + maxSpeedAdjust);
			}
			if (correctionHorizon.isZero() || correctionHorizon.isNegative()) {
				throw new IllegalArgumentException("correctionHorizon must be positive");
			}
			if (window < MIN_SAMPLES || window > 1024) {
				throw new IllegalArgumentException("window must be " + MIN_SAMPLES + "-1024 samples but was " + window);
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

		/** Set the player's speed and leave it there. */
		record SetSpeed(double speed) implements Decision {
		}

		/**
		 * Set the player's speed to remove an error, then call {@link DriftController#onCorrectionDue} with
		 * {@code untilMs} at that instant (on the shared clock): it returns the resting speed.
		 */
		record Correct(double speed, double untilMs) implements Decision {
		}

		/** Seek to this position (milliseconds), then set this speed. */
		record Seek(double positionMs, double speed) implements Decision {
		}

	}

	/**
	 * The last fit: the error now and the player's rate per unit of speed, with their standard errors, and the
	 * reading noise (milliseconds).
	 */
	public record Estimate(int samples, double errorMs, double errorStdErrMs, double rate, double rateStdErr,
			double noiseMs) {

		static final Estimate NONE = new Estimate(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

	}

	private static final Decision HOLD = new Decision.Hold();

	public DriftController(Settings settings) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.windowCommanded = new double[settings.window()];
		this.windowPosition = new double[settings.window()];
	}

	/** The timeline plays from {@code positionMs} at {@code clockMs} (a start, resume or seek instant). */
	public void playFrom(double clockMs, double positionMs) {
		this.playing = true;
		this.anchorClockMs = clockMs;
		this.anchorPositionMs = positionMs;
		endCorrection();
		this.commandedMs = 0;
		this.speedSinceClockMs = clockMs;
		restartWindow(clockMs);
	}

	/** The timeline is paused at {@code positionMs}: samples change nothing until the next {@link #playFrom}. */
	public void pauseAt(double positionMs) {
		this.playing = false;
		this.anchorPositionMs = positionMs;
		endCorrection();
	}

	// A new anchor makes a correction under way meaningless: back to the resting speed (the caller applies speed()).
	private void endCorrection() {
		if (!Double.isNaN(this.correctionUntilMs)) {
			this.correctionUntilMs = Double.NaN;
			this.speed = restingSpeed();
		}
		this.count = 0;
		this.next = 0;
	}

	/** Forgets the timeline and the learned rate (a new playback); the player is back at speed 1.0. */
	public void reset() {
		this.playing = false;
		this.rate = 1.0;
		this.speed = 1.0;
		this.correctionUntilMs = Double.NaN;
		this.count = 0;
		this.lastEstimate = Estimate.NONE;
		this.noiseMemoryMs = 0;
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

	/** The player's learned rate per unit of speed (1.0 until a steady drift is seen). */
	public double rate() {
		return this.rate;
	}

	/** The last estimate ({@code samples} 0 before the first). */
	public Estimate lastEstimate() {
		return this.lastEstimate;
	}

	/** The error of a sample against the timeline, in milliseconds (positive: ahead). */
	public double errorMs(double clockMs, double positionMs) {
		return positionMs - expectedPositionMs(clockMs);
	}

	/** Takes one sample: the player was at {@code positionMs} at {@code clockMs}; says what to do. */
	public Decision onSample(double clockMs, double positionMs) {
		if (!this.playing) {
			return HOLD;
		}
		if (!Double.isNaN(this.correctionUntilMs) && clockMs >= this.correctionUntilMs) {
			// The scheduled end is late or lost: end the correction now.
			return onCorrectionDue(clockMs, this.correctionUntilMs);
		}
		if (clockMs < this.settleUntilMs) {
			return HOLD;
		}
		double error = errorMs(clockMs, positionMs);
		double seekThreshold = millis(this.settings.seekThreshold());
		this.farInARow = (Math.abs(error) > seekThreshold) ? this.farInARow + 1 : 0;
		if (this.farInARow >= CONFIRM_FAR) {
			return seek(clockMs);
		}
		if (isOffTheLine(clockMs, positionMs)) {
			if (++this.offLineInARow >= CONFIRM_STEP) {
				// A step: keep only these samples (the last CONFIRM_STEP, this one included) and end any correction,
				// sized for the position before the step.
				restartAfterStep(clockMs);
			}
		}
		else {
			this.offLineInARow = 0;
		}
		add(commandedAt(clockMs), positionMs);
		if (this.count < MIN_SAMPLES) {
			return pendingSpeed(clockMs);
		}
		Estimate estimate = fit(clockMs);
		this.lastEstimate = estimate;
		if (Math.abs(estimate.errorMs()) > seekThreshold) {
			return seek(clockMs);
		}
		if (!Double.isNaN(this.correctionUntilMs)) {
			// A correction is under way: its samples still teach the fit, but it runs its course first.
			return HOLD;
		}
		// Few samples estimate the noise itself poorly: ask for more standard errors then.
		double significance = SIGNIFICANCE * (1 + 8.0 / estimate.samples());
		boolean rateOff = Math.abs(estimate.rate() - this.rate) > significance * estimate.rateStdErr();
		if (rateOff) {
			this.rate = Math.max(1 - MAX_RATE_ERROR, Math.min(1 + MAX_RATE_ERROR, estimate.rate()));
		}
		double band = Math.max(millis(this.settings.deadBand()), significance * estimate.errorStdErrMs());
		if (Math.abs(estimate.errorMs()) > band) {
			Decision correction = correct(clockMs, estimate.errorMs());
			if (correction != null) {
				return correction;
			}
		}
		return rateOff ? changeSpeed(clockMs, restingSpeed()) : HOLD;
	}

	/**
	 * The instant given by a {@link Decision.Correct} has come: returns the resting speed to set, or
	 * {@link Decision.Hold} when that correction is over already (ended by a later sample, a seek or an anchor).
	 */
	public Decision onCorrectionDue(double clockMs, double untilMs) {
		if (Double.isNaN(this.correctionUntilMs) || untilMs != this.correctionUntilMs) {
			return HOLD;
		}
		this.correctionUntilMs = Double.NaN;
		setSpeed(clockMs, restingSpeed());
		return new Decision.SetSpeed(this.speed);
	}

	// A speed that removes the error over the horizon (or longer, capped), or null if the bound cannot remove it.
	private Decision.@Nullable Correct correct(double clockMs, double errorMs) {
		double horizon = millis(this.settings.correctionHorizon());
		double max = this.settings.maxSpeedAdjust();
		// The actual rate is speed × rate; aim for 1 - error / horizon.
		double speed = clamp((1 - errorMs / horizon) / this.rate);
		double closing = 1 - speed * this.rate; // error removed per millisecond
		if (closing * errorMs <= 0 || Math.abs(closing) < max / 100) {
			// A rate error beyond the bound: speed cannot close this; a seek will once it is past the threshold.
			return null;
		}
		this.correctionUntilMs = clockMs + errorMs / closing;
		setSpeed(clockMs, speed);
		return new Decision.Correct(speed, this.correctionUntilMs);
	}

	// Whether this sample lies off the last fit's line by more than the noise allows.
	private boolean isOffTheLine(double clockMs, double positionMs) {
		if (Double.isNaN(this.fitCommandedMs) || this.count < MIN_SAMPLES) {
			return false;
		}
		double predicted = this.fitPositionMs + this.lastEstimate.rate() * (commandedAt(clockMs) - this.fitCommandedMs);
		double bound = Math.max(STEP_MIN_MS, STEP_NOISES * this.lastEstimate.noiseMs());
		return Math.abs(positionMs - predicted) > bound;
	}

	private void restartAfterStep(double clockMs) {
		int keep = CONFIRM_STEP - 1;
		double[] commanded = new double[keep];
		double[] position = new double[keep];
		for (int i = 0; i < keep; i++) {
			int index = (this.next - keep + i + this.windowCommanded.length) % this.windowCommanded.length;
			commanded[i] = this.windowCommanded[index];
			position[i] = this.windowPosition[index];
		}
		this.count = 0;
		this.next = 0;
		for (int i = 0; i < keep; i++) {
			add(commanded[i], position[i]);
		}
		this.offLineInARow = 0;
		this.fitCommandedMs = Double.NaN;
		this.noiseMemoryMs = 0;
		if (!Double.isNaN(this.correctionUntilMs)) {
			this.correctionUntilMs = Double.NaN;
			this.stepEndedCorrection = true;
		}
	}

	// After a step ended a correction, the resting speed is due once (the window then rebuilds).
	private boolean stepEndedCorrection;

	private Decision pendingSpeed(double clockMs) {
		if (!this.stepEndedCorrection) {
			return HOLD;
		}
		this.stepEndedCorrection = false;
		double resting = restingSpeed();
		// Not setSpeed(): that would start a settle time and drop the samples the window keeps.
		this.commandedMs = commandedAt(clockMs);
		this.speedSinceClockMs = clockMs;
		this.speed = resting;
		return new Decision.SetSpeed(resting);
	}

	private Decision seek(double clockMs) {
		this.correctionUntilMs = Double.NaN;
		setSpeed(clockMs, restingSpeed());
		// The position jumps: what the window learned of it no longer holds (the rate still does).
		this.count = 0;
		this.next = 0;
		return new Decision.Seek(expectedPositionMs(clockMs), this.speed);
	}

	private Decision changeSpeed(double clockMs, double next) {
		if (Math.abs(next - this.speed) < this.settings.minSpeedStep()) {
			return HOLD;
		}
		setSpeed(clockMs, next);
		return new Decision.SetSpeed(next);
	}

	private void setSpeed(double clockMs, double next) {
		this.commandedMs = commandedAt(clockMs);
		this.speedSinceClockMs = clockMs;
		this.speed = next;
		// mpv's position wobbles for a moment after a speed change or seek.
		this.farInARow = 0;
		this.settleUntilMs = clockMs + millis(this.settings.settleTime());
	}

	// The media time the commanded speeds account for at clockMs, since the anchor.
	private double commandedAt(double clockMs) {
		return this.commandedMs + this.speed * (clockMs - this.speedSinceClockMs);
	}

	private double restingSpeed() {
		return clamp(1 / this.rate);
	}

	private void restartWindow(double clockMs) {
		this.count = 0;
		this.next = 0;
		this.offLineInARow = 0;
		this.fitCommandedMs = Double.NaN;
		this.farInARow = 0;
		this.settleUntilMs = clockMs + millis(this.settings.settleTime());
	}

	private void add(double commandedMs, double positionMs) {
		this.windowCommanded[this.next] = commandedMs;
		this.windowPosition[this.next] = positionMs;
		this.next = (this.next + 1) % this.windowCommanded.length;
		this.count = Math.min(this.count + 1, this.windowCommanded.length);
	}

	// Theil–Sen line of position over commanded media time, evaluated now; standard errors as for least squares
	// with the robust (MAD) noise, never below what recent windows showed.
	private Estimate fit(double clockMs) {
		int n = this.count;
		double now = commandedAt(clockMs);
		double[] x = new double[n];
		double[] y = new double[n];
		for (int i = 0; i < n; i++) {
			int index = (this.next - n + i + this.windowCommanded.length) % this.windowCommanded.length;
			x[i] = this.windowCommanded[index] - now;
			y[i] = this.windowPosition[index];
		}
		double[] slopes = new double[n * (n - 1) / 2];
		int pairs = 0;
		for (int i = 0; i < n; i++) {
			for (int j = i + 1; j < n; j++) {
				if (x[j] != x[i]) {
					slopes[pairs++] = (y[j] - y[i]) / (x[j] - x[i]);
				}
			}
		}
		double rate = (pairs > 0) ? median(Arrays.copyOf(slopes, pairs)) : this.rate;
		double[] intercepts = new double[n];
		for (int i = 0; i < n; i++) {
			intercepts[i] = y[i] - rate * x[i];
		}
		double positionNow = median(intercepts.clone());
		double[] deviations = new double[n];
		for (int i = 0; i < n; i++) {
			deviations[i] = Math.abs(intercepts[i] - positionNow);
		}
		double noise = Math.max(MAD_TO_SIGMA * median(deviations), this.noiseMemoryMs);
		this.noiseMemoryMs = noise * NOISE_MEMORY;
		double meanX = 0;
		for (double value : x) {
			meanX += value;
		}
		meanX /= n;
		double sxx = 0;
		for (double value : x) {
			sxx += (value - meanX) * (value - meanX);
		}
		// Medians spread more than means: √(π/2) for the intercept, about 1.05 for Theil–Sen's slope.
		double errorStdErr = MEDIAN_SPREAD * noise * Math.sqrt(1.0 / n + ((sxx > 0) ? meanX * meanX / sxx : 0));
		double rateStdErr = (sxx > 0) ? 1.05 * noise / Math.sqrt(sxx) : Double.POSITIVE_INFINITY;
		this.fitCommandedMs = now;
		this.fitPositionMs = positionNow;
		return new Estimate(n, positionNow - expectedPositionMs(clockMs), errorStdErr, rate, rateStdErr, noise);
	}

	private static double median(double[] values) {
		Arrays.sort(values);
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	private double clamp(double speed) {
		double max = this.settings.maxSpeedAdjust();
		return Math.max(1 - max, Math.min(1 + max, speed));
	}

	private static double millis(Duration duration) {
		return duration.toNanos() / 1e6;
	}

}
