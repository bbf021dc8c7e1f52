package io.mediafleet.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.mediafleet.schema.simul.CurveKey;

/**
 * The simul buses' CURVE keys for one run of the stack: fresh pairs for the scheduler's master and the player agent
 * at every start, handed to each through its environment. The player's public key is written to a slave keys file
 * that the scheduler reads again whenever it changes, so a player of one's own joins by appending its public key
 * ({@code bin/mediafleet keys zmq} makes a pair).
 */
final class SimulKeys {

	/** The slave keys file, in the stack's work directory. */
	static final String SLAVE_KEYS_FILE = "simul-slave-keys";

	private final CurveKey masterSecret;

	private final CurveKey playerSecret;

	private final Path slaveKeysFile;

	private SimulKeys(CurveKey masterSecret, CurveKey playerSecret, Path slaveKeysFile) {
		this.masterSecret = masterSecret;
		this.playerSecret = playerSecret;
		this.slaveKeysFile = slaveKeysFile;
	}

	/** New pairs, and the slave keys file in {@code workRoot} listing the player agent's public key. */
	static SimulKeys generate(Path workRoot) throws IOException {
		SimulKeys keys = new SimulKeys(CurveKey.generateSecret(), CurveKey.generateSecret(),
				workRoot.resolve(SLAVE_KEYS_FILE));
		Files.writeString(keys.slaveKeysFile, """
				# Simul slaves the scheduler admits: one Z85 public key per line, then an optional label.
				# Append a key (bin/mediafleet keys zmq) to admit a player of your own; no restart needed.
				%s devstack-player-agent
				""".formatted(keys.playerSecret.publicKey().z85()), StandardCharsets.UTF_8);
		return keys;
	}

	/** The master's public key, which a player of one's own is configured with. */
	String masterPublicKey() {
		return this.masterSecret.publicKey().z85();
	}

	/** The file of admitted slave keys. */
	Path slaveKeysFile() {
		return this.slaveKeysFile;
	}

	/** The environment variables that give {@code service} its keys; none for services off the simul buses. */
	Map<String, String> environment(Service service) {
		return switch (service) {
			case SCHEDULER -> Map.of("MEDIAFLEET_SCHEDULER_SIMUL_SECURITY", "curve",
					"MEDIAFLEET_SCHEDULER_SIMUL_CURVE_SECRETKEY", this.masterSecret.z85(),
					"MEDIAFLEET_SCHEDULER_SIMUL_CURVE_SLAVEKEYSFILE", this.slaveKeysFile.toString());
			case PLAYER_AGENT -> Map.of("MEDIAFLEET_PLAYER_MASTER_PUBLICKEY", masterPublicKey(),
					"MEDIAFLEET_PLAYER_SECRETKEY", this.playerSecret.z85());
			default -> Map.of();
		};
	}

}
