package io.mediafleet.cli.keys;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import io.mediafleet.cli.CliException;
import io.mediafleet.cli.ExitCode;
import io.mediafleet.cli.Terminal;
import io.mediafleet.schema.simul.CurveKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mediafleet keys zmq}: makes a CURVE key pair for the simul buses, offline (no scheduler needed).
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Make key pairs for the suite's ports.",
		subcommands = KeysCommand.Zmq.class)
public final class KeysCommand {

	@Command(name = "zmq", mixinStandardHelpOptions = true,
			description = { "Make a CURVE key pair (Z85) for the simul ZeroMQ buses and print it as",
					"public-key=... and secret-key=... lines. The master's secret key goes to",
					"MEDIAFLEET_SCHEDULER_SIMUL_CURVE_SECRETKEY, its public key to every player's",
					"MEDIAFLEET_PLAYER_MASTER_PUBLICKEY; a player's secret key goes to its",
					"MEDIAFLEET_PLAYER_SECRETKEY and its public key to the master's slave keys.",
					"With --public-of-stdin, read a secret key on standard input and print its public key." })
	static final class Zmq implements Callable<Integer> {

		@Spec
		private CommandSpec spec;

		@Option(names = "--public-of-stdin", description = "Print the public key of the secret key read on stdin.")
		private boolean publicOfStdin;

		@Override
		public Integer call() throws IOException {
			Terminal terminal = Terminal.of(this.spec);
			PrintStream out = terminal.out();
			if (this.publicOfStdin) {
				String line = new BufferedReader(new InputStreamReader(terminal.in(), StandardCharsets.UTF_8))
					.readLine();
				try {
					out.println(CurveKey.fromZ85((line != null) ? line : "").publicKey().z85());
				}
				catch (IllegalArgumentException ex) {
					throw new CliException(ExitCode.USAGE, "not a secret key: " + ex.getMessage());
				}
				return 0;
			}
			CurveKey secret = CurveKey.generateSecret();
			out.println("# CURVE key pair for the simul buses; keep the secret key secret");
			out.println("public-key=" + secret.publicKey().z85());
			out.println("secret-key=" + secret.z85());
			return 0;
		}

	}

}
