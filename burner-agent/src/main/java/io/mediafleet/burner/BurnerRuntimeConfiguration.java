package io.mediafleet.burner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import io.mediafleet.burner.burn.BurnEngine;
import io.mediafleet.burner.burn.IsoLibrary;
import io.mediafleet.burner.link.LinkBurnerClient;
import io.mediafleet.burner.tcp.TcpBurnerClient;
import io.mediafleet.schema.burn.BurnerType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the burner: its ISO library and burn engine, and the client of the configured transport, started with the
 * application and stopped (killing a burn in progress) with it. {@code mediafleet.burner.enabled=false} turns it off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "mediafleet.burner.enabled", matchIfMissing = true)
final class BurnerRuntimeConfiguration {

	private static final Log log = LogFactory.getLog(BurnerRuntimeConfiguration.class);

	@Bean
	IsoLibrary isoLibrary(BurnerProperties properties) {
		return new IsoLibrary(properties.isoDirectory(), properties.md5Cache());
	}

	@Bean
	BurnEngine burnEngine(BurnerProperties properties, IsoLibrary library) {
		return new BurnEngine(new BurnEngine.Settings(properties.xorriso(), properties.device(),
				properties.capacityBytes(), properties.fifoSize().toBytes()), library);
	}

	@Bean
	SmartLifecycle burnerClient(BurnerProperties properties, IsoLibrary library, BurnEngine engine) throws IOException {
		String uid = uid(properties.uidFile());
		BurnerType type = (properties.media() == BurnerProperties.Media.CDR) ? BurnerType.BURNCDR : BurnerType.BURNDVD;
		AutoCloseable client;
		Runnable start;
		if (properties.transport() == BurnerProperties.Transport.TCP) {
			String token = properties.tcp().token();
			if (token == null || token.isBlank()) {
				log.warn("mediafleet.burner.tcp.token is not set: a master that requires burners to authenticate "
						+ "will refuse this burner. Mint a slave token with POST /api/admin/link/tokens on the scheduler.");
			}
			TcpBurnerClient tcp = new TcpBurnerClient(properties.tcp().host(), properties.tcp().port(), uid, type,
					library, engine, properties.statusInterval(), properties.link().reconnectDelay(), token);
			client = tcp;
			start = tcp::start;
		}
		else {
			String token = properties.link().token();
			if (token == null || token.isBlank()) {
				log.warn("mediafleet.burner.link.token is not set: the master will refuse this burner. "
						+ "Mint one with POST /api/admin/link/tokens on the scheduler.");
				token = "";
			}
			long slaveId = (properties.link().slaveId() != null) ? properties.link().slaveId()
					: Long.parseLong(uid.substring(0, 12), 16);
			LinkBurnerClient link = new LinkBurnerClient(new LinkBurnerClient.Identity(properties.link().masterUrl(),
					token, slaveId, properties.link().name(), uid, type), library, engine,
					properties.statusInterval(), properties.link().reconnectDelay());
			client = link;
			start = link::start;
		}
		log.info("Burner " + uid + " (" + type.wire() + ") on " + properties.device() + " via "
				+ properties.transport().name().toLowerCase());
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				start.run();
				this.running = true;
			}

			@Override
			public void stop() {
				this.running = false;
				try {
					client.close();
				}
				catch (Exception ex) {
					log.debug("Closing the burner client failed: " + ex.getMessage());
				}
				engine.close();
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

		};
	}

	/** The burner's persistent UID, created on first start. */
	static String uid(Path file) throws IOException {
		if (Files.isRegularFile(file)) {
			String stored = Files.readString(file, StandardCharsets.US_ASCII).trim().toLowerCase();
			if (stored.matches("[0-9a-f]{32}")) {
				return stored;
			}
			throw new IllegalStateException(file + " does not hold a 32-hex-digit UID");
		}
		byte[] bytes = new byte[16];
		new SecureRandom().nextBytes(bytes);
		String uid = HexFormat.of().formatHex(bytes);
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		Files.writeString(file, uid + "\n", StandardCharsets.US_ASCII);
		return uid;
	}

}
