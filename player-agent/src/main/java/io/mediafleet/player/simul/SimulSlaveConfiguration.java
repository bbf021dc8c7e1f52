package io.mediafleet.player.simul;

import java.time.InstantSource;

import io.mediafleet.player.PlayerProperties;
import io.mediafleet.player.SlaveName;
import io.mediafleet.player.library.MediaLibrary;
import io.mediafleet.player.playback.Player;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the slave to the settings and connects it while the application runs, when
 * {@code mediafleet.player.enabled}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "mediafleet.player.enabled", matchIfMissing = true)
final class SimulSlaveConfiguration {

	/** md5s the library keeps. */
	static final int MAX_CACHED_DIGESTS = 10_000;

	@Bean
	MediaLibrary mediaLibrary(PlayerProperties properties) {
		return new MediaLibrary(properties.mediaDirectory(), MAX_CACHED_DIGESTS);
	}

	@Bean(destroyMethod = "close")
	Player player(PlayerProperties properties) {
		return new Player(properties.command(), properties.mpvIpc());
	}

	@Bean
	SmartLifecycle simulSlaveLifecycle(PlayerProperties properties, SlaveName name, MediaLibrary library,
			Player player, ObjectProvider<MeterRegistry> meters) {
		SimulSlave.Settings settings = new SimulSlave.Settings(name.name(), properties.master().host(),
				properties.master().advisePort(), properties.master().commandPort(), properties.readyInterval(),
				properties.maxStartLead());
		MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
		return new SmartLifecycle() {

			private @Nullable SimulSlave slave;

			@Override
			public synchronized void start() {
				this.slave = SimulSlave.start(settings, library, player, registry, InstantSource.system());
			}

			@Override
			public synchronized void stop() {
				SimulSlave running = this.slave;
				if (running != null) {
					running.close();
					this.slave = null;
				}
			}

			@Override
			public synchronized boolean isRunning() {
				return this.slave != null;
			}

		};
	}

}
