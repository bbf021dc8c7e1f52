package io.mediafleet.scheduler.simul;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.mediafleet.schema.simul.CurveKey;
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
				limits(this.settings.admission()), curve(), this.master::onAdvise);
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
				+ ", command bus (PUB) on " + this.settings.bindAddress() + ":" + bound.commandPort() + ", "
				+ this.settings.security().name().toLowerCase(java.util.Locale.ROOT));
	}

	private static BusAdmission.Limits limits(SchedulerProperties.Simul.Admission admission) {
		return new BusAdmission.Limits(admission.maxPendingPerAddress(), admission.maxPending(),
				admission.maxConnections(), admission.handshakeTimeout());
	}

	private SimulBuses.@Nullable Curve curve() {
		if (this.settings.security() == SchedulerProperties.SimulSecurity.PLAIN) {
			log.warn("The simul buses are plain (mediafleet.scheduler.simul.security=plain): unencrypted, and any "
					+ "process that reaches ports " + this.settings.advisePort() + " and " + this.settings.commandPort()
					+ " may join as a slave and hear every command");
			return null;
		}
		SchedulerProperties.Simul.Curve keys = this.settings.curve();
		CurveKey secret;
		if (keys.secretKey() != null && !keys.secretKey().isBlank()) {
			secret = CurveKey.fromZ85(keys.secretKey());
		}
		else {
			secret = CurveKey.generateSecret();
			log.warn("No mediafleet.scheduler.simul.curve.secret-key: generated one for this run only; slaves must be "
					+ "configured with its public key, which changes at every restart");
		}
		AuthorizedSlaveKeys authorized = new AuthorizedSlaveKeys(
				keys.slaveKeys().stream().filter((key) -> !key.isBlank()).toList(), keys.slaveKeysFile(),
				SimulConfiguration.MAX_SLAVE_KEYS);
		log.info("Simul buses use CURVE; master public key " + secret.publicKey().z85() + "; " + authorized.size()
				+ " slave key(s) admitted" + ((keys.slaveKeysFile() != null) ? " (list and " + keys.slaveKeysFile()
						+ ")" : ""));
		if (authorized.size() == 0) {
			log.warn("No simul slave key is configured (mediafleet.scheduler.simul.curve.slave-keys or "
					+ "slave-keys-file): every slave is refused");
		}
		return new SimulBuses.Curve(secret, authorized::contains, this.master::slaveRefused);
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
