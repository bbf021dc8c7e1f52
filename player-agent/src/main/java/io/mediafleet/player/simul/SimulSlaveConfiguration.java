package io.mediafleet.player.simul;

import java.time.InstantSource;

import io.mediafleet.player.PlayerProperties;
import io.mediafleet.player.SlaveName;
import io.mediafleet.player.library.MediaLibrary;
import io.mediafleet.player.library.TspFileFetcher;
import io.mediafleet.player.playback.Player;
import io.mediafleet.player.sync.DriftController;
import io.mediafleet.player.sync.PlaybackSync;
import io.mediafleet.player.sync.StartCheck;
import io.mediafleet.schema.simul.CurveKey;
import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.tsppeer.PeerFetcher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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

	private static final Log log = LogFactory.getLog(SimulSlaveConfiguration.class);

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

	private static SimulSlave.@Nullable Curve curve(PlayerProperties properties) {
		String masterKey = properties.master().publicKey();
		String secretKey = properties.secretKey();
		if (masterKey == null || secretKey == null) {
			log.warn("No mediafleet.player.master.public-key: the simul buses are joined plain (unencrypted), "
					+ "which only a master in plain mode accepts");
			return null;
		}
		CurveKey secret = CurveKey.fromZ85(secretKey);
		log.info("Joining the simul buses with CURVE; this slave's public key (list it on the master): "
				+ secret.publicKey().z85());
		return new SimulSlave.Curve(CurveKey.fromZ85(masterKey), secret);
	}

	static PlaybackSync.Settings sync(PlayerProperties.Drift drift, PlayerProperties.StartCheck check) {
		DriftController.Settings defaults = DriftController.Settings.DEFAULTS;
		StartCheck.Settings checkDefaults = StartCheck.Settings.DEFAULTS;
		return new PlaybackSync.Settings(drift.correct(), drift.sampleInterval(), drift.reportInterval(),
				new DriftController.Settings(drift.deadBand(), drift.maxSpeedAdjust(), drift.correctionHorizon(),
						defaults.window(), drift.seekThreshold(), defaults.settleTime(),
						Math.min(defaults.minSpeedStep(), drift.maxSpeedAdjust() / 2)),
				new StartCheck.Settings(check.enabled(), check.threshold(), check.maxRestarts(), checkDefaults.readings(),
						checkDefaults.margin(), check.maxLead()));
	}

	@Bean
	SmartLifecycle simulSlaveLifecycle(PlayerProperties properties, SlaveName name, MediaLibrary library,
			Player player, ObjectProvider<MeterRegistry> meters) {
		SimulSlave.Settings settings = new SimulSlave.Settings(name.name(), properties.master().host(),
				properties.master().advisePort(), properties.master().commandPort(), properties.readyInterval(),
				properties.maxStartLead(), curve(properties), properties.latencyOffset(), sync(properties.drift(), properties.startCheck()));
		MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
		return new SmartLifecycle() {

			private @Nullable SimulSlave slave;

			@Override
			public synchronized void start() {
				TspFileFetcher fetcher = properties.fetch().enabled()
						? new TspFileFetcher(PeerAddress.of(properties.fetch().trackerHost(), properties.fetch().trackerPort()),
								properties.mediaDirectory(), new PeerFetcher.Settings(PeerFetcher.Settings.DEFAULTS.connectTimeout(),
										PeerFetcher.Settings.DEFAULTS.readTimeout(), properties.fetch().maxFileBytes()))
						: null;
				this.slave = SimulSlave.start(settings, library, player, registry, InstantSource.system(), fetcher);
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
