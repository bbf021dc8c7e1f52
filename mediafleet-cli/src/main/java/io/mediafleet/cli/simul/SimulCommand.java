package io.mediafleet.cli.simul;

import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.mediafleet.cli.CliException;
import io.mediafleet.cli.ExitCode;
import io.mediafleet.cli.Json;
import io.mediafleet.cli.SchedulerOptions;
import io.mediafleet.cli.Table;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code mediafleet simul file|start|stop|pause|resume|seek|status}: synchronised playback on the player agents, the
 * operations of the IRC bot's {@code !simul}, {@code !start}, {@code !stop}, {@code !pause}, {@code !resume},
 * {@code !seek} and {@code !status}.
 */
@Command(name = "simul", mixinStandardHelpOptions = true,
		description = "Synchronised playback on every player agent: file, start, stop, pause, resume, seek, status.",
		subcommands = { SimulCommand.File.class, SimulCommand.Start.class, SimulCommand.Stop.class,
				SimulCommand.Pause.class, SimulCommand.Resume.class, SimulCommand.Seek.class,
				SimulCommand.Status.class })
public final class SimulCommand {

	static void printStatus(SchedulerOptions scheduler, JsonNode status) {
		PrintStream out = scheduler.terminal().out();
		if (scheduler.json()) {
			Json.print(out, status);
			return;
		}
		out.println("simul " + Json.text(status, "state") + ((Json.text(status, "filename") != null)
				? " " + Json.text(status, "filename") : "")
				+ ((Json.text(status, "startAt") != null) ? " start at " + Json.text(status, "startAt") : ""));
		Table slaves = Table.of("SLAVE", "FILE", "MD5", "START", "COMPLETED", "REASON", "LAST SEEN");
		for (JsonNode slave : status.path("slaves")) {
			slaves.row(Json.text(slave, "name"), Json.text(slave, "file"), Json.text(slave, "md5"),
					Json.text(slave, "start"), slave.path("playCompleted").asBoolean() ? "yes" : "no",
					Json.text(slave, "reason"), Json.text(slave, "lastSeen"));
		}
		if (slaves.isEmpty()) {
			out.println("no player agents");
		}
		else {
			slaves.print(out);
		}
		for (JsonNode problem : status.path("problems")) {
			out.println("problem: " + problem.asString());
		}
	}

	@Command(name = "file", mixinStandardHelpOptions = true,
			description = "Ask every player agent for a file (a new simul); 'simul status' shows their answers.")
	static final class File implements Callable<Integer> {

		@Mixin
		private SchedulerOptions scheduler;

		@Parameters(paramLabel = "NAME", description = "The file name each player looks for in its library.")
		private String name;

		@Override
		public Integer call() {
			printStatus(this.scheduler, this.scheduler.admin().post("simul/file", Map.of("filename", this.name), null));
			return 0;
		}

	}

	@Command(name = "start", mixinStandardHelpOptions = true,
			description = { "Start the current simul on every player that has the file.",
					"With --at, every player starts at that instant (it must be ahead); without it, now plus the master's start lead." })
	static final class Start implements Callable<Integer> {

		@Mixin
		private SchedulerOptions scheduler;

		@Option(names = "--at", paramLabel = "INSTANT",
				description = "ISO-8601 instant (e.g. 2026-12-06T20:00:00Z) at which every player starts.")
		private @Nullable String at;

		@Override
		public Integer call() {
			Map<String, Object> body = new LinkedHashMap<>();
			if (this.at != null) {
				try {
					body.put("at", Instant.parse(this.at).toString());
				}
				catch (DateTimeParseException ex) {
					throw new CliException(ExitCode.USAGE, "--at needs an ISO-8601 instant such as 2026-12-06T20:00:00Z, not '"
							+ this.at + "'");
				}
			}
			// The master starts every player at that instant itself; one that has passed is refused (exit 1).
			JsonNode started = this.scheduler.admin().post("simul/start", body, null);
			if (this.scheduler.json()) {
				Json.print(this.scheduler.terminal().out(), started);
			}
			else {
				this.scheduler.terminal().out().println("simul starts at " + Json.text(started, "at"));
			}
			return 0;
		}

	}

	@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the current simul everywhere.")
	static final class Stop implements Callable<Integer> {

		@Mixin
		private SchedulerOptions scheduler;

		@Override
		public Integer call() {
			printStatus(this.scheduler, this.scheduler.admin().post("simul/stop", null, null));
			return 0;
		}

	}

	/**
	 * Prints a planned group transport command ({@code {"command", "at", "positionMs"}}): every player acts at
	 * {@code at}, landing on {@code positionMs}.
	 */
	static int printTransport(SchedulerOptions scheduler, JsonNode planned, String verb) {
		if (scheduler.json()) {
			Json.print(scheduler.terminal().out(), planned);
		}
		else {
			scheduler.terminal().out().println("every player " + verb + " " + position(planned.path("positionMs").asLong())
					+ " at " + Json.text(planned, "at"));
		}
		return 0;
	}

	/** {@code m:ss.mmm}, as the scheduler writes positions on IRC. */
	static String position(long positionMs) {
		return String.format(Locale.ROOT, "%d:%02d.%03d", positionMs / 60_000, (positionMs / 1000) % 60,
				positionMs % 1000);
	}

	@Command(name = "pause", mixinStandardHelpOptions = true,
			description = { "Pause every player on the same frame, at now plus the master's start lead.",
					"Refused (exit 5) when nothing plays or it is paused already." })
	static final class Pause implements Callable<Integer> {

		@Mixin
		private SchedulerOptions scheduler;

		@Override
		public Integer call() {
			return printTransport(this.scheduler, this.scheduler.admin().post("simul/pause", null, null), "pauses at");
		}

	}

	@Command(name = "resume", mixinStandardHelpOptions = true,
			description = { "Resume every player from the paused position, at now plus the master's start lead.",
					"Refused (exit 5) when the simul is not paused." })
	static final class Resume implements Callable<Integer> {

		@Mixin
		private SchedulerOptions scheduler;

		@Override
		public Integer call() {
			return printTransport(this.scheduler, this.scheduler.admin().post("simul/resume", null, null),
					"resumes from");
		}

	}

	@Command(name = "seek", mixinStandardHelpOptions = true,
			description = { "Move every player to POSITION at now plus the master's start lead; playing or paused stays as it was.",
					"Refused (exit 5) when nothing plays; a POSITION the scheduler cannot read exits 2." })
	static final class Seek implements Callable<Integer> {

		@Mixin
		private SchedulerOptions scheduler;

		@Parameters(paramLabel = "POSITION",
				description = "mm:ss, h:mm:ss or seconds, each with an optional fraction (1:30, 1:02:03.5, 90).")
		private String position;

		@Override
		public Integer call() {
			// The scheduler reads the position (one parser for IRC, REST, console and here) and names a bad one.
			return printTransport(this.scheduler,
					this.scheduler.admin().post("simul/seek", Map.of("position", this.position.strip()), null), "goes to");
		}

	}

	@Command(name = "status", mixinStandardHelpOptions = true, description = "The simul's state and each player's answers.")
	static final class Status implements Callable<Integer> {

		@Mixin
		private SchedulerOptions scheduler;

		@Override
		public Integer call() {
			printStatus(this.scheduler, this.scheduler.admin().get("simul", null));
			return 0;
		}

	}

}
