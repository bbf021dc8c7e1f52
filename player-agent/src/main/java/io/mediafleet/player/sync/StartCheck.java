package io.mediafleet.player.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Checks where a start really landed and learns how late this agent's player starts after its unpause: readings
 * and the clock go in, a lead and restart decisions come out; no I/O, no threads, the clock is passed in.
 *
 * <p><b>Lag.</b> Between the unpause and the first sound there is the wake-up of the waiting thread, the IPC round
 * into mpv and the audio output's start: about 2-3 ms on a quiet machine, mostly the same for every start of one
 * agent. Each checked start measures it ({@code lag = lead - error}); the median of the last {@link #HISTORY} is
 * the {@link #leadMs() lead}: the next unpause is sent that much before the instant, so that sound starts at it.
 * Group starts and restarts keep apart histories: a restart wakes alone and lags less. A group resume lands like a
 * start (ten agents unpause at one instant) and shares its history; a seek while playing (a jump, whose lag is mpv's
 * seek rather than an unpause) has its own.
 *
 * <p><b>Error.</b> A position reading is timestamped at the midpoint of its IPC round trip; a reading whose reply
 * was delayed (the agent or mpv descheduled) is off by up to half that trip, which on a loaded machine is
 * milliseconds, as much as the error sought. So a burst of readings is taken and only those whose round trip is
 * close to the shortest seen are kept (as NTP keeps its minimum-delay samples); their median error is the start's.
 *
 * <p><b>Restart.</b> A start more than {@link Settings#threshold()} off (a thread woken late, mpv descheduled at the
 * instant) is started again: pause, exact seek to where the group will be at a near instant, unpause at that instant
 * (with the lead). Each restart is checked in turn, at most {@link Settings#maxRestarts()} times. A restart is a
 * short silence at the beginning, once, instead of an offset for seconds until drift correction would close it
 * (which needs seconds of readings and moves the sound by a few milliseconds per speed change).
 *
 * <p>Not thread-safe: one caller feeds it.
 */
public final class StartCheck {

	/** Lags remembered for the lead. */
	static final int HISTORY = 9;

	// A reading is kept when its round trip is within this of the shortest (in ms), or within twice the shortest.
	private static final double RTT_SLACK_MS = 0.3;

	/**
	 * How starts are checked.
	 *
	 * @param enabled whether starts are checked and leads learned at all
	 * @param threshold largest start error left alone
	 * @param maxRestarts restarts of one start at most
	 * @param readings position readings per check
	 * @param margin time between a restart decision and the restart's instant (mpv seeks exactly meanwhile)
	 * @param maxLead largest lead ever applied (a lag beyond it is not believed: a descheduled agent, not a
	 * player's habit)
	 */
	public record Settings(boolean enabled, Duration threshold, int maxRestarts, int readings, Duration margin,
			Duration maxLead) {

		/**
		 * On: 3 ms, 4 restarts, 8 readings, 150 ms margin, leads up to 20 ms. Four restarts, not two: on a loaded
		 * machine a restart itself lands off, and the start-skew tail was the members left off after their second
		 * (docs/simul.md).
		 */
		public static final Settings DEFAULTS = new Settings(true, Duration.ofMillis(3), 4, 8, Duration.ofMillis(150),
				Duration.ofMillis(20));

		/** Off: starts are not checked, no lead. */
		public static final Settings OFF = new Settings(false, Duration.ofMillis(3), 0, 8, Duration.ofMillis(150),
				Duration.ZERO);

		public Settings {
			Objects.requireNonNull(threshold, "threshold");
			Objects.requireNonNull(margin, "margin");
			Objects.requireNonNull(maxLead, "maxLead");
			if (threshold.isNegative() || margin.isNegative() || maxLead.isNegative() || maxRestarts < 0
					|| readings < 1) {
				throw new IllegalArgumentException(
						"need threshold, margin, maxLead >= 0, maxRestarts >= 0 and readings >= 1");
			}
		}

	}

	/**
	 * One position reading.
	 *
	 * @param beforeMs the clock when the request was sent
	 * @param afterMs the clock when the reply came
	 * @param positionMs the position the player reported
	 */
	public record Reading(double beforeMs, double afterMs, double positionMs) {

		double roundTripMs() {
			return this.afterMs - this.beforeMs;
		}

		double midpointMs() {
			return (this.beforeMs + this.afterMs) / 2;
		}

	}

	/** How the player got onto the timeline being checked: each way has its own lag, so its own lead. */
	public enum Landing {

		/** A group start or resume: every member unpauses at the same instant. */
		UNPAUSE,

		/** A seek (or resume) while playing: the player jumps to the position at the instant. */
		JUMP,

		/** This agent's own restart of a landing too far off: it unpauses alone. */
		RESTART

	}

	/** What to do after a check. */
	public sealed interface Verdict {

		/** The start is within the threshold (or out of restarts): leave it; {@code errorMs} ahead > 0. */
		record Hold(double errorMs) implements Verdict {
		}

		/**
		 * Start again: pause, seek exactly to {@code positionMs}, unpause {@code leadMs} before {@code atMs}.
		 */
		record Restart(double errorMs, double atMs, double positionMs, double leadMs) implements Verdict {
		}

		/** No usable reading: nothing is known. */
		record Unknown() implements Verdict {
		}

	}

	private final Settings settings;

	// Lags of group starts (ten agents waking at one instant) and of restarts (one agent alone): they differ.
	private final Lags groupLags = new Lags();

	private final Lags restartLags = new Lags();

	private final Lags jumpLags = new Lags();

	public StartCheck(Settings settings) {
		this.settings = Objects.requireNonNull(settings, "settings");
	}

	/** The settings. */
	public Settings settings() {
		return this.settings;
	}

	/** How long before an instant to unpause: the median lag of the recent starts, 0 to the maximum lead. */
	public double leadMs() {
		return lead(this.groupLags);
	}

	/** The same for a restart, which this agent makes alone: the median lag of its recent restarts. */
	public double restartLeadMs() {
		return lead(this.restartLags);
	}

	/** The same for a seek while playing: the median lag between this agent's seek command and its sound. */
	public double jumpLeadMs() {
		return lead(this.jumpLags);
	}

	/** The lead for a landing of that kind. */
	public double leadMs(Landing landing) {
		return switch (landing) {
			case UNPAUSE -> leadMs();
			case JUMP -> jumpLeadMs();
			case RESTART -> restartLeadMs();
		};
	}

	private double lead(Lags lags) {
		if (!this.settings.enabled()) {
			return 0;
		}
		return Math.max(0, Math.min(millis(this.settings.maxLead()), lags.median()));
	}

	/**
	 * The start error the readings show against a timeline playing from {@code anchorPositionMs} at
	 * {@code anchorClockMs} (positive: ahead), from the readings with the shortest round trips; NaN without
	 * readings.
	 */
	public static double errorMs(List<Reading> readings, double anchorClockMs, double anchorPositionMs) {
		if (readings.isEmpty()) {
			return Double.NaN;
		}
		double shortest = readings.stream().mapToDouble(Reading::roundTripMs).min().orElseThrow();
		double limit = Math.max(shortest + RTT_SLACK_MS, 2 * shortest);
		List<Double> errors = new ArrayList<>();
		for (Reading reading : readings) {
			if (reading.roundTripMs() <= limit) {
				errors.add(reading.positionMs() - (anchorPositionMs + reading.midpointMs() - anchorClockMs));
			}
		}
		errors.sort(null);
		int n = errors.size();
		return (n % 2 == 1) ? errors.get(n / 2) : (errors.get(n / 2 - 1) + errors.get(n / 2)) / 2;
	}

	/**
	 * Judges a start (or restart) of a timeline playing from {@code anchorPositionMs} at {@code anchorClockMs},
	 * unpaused {@code leadUsedMs} early, from {@code readings} taken after it; {@code restartsSoFar} restarts of this
	 * start have happened. Learns the lag (of a group start or of a restart) either way.
	 * @param nowMs the clock now, from which a restart's instant is planned
	 */
	public Verdict check(List<Reading> readings, double anchorClockMs, double anchorPositionMs, double leadUsedMs,
			int restartsSoFar, double nowMs) {
		return check(readings, anchorClockMs, anchorPositionMs, leadUsedMs,
				(restartsSoFar == 0) ? Landing.UNPAUSE : Landing.RESTART, restartsSoFar, nowMs);
	}

	/**
	 * Judges a landing on the timeline, as {@link #check(List, double, double, double, int, double)}, made the way
	 * {@code landing} says (a group start or resume, a seek while playing, a restart): its lag is learned for the
	 * next landing of the same kind.
	 */
	public Verdict check(List<Reading> readings, double anchorClockMs, double anchorPositionMs, double leadUsedMs,
			Landing landing, int restartsSoFar, double nowMs) {
		double error = errorMs(readings, anchorClockMs, anchorPositionMs);
		if (Double.isNaN(error)) {
			return new Verdict.Unknown();
		}
		double lag = leadUsedMs - error;
		// Kept apart: a restart is one agent's alone, with no nine others waking at the same instant, so its lag is
		// shorter; one lead for both put restarts ahead and group starts behind.
		if (Math.abs(lag) <= millis(this.settings.maxLead())) {
			lags(landing).remember(lag);
		}
		if (Math.abs(error) <= millis(this.settings.threshold()) || restartsSoFar >= this.settings.maxRestarts()) {
			return new Verdict.Hold(error);
		}
		// A whole millisecond, so that the wait (on epoch milliseconds) and the seek target agree.
		double at = Math.ceil(nowMs + millis(this.settings.margin()));
		return new Verdict.Restart(error, at, anchorPositionMs + (at - anchorClockMs), restartLeadMs());
	}

	private Lags lags(Landing landing) {
		return switch (landing) {
			case UNPAUSE -> this.groupLags;
			case JUMP -> this.jumpLags;
			case RESTART -> this.restartLags;
		};
	}

	// The last HISTORY lags, in ms.
	private static final class Lags {

		private final double[] values = new double[HISTORY];

		private int count;

		private int next;

		void remember(double lagMs) {
			this.values[this.next] = lagMs;
			this.next = (this.next + 1) % HISTORY;
			this.count = Math.min(HISTORY, this.count + 1);
		}

		// 0 with none.
		double median() {
			if (this.count == 0) {
				return 0;
			}
			double[] recent = Arrays.copyOf(this.values, this.count);
			Arrays.sort(recent);
			return (recent.length % 2 == 1) ? recent[recent.length / 2]
					: (recent[recent.length / 2 - 1] + recent[recent.length / 2]) / 2;
		}

	}

	private static double millis(Duration duration) {
		return duration.toNanos() / 1e6;
	}

}
