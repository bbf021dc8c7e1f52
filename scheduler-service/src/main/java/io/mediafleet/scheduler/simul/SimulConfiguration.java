package io.mediafleet.scheduler.simul;

import java.time.Duration;
import java.time.InstantSource;

import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.simul.SimulCodec;
import io.mediafleet.scheduler.SchedulerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Wires the simul master and the lifecycle that binds its buses, when {@code mediafleet.scheduler.simul.enabled}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "mediafleet.scheduler.simul.enabled", matchIfMissing = true)
final class SimulConfiguration {

	/** Slave names the registry holds at once. */
	static final int MAX_SLAVES = 1024;

	/** Frames above this size are cut off by ZeroMQ itself; the codec's 64 KiB limit counts the rest. */
	static final long MAX_SOCKET_FRAME_BYTES = 1024 * 1024;

	/** Slave public keys read from the slave keys file. */
	static final int MAX_SLAVE_KEYS = 10_000;

	/** Frames ZeroMQ queues per peer and direction. */
	static final int HIGH_WATER_MARK = 1000;

	/** How long the start waits for the stored simul before it goes on without it (and takes it up when read). */
	static final Duration STORE_LOAD_WAIT = Duration.ofSeconds(5);

	@Bean(destroyMethod = "close")
	SimulStateStore simulStateStore(MongoOperations mongo, ObjectProvider<MeterRegistry> meters) {
		return new SimulStateStore(mongo, meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	SimulMaster simulMaster(SchedulerProperties properties, ObjectProvider<MeterRegistry> meters,
			SimulStateStore store) {
		SchedulerProperties.Simul simul = properties.simul();
		SimulMaster master = new SimulMaster(new SimulCodec(JsonLimits.DEFAULTS), InstantSource.system(),
				new SimulMaster.Settings(simul.slaveTimeout(), simul.startLead(), simul.startTimeout(),
						simul.fileResendInterval(), MAX_SLAVES, simul.fileTimeout()),
				meters.getIfAvailable(SimpleMeterRegistry::new));
		// The simul of the previous run, if any, before the buses bind: members that advise again are matched to it.
		store.load(STORE_LOAD_WAIT, master::restore).ifPresent(master::restore);
		master.persistTo(store::offer);
		return master;
	}

	@Bean
	SimulMasterLifecycle simulMasterLifecycle(SimulMaster master, SchedulerProperties properties) {
		return new SimulMasterLifecycle(master, properties.simul());
	}

}
