package io.mediafleet.streamer.stream;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Publishes this streamer's load (listeners admitted now, listener limit, listen URL) to the scheduler every
 * interval, as an unprompted {@code pong}: the scheduler's listen URL sends each new listener to the live streamer
 * with the most headroom, and stops choosing a streamer whose reports stopped. One small message a second per
 * streamer; nothing is kept between reports.
 */
final class LoadReporter implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(LoadReporter.class);

	private final RadioHub hub;

	private final SchedulerLink link;

	private final int listenerLimit;

	private final Supplier<String> listenUrl;

	private final Duration interval;

	private volatile ScheduledExecutorService timer;

	private volatile long lastFailureLogNanos;

	LoadReporter(RadioHub hub, SchedulerLink link, int listenerLimit, Supplier<String> listenUrl, Duration interval) {
		this.hub = hub;
		this.link = link;
		this.listenerLimit = listenerLimit;
		this.listenUrl = listenUrl;
		this.interval = interval;
	}

	void report() {
		try {
			this.link.reportLoad(this.hub.admittedListeners(), this.listenerLimit, this.listenUrl.get());
		}
		catch (RuntimeException ex) {
			long now = System.nanoTime();
			if (now - this.lastFailureLogNanos > TimeUnit.MINUTES.toNanos(1)) {
				this.lastFailureLogNanos = now;
				log.warn("Could not report the load to the scheduler (logged once a minute): " + ex.getMessage());
			}
		}
	}

	@Override
	public void start() {
		if (this.interval.isZero() || this.interval.isNegative()) {
			return;
		}
		ScheduledExecutorService started = Executors
			.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("load-reporter").factory());
		long millis = Math.max(1, this.interval.toMillis());
		started.scheduleWithFixedDelay(this::report, millis, millis, TimeUnit.MILLISECONDS);
		this.timer = started;
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = this.timer;
		if (running != null) {
			running.shutdownNow();
			this.timer = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.timer != null;
	}

	@Override
	public int getPhase() {
		// Stops before the scheduler client (which sends unregister_streamer), starts after it.
		return SmartLifecycle.DEFAULT_PHASE - 10;
	}

}
