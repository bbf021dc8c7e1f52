package io.mediafleet.scheduler.leader;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One candidate for leadership: waits until it holds the {@link LeaderLease}, then renews it in the background and
 * reports the loss exactly once, either when another holder has the lease or when the lease ran out before a renewal
 * succeeded (MongoDB unreachable). A lost lease is never won back by the same instance: the caller must stop.
 */
final class LeaderElection implements AutoCloseable {

	private static final Log log = LogFactory.getLog(LeaderElection.class);

	private final LeaderLease lease;

	private final Duration renewInterval;

	private final Clock clock;

	private final Consumer<String> onLost;

	private final AtomicBoolean lost = new AtomicBoolean();

	private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2,
			Thread.ofPlatform().name("leader-lease-", 0).daemon().factory());

	private volatile @Nullable Instant heldUntil;

	private @Nullable ScheduledFuture<?> watchdog;

	/**
	 * @param lease the lease document
	 * @param leaseDuration the lease's duration, at least twice {@code renewInterval} so one failed renewal is survived
	 * @param renewInterval how often to try to acquire (standby) or renew (leader)
	 * @param clock the clock the lease uses
	 * @param onLost called once, on a lease thread, with the reason, when leadership is lost
	 */
	LeaderElection(LeaderLease lease, Duration leaseDuration, Duration renewInterval, Clock clock,
			Consumer<String> onLost) {
		if (renewInterval.isNegative() || renewInterval.isZero()) {
			throw new IllegalArgumentException("renew interval must be positive");
		}
		if (renewInterval.multipliedBy(2).compareTo(leaseDuration) > 0) {
			throw new IllegalArgumentException("lease duration (" + leaseDuration
					+ ") must be at least twice the renew interval (" + renewInterval + ")");
		}
		this.lease = lease;
		this.renewInterval = renewInterval;
		this.clock = clock;
		this.onLost = onLost;
	}

	/** Whether this instance holds the lease now (won and not lost). */
	boolean isLeader() {
		Instant until = this.heldUntil;
		return until != null && !this.lost.get() && this.clock.instant().isBefore(until);
	}

	/** Until when the lease is held as of the last successful renewal ({@link Instant#EPOCH} before winning). */
	Instant heldUntil() {
		Instant until = this.heldUntil;
		return (until != null) ? until : Instant.EPOCH;
	}

	/** The lease's holder id of this instance. */
	String holder() {
		return this.lease.holder();
	}

	/**
	 * Blocks until this instance holds the lease, trying every renew interval; then renews it in the background.
	 * MongoDB failures while waiting are logged and retried.
	 */
	void awaitLeadership() throws InterruptedException {
		boolean toldWaiting = false;
		while (true) {
			Instant until = tryAcquire();
			if (until != null) {
				this.heldUntil = until;
				startRenewing(until);
				return;
			}
			if (!toldWaiting) {
				LeaderLease.Holder current = safeCurrent();
				log.info("Standing by: the scheduler lease is held by "
						+ ((current != null) ? current.holder() + " until " + current.expiresAt() : "another instance"));
				toldWaiting = true;
			}
			Thread.sleep(this.renewInterval.toMillis());
		}
	}

	private @Nullable Instant tryAcquire() {
		try {
			return this.lease.acquire();
		}
		catch (RuntimeException ex) {
			log.warn("Could not reach MongoDB for the scheduler lease: " + ex.getMessage());
			return null;
		}
	}

	private LeaderLease.@Nullable Holder safeCurrent() {
		try {
			return this.lease.current();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private void startRenewing(Instant until) {
		armWatchdog(until);
		long period = this.renewInterval.toMillis();
		this.executor.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
	}

	private void renew() {
		if (this.lost.get()) {
			return;
		}
		Instant until;
		try {
			until = this.lease.acquire();
		}
		catch (RuntimeException ex) {
			// The watchdog decides: a failed renewal only matters if none succeeds before the lease runs out.
			log.warn("Could not renew the scheduler lease: " + ex.getMessage());
			return;
		}
		if (until == null) {
			LeaderLease.Holder current = safeCurrent();
			lose("the scheduler lease was taken by " + ((current != null) ? current.holder() : "another instance"));
			return;
		}
		this.heldUntil = until;
		armWatchdog(until);
	}

	private synchronized void armWatchdog(Instant until) {
		if (this.watchdog != null) {
			this.watchdog.cancel(false);
		}
		if (this.lost.get()) {
			return;
		}
		// Rounded up: a watchdog firing before the deadline would find the lease still valid and never look again.
		long delay = Math.max(0, Duration.between(this.clock.instant(), until).toMillis() + 1);
		this.watchdog = this.executor.schedule(this::checkDeadline, delay, TimeUnit.MILLISECONDS);
	}

	private void checkDeadline() {
		Instant held = this.heldUntil;
		if (held == null || !this.clock.instant().isBefore(held)) {
			lose("the scheduler lease ran out before it could be renewed (MongoDB unreachable?)");
		}
		else {
			armWatchdog(held);
		}
	}

	private void lose(String reason) {
		if (this.lost.compareAndSet(false, true)) {
			this.executor.shutdown();
			this.onLost.accept(reason);
		}
	}

	/** Stops renewing and gives the lease up if still held, so a standby takes over at its next try. */
	@Override
	public void close() {
		boolean held = !this.lost.getAndSet(true) && this.heldUntil != null;
		this.executor.shutdownNow();
		if (held) {
			try {
				this.lease.release();
			}
			catch (RuntimeException ex) {
				log.warn("Could not release the scheduler lease: " + ex.getMessage());
			}
		}
	}

}
