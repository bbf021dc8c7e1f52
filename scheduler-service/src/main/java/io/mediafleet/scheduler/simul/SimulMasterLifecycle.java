package io.mediafleet.scheduler.simul;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.mediafleet.scheduler.SchedulerProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Binds the master's buses when the application starts, runs its periodic tick, and unbinds on shutdown.
 */
final class SimulMasterLifecycle implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(SimulMasterLifecycle.class);

	private final SimulMaster master;

	private final SchedulerProperties.Simul settings;

	private @Nullable SimulBuses buses;

	private @Nullable ScheduledExecutorService ticker;

	SimulMasterLifecycle(SimulMaster master, SchedulerProperties.Simul settings) {
		this.master = master;
		this.settings = settings;
	}

	@Override
	public synchronized void start() {
		SimulBuses bound = new SimulBuses(this.settings.bindAddress(), this.settings.advisePort(),
				this.settings.commandPort(), SimulConfiguration.MAX_SOCKET_FRAME_BYTES, SimulConfiguration.HIGH_WATER_MARK,
				this.master::onAdvise);
		this.master.attach(bound);
		this.buses = bound;
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("simul-tick").daemon().factory());
		long period = this.settings.tickInterval().toNanos();
		executor.scheduleWithFixedDelay(() -> {
			try {
				this.master.tick();
			}
			catch (RuntimeException ex) {
				log.error("Simul tick failed", ex);
			}
		}, period, period, TimeUnit.NANOSECONDS);
		this.ticker = executor;
		log.info("Simul master bound: advise bus (SUB) on " + this.settings.bindAddress() + ":" + bound.advisePort()
				+ ", command bus (PUB) on " + this.settings.bindAddress() + ":" + bound.commandPort());
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService executor = this.ticker;
		if (executor != null) {
			executor.shutdownNow();
			this.ticker = null;
		}
		SimulBuses bound = this.buses;
		if (bound != null) {
			bound.close();
			this.buses = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.buses != null;
	}

	/** The advise bus's bound port (useful when 0 was configured), or -1 when not running. */
	synchronized int advisePort() {
		return (this.buses != null) ? this.buses.advisePort() : -1;
	}

	/** The command bus's bound port, or -1 when not running. */
	synchronized int commandPort() {
		return (this.buses != null) ? this.buses.commandPort() : -1;
	}

}
