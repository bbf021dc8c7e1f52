package io.mediafleet.scheduler.radio;

import java.time.Duration;

/**
 * Whether the scheduler's own Redis link worked while a ping round was out, so that liveness blames a silent
 * streamer only when the pings did reach Redis: a ping that could not be published (Redis refused, or frozen so the
 * publish hangs) says nothing about the streamer. Publishing threads report each publish's start and end; the loop
 * asks {@link #judgeRound} at each round. Clock-free: callers pass {@link System#nanoTime()} readings.
 * <p>
 * Each round also publishes a probe on a channel of the scheduler's own, received by the scheduler's own
 * subscription ({@link #probeEchoed}): its echo proves that the pings published just before it left and that the
 * scheduler was listening for the pongs.
 * <p>
 * The rule: the round that starts now may count the previous round's pings as unanswered only if the probe sent with
 * them came back, and no publish failed or hung for longer than {@code stuckAfter} since the round before the previous
 * one started, nor within {@code recoveryGrace} of now. So after an outage judgement resumes two ping intervals, and at
 * least {@code recoveryGrace}, after the link is sound again: the grace for the streamers (and both of the scheduler's
 * Redis connections) to reconnect and register again. Each client's reconnect back-off runs on its own schedule: the
 * scheduler's subscription may be back (its probe echoes) while a streamer's next attempt is still seconds away.
 */
final class RedisLinkWatch {

	private final long stuckAfterNanos;

	private final long recoveryGraceNanos;

	private long lastSuccess;

	private long lastTrouble;

	/** Start of the oldest publish still under way, or {@code 0} when none is (several threads publish). */
	private long inFlightSince;

	private int inFlight;

	private long previousRound;

	private long roundBeforePrevious;

	private boolean anyRound;

	private long lastEcho;

	private boolean anyEcho;

	private boolean anySuccess;

	private boolean anyTrouble;

	RedisLinkWatch(Duration stuckAfter, Duration recoveryGrace) {
		if (stuckAfter.isNegative() || stuckAfter.isZero()) {
			throw new IllegalArgumentException("stuckAfter must be positive: " + stuckAfter);
		}
		if (recoveryGrace.isNegative()) {
			throw new IllegalArgumentException("recoveryGrace must not be negative: " + recoveryGrace);
		}
		this.stuckAfterNanos = stuckAfter.toNanos();
		this.recoveryGraceNanos = recoveryGrace.toNanos();
	}

	synchronized void publishStarted(long now) {
		if (this.inFlight++ == 0) {
			this.inFlightSince = now;
		}
	}

	synchronized void publishSucceeded(long now) {
		if (this.inFlight > 0 && now - this.inFlightSince > this.stuckAfterNanos) {
			// It went out in the end, but it hung until now: the link was in trouble until now.
			trouble(now);
		}
		ended(now);
		this.lastSuccess = now;
		this.anySuccess = true;
	}

	synchronized void publishFailed(long now) {
		ended(now);
		trouble(now);
	}

	private void ended(long now) {
		if (--this.inFlight <= 0) {
			this.inFlight = 0;
			this.inFlightSince = 0;
		}
		else {
			// The oldest one's start is not known any more: count the rest from now (a hang still shows up).
			this.inFlightSince = now;
		}
	}

	private void trouble(long now) {
		this.lastTrouble = now;
		this.anyTrouble = true;
	}

	/** Whether a publish has been hanging longer than the limit (Redis frozen, or refused and commands queued). */
	synchronized boolean isTroubled(long now) {
		if (this.inFlight > 0 && now - this.inFlightSince > this.stuckAfterNanos) {
			trouble(now);
		}
		return this.anyTrouble && (!this.anySuccess || this.lastTrouble - this.lastSuccess > 0);
	}

	/**
	 * A ping round starts now: may it count the previous round's unanswered pings as missed? Also marks the start of
	 * this round for the next call.
	 */
	synchronized boolean judgeRound(long now) {
		isTroubled(now);
		boolean judge = this.anyRound && this.anyEcho && this.lastEcho - this.previousRound >= 0
				&& (!this.anyTrouble || (this.lastTrouble - this.roundBeforePrevious < 0
						&& now - this.lastTrouble >= this.recoveryGraceNanos));
		this.roundBeforePrevious = !this.anyRound ? now : this.previousRound;
		this.previousRound = now;
		this.anyRound = true;
		return judge;
	}

	/** The probe published at the round that started at {@code sentAt} came back through the subscription. */
	synchronized void probeEchoed(long sentAt) {
		if (!this.anyEcho || sentAt - this.lastEcho > 0) {
			this.lastEcho = sentAt;
			this.anyEcho = true;
		}
	}

}
