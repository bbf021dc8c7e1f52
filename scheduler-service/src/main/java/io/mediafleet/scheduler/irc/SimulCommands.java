package io.mediafleet.scheduler.irc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import io.mediafleet.schema.simul.SimulFile;
import io.mediafleet.scheduler.simul.LatePolicy;
import io.mediafleet.scheduler.simul.SeekPosition;
import io.mediafleet.scheduler.simul.SimulCommandException;
import io.mediafleet.scheduler.simul.SimulMaster;
import io.mediafleet.scheduler.simul.SimulStatus;
import io.mediafleet.scheduler.simul.SimulStatus.SlaveStatus;
import io.mediafleet.scheduler.simul.SyncStatus;

/**
 * The bot's chat commands: turns one {@code !command} line from a nick into calls on the {@link SimulMaster} and
 * the reply lines. Knows nothing of sockets.
 *
 * <pre>
 * !simul &lt;file&gt; [late=wait|start-without|abort]   look for the file on every slave (allowed nicks only)
 * !start           start the ready simul on every slave  (allowed nicks only)
 * !stop            stop the simul                        (allowed nicks only)
 * !pause           pause every slave together            (allowed nicks only)
 * !resume          resume every slave together           (allowed nicks only)
 * !seek mm:ss      move every slave there together       (allowed nicks only)
 * !sync            the group's position and how far apart the slaves are
 * !status          the simul's state and what keeps it from being ready
 * !slaves          the live slaves and their state
 * !help            this list
 * </pre>
 */
final class SimulCommands {

	/** Slaves listed by {@code !slaves} before the rest is summed up, to keep the channel readable. */
	static final int MAX_SLAVE_LINES = 8;

	static final String SOURCE = "irc";

	private final SimulMaster master;

	private final Set<String> allowedNicks;

	SimulCommands(SimulMaster master, List<String> allowedNicks) {
		this.master = master;
		this.allowedNicks = Set.copyOf(allowedNicks.stream().map((nick) -> nick.toLowerCase(Locale.ROOT)).toList());
	}

	/** Whether {@code text} is addressed to the bot as a command. */
	static boolean isCommand(String text) {
		return text.startsWith("!") && text.length() > 1 && Character.isLetter(text.charAt(1));
	}

	/** Runs the command in {@code text} for {@code nick}; returns the reply lines (at least one). */
	List<String> execute(String nick, String text) {
		String trimmed = text.strip();
		int space = trimmed.indexOf(' ');
		String name = ((space < 0) ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
		String argument = (space < 0) ? "" : trimmed.substring(space + 1).strip();
		return switch (name) {
			case "!help" -> help();
			case "!status" -> !argument.isEmpty() ? usage(name, "") : status();
			case "!slaves" -> !argument.isEmpty() ? usage(name, "") : slaves();
			case "!simul" -> guarded(nick, name, () -> simul(argument));
			case "!start" -> guarded(nick, name, () -> !argument.isEmpty() ? usage(name, "") : start());
			case "!stop" -> guarded(nick, name, () -> !argument.isEmpty() ? usage(name, "") : stop());
			case "!pause" -> guarded(nick, name,
					() -> !argument.isEmpty() ? usage(name, "") : transport(this.master.pause(SOURCE)));
			case "!resume" -> guarded(nick, name,
					() -> !argument.isEmpty() ? usage(name, "") : transport(this.master.resume(SOURCE)));
			case "!seek" -> guarded(nick, name, () -> argument.isEmpty() ? usage(name, " mm:ss")
					: transport(this.master.seek(SOURCE, SeekPosition.parseMillis(argument))));
			case "!sync" -> !argument.isEmpty() ? usage(name, "") : sync();
			default -> List.of("unknown command " + name + "; try !help");
		};
	}

	private static List<String> usage(String name, String arguments) {
		return List.of("usage: " + name + (arguments.isEmpty() ? " (no arguments)" : arguments));
	}

	private List<String> guarded(String nick, String name, Supplier<List<String>> action) {
		if (!this.allowedNicks.contains(nick.toLowerCase(Locale.ROOT))) {
			return List.of("sorry " + nick + ", only the simul operators may use " + name
					+ "; anyone may use !status, !slaves and !help");
		}
		try {
			return action.get();
		}
		catch (SimulCommandException ex) {
			return List.of(name + " failed: " + ex.getMessage());
		}
	}

	private List<String> simul(String argument) {
		// "!simul <file> late=<policy>": the last word chooses what happens to late members.
		String filename = argument;
		LatePolicy policy = LatePolicy.DEFAULT;
		int space = argument.lastIndexOf(' ');
		if (space > 0 && argument.startsWith("late=", space + 1)) {
			try {
				policy = LatePolicy.of(argument.substring(space + 1 + "late=".length()));
			}
			catch (IllegalArgumentException ex) {
				return List.of(ex.getMessage());
			}
			filename = argument.substring(0, space).strip();
		}
		if (filename.isEmpty()) {
			return usage("!simul", " <file> [late=wait|start-without|abort]");
		}
		try {
			// The schema's rules for file names (length, control characters) apply before anything is sent.
			SimulFile.of(filename);
		}
		catch (RuntimeException ex) {
			return List.of("bad file name: " + ex.getMessage());
		}
		this.master.simulFile(filename, null, SOURCE, policy);
		return List.of("looking for " + filename + " on every slave; I will say when it is ready (late members: "
				+ policy + ")");
	}

	private List<String> start() {
		Instant at = this.master.start(SOURCE);
		long inMillis = Math.max(0, Duration.between(Instant.now(), at).toMillis());
		return List.of("starting " + this.master.status().filename() + " in " + inMillis + " ms (at " + at + ")");
	}

	private List<String> stop() {
		this.master.stop(SOURCE);
		return List.of("stopped " + this.master.status().filename());
	}

	private static List<String> transport(SimulMaster.Transport planned) {
		long inMillis = Math.max(0, Duration.between(Instant.now(), planned.at()).toMillis());
		return List.of(planned.command().substring("simul-".length()) + " at "
				+ SimulMaster.formatPosition(planned.positionMs()) + " in " + inMillis + " ms (at " + planned.at() + ")");
	}

	private List<String> sync() {
		SyncStatus sync = this.master.sync();
		if (!sync.running()) {
			return List.of("nothing is playing");
		}
		StringBuilder line = new StringBuilder("at ").append(SimulMaster.formatPosition(sync.positionMs()))
			.append(sync.paused() ? " (paused)" : "");
		line.append(", spread ").append((sync.spreadMs() != null) ? sync.spreadMs() + " ms" : "unknown");
		List<String> offsets = sync.slaves()
			.stream()
			.filter((slave) -> slave.offsetMs() != null)
			.limit(MAX_SLAVE_LINES)
			.map((slave) -> slave.name() + " " + ((slave.offsetMs() >= 0) ? "+" : "") + slave.offsetMs() + " ms")
			.toList();
		if (!offsets.isEmpty()) {
			line.append(": ").append(String.join(", ", offsets));
		}
		return List.of(line.toString());
	}

	private List<String> status() {
		SimulStatus status = this.master.status();
		StringBuilder line = new StringBuilder("simul: ").append(status.state().name().toLowerCase(Locale.ROOT));
		if (status.filename() != null) {
			line.append(", file ").append(status.filename());
		}
		if (status.startAt() != null) {
			line.append(", start at ").append(status.startAt());
		}
		line.append(", ").append(status.slaves().size()).append(" live slave(s)");
		List<String> lines = new ArrayList<>();
		lines.add(line.toString());
		if (!status.problems().isEmpty()) {
			lines.add("not ready: " + String.join("; ", status.problems()));
		}
		return lines;
	}

	private List<String> slaves() {
		List<SlaveStatus> slaves = this.master.status().slaves();
		if (slaves.isEmpty()) {
			return List.of("no live slaves");
		}
		List<String> lines = new ArrayList<>();
		lines.add(slaves.size() + " live slave(s):");
		for (SlaveStatus slave : slaves.subList(0, Math.min(slaves.size(), MAX_SLAVE_LINES))) {
			StringBuilder line = new StringBuilder(slave.name()).append(": file ")
				.append(slave.file().name().toLowerCase(Locale.ROOT));
			if (slave.md5() != null) {
				line.append(" (md5 ").append(slave.md5()).append(')');
			}
			line.append(", start ").append(slave.start().name().toLowerCase(Locale.ROOT));
			if (slave.playCompleted()) {
				line.append(", completed");
			}
			if (slave.reason() != null) {
				line.append(", reason: ").append(slave.reason());
			}
			if (slave.conflicting()) {
				line.append(", CONFLICTING reports");
			}
			if (slave.late() != null) {
				line.append(", LATE (").append(slave.late()).append(')');
			}
			if (slave.latencyMs() != null) {
				line.append(", latency ").append(slave.latencyMs()).append(" ms");
			}
			lines.add(line.toString());
		}
		if (slaves.size() > MAX_SLAVE_LINES) {
			lines.add("... and " + (slaves.size() - MAX_SLAVE_LINES) + " more (see the REST admin API)");
		}
		return lines;
	}

	private static List<String> help() {
		return List.of("!simul <file> [late=wait|start-without|abort]: look for the file on every slave | !start: start it "
				+ "together | !stop | !pause | !resume | !seek mm:ss | !sync | !status | !slaves | !help (!simul, !start, "
				+ "!stop, !pause, !resume and !seek are for the simul operators)");
	}

}
