package io.mediafleet.devstack;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Keeps one service running: once {@linkplain #restartOnExit() armed}, a child that exits unexpectedly is started
 * again after the {@link RestartBackoff}'s delay, and the stack's output says which service exited, with which exit
 * code, and when the next attempt is, as Docker's {@code restart: always} and Kubernetes do. {@link #stop()} (Ctrl-C,
 * {@link DevStack#close()}) ends supervision first, so a deliberate stop restarts nothing.
 */
final class Supervisor {

	/** The exit code of a JVM that {@code -XX:+ExitOnOutOfMemoryError} ended. */
	static final int OUT_OF_MEMORY_EXIT_CODE = 3;

	private static final String SOURCE = "devstack";

	/** How often a held restart looks again whether it may go ahead. */
	private static final Duration HOLD_POLL = Duration.ofMillis(100);

	private final String name;

	private final Supplier<ChildProcess> launcher;

	private final RestartBackoff backoff;

	private final ScheduledExecutorService timer;

	private final Output output;

	private final Clock clock;

	/** Whether a restart must wait (a fault drill holds it); asked when the restart is due and then every 100 ms. */
	private final BooleanSupplier held;

	private final Object lock = new Object();

	// Guarded by lock.
	private ChildProcess current;

	private boolean restarting;

	private boolean stopped;

	private @Nullable ScheduledFuture<?> pending;

	private Supervisor(String name, Supplier<ChildProcess> launcher, RestartBackoff backoff,
			ScheduledExecutorService timer, Output output, Clock clock, BooleanSupplier held) {
		this.name = name;
		this.held = held;
		this.launcher = launcher;
		this.backoff = backoff;
		this.timer = timer;
		this.output = output;
		this.clock = clock;
		this.current = launcher.get();
		this.backoff.started(clock.instant());
		watch(this.current);
	}

	/**
	 * Starts the first child with {@code launcher} (which also starts every later one) and watches it; restarts
	 * happen only after {@link #restartOnExit()}, so a service that fails while the stack starts is reported, not
	 * retried.
	 * @throws DevStackException when the first child cannot be started
	 */
	static Supervisor start(String name, Supplier<ChildProcess> launcher, RestartBackoff backoff,
			ScheduledExecutorService timer, Output output, Clock clock) {
		return start(name, launcher, backoff, timer, output, clock, () -> false);
	}

	/**
	 * As {@link #start(String, Supplier, RestartBackoff, ScheduledExecutorService, Output, Clock)}, but a due restart
	 * waits while {@code held} says so (a fault drill decides when the process comes back).
	 */
	static Supervisor start(String name, Supplier<ChildProcess> launcher, RestartBackoff backoff,
			ScheduledExecutorService timer, Output output, Clock clock, BooleanSupplier held) {
		return new Supervisor(name, launcher, backoff, timer, output, clock, held);
	}

	/** The service's name, as its output lines are tagged. */
	String name() {
		return this.name;
	}

	/** The child now running, or the last one if it has exited and its restart is pending. */
	ChildProcess current() {
		synchronized (this.lock) {
			return this.current;
		}
	}

	/** From now on, an unexpected exit is followed by a restart; one that already happened is handled now. */
	void restartOnExit() {
		ChildProcess child;
		synchronized (this.lock) {
			this.restarting = true;
			child = this.current;
		}
		if (!child.isAlive()) {
			exited(child);
		}
	}

	/**
	 * Ends supervision: no restart happens after this returns, and a pending one is cancelled. Returns the child to
	 * stop, which may already have exited.
	 */
	ChildProcess stop() {
		synchronized (this.lock) {
			this.stopped = true;
			if (this.pending != null) {
				this.pending.cancel(false);
				this.pending = null;
			}
			return this.current;
		}
	}

	private void watch(ChildProcess child) {
		child.onExit().thenAccept(this::exited);
	}

	private void exited(ChildProcess child) {
		synchronized (this.lock) {
			if (this.stopped || !this.restarting || child != this.current || this.pending != null) {
				return;
			}
			scheduleRestart("exited unexpectedly with exit code " + child.exitValue()
					+ ((child.exitValue() == OUT_OF_MEMORY_EXIT_CODE) ? " (out of memory?)" : ""));
		}
	}

	/** Called with the lock held. */
	private void scheduleRestart(String what) {
		Duration delay = this.backoff.exited(this.clock.instant());
		if (this.held.getAsBoolean()) {
			// A fault drill took charge of this exit (its hold was in place): the process comes back when the drill
			// lifts the hold, not after a back-off grown by the drill's earlier kills (a kill loop's restarts would
			// otherwise wait up to the 30 s cap whatever the drill asked for).
			say(this.name + " " + what + "; held: restarting it once the hold is lifted (attempt "
					+ this.backoff.attempt() + ")");
			this.pending = this.timer.schedule(this::restart, HOLD_POLL.toMillis(), TimeUnit.MILLISECONDS);
			return;
		}
		say(this.name + " " + what + "; restarting it in " + seconds(delay) + " (attempt "
				+ this.backoff.attempt() + ")");
		this.pending = this.timer.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void restart() {
		synchronized (this.lock) {
			this.pending = null;
			if (this.stopped) {
				return;
			}
			if (this.held.getAsBoolean()) {
				this.pending = this.timer.schedule(this::restart, HOLD_POLL.toMillis(), TimeUnit.MILLISECONDS);
				return;
			}
			say("Restarting " + this.name + " (attempt " + this.backoff.attempt() + ")");
			ChildProcess child;
			try {
				child = this.launcher.get();
			}
			catch (DevStackException ex) {
				// Counted like an exit: the next attempt waits longer.
				this.backoff.started(this.clock.instant());
				scheduleRestart("could not be started (" + ex.getMessage() + ")");
				return;
			}
			this.current = child;
			this.backoff.started(this.clock.instant());
			watch(child);
		}
	}

	private void say(String line) {
		this.output.line(SOURCE, line);
	}

	private static String seconds(Duration delay) {
		long millis = delay.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + " s" : String.format("%.1f s", millis / 1000.0);
	}

}
