package io.mediafleet.cli.radio;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import io.mediafleet.cli.AdminClient;
import io.mediafleet.cli.CliException;
import io.mediafleet.cli.Json;
import io.mediafleet.cli.SchedulerOptions;
import io.mediafleet.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code mediafleet radio list|now|stop}: the radios the scheduler programmes, what they play and their listeners.
 */
@Command(name = "radio", mixinStandardHelpOptions = true, description = "Radios: list, song on air, force-stop.",
		subcommands = { RadioCommand.List.class, RadioCommand.Now.class, RadioCommand.Stop.class })
public final class RadioCommand {

	@Command(name = "list", mixinStandardHelpOptions = true,
			description = "Every radio with its song on air and listener count.")
	static final class List implements Callable<Integer> {

		@Mixin
		private SchedulerOptions scheduler;

		@Override
		public Integer call() {
			JsonNode radios = this.scheduler.admin().get("radios", null);
			PrintStream out = this.scheduler.terminal().out();
			if (this.scheduler.json()) {
				Json.print(out, radios);
				return 0;
			}
			Table table = Table.of("UUID", "NAME", "PROGRAMMED", "ON AIR", "LISTENERS", "STREAMER");
			for (JsonNode radio : radios) {
				JsonNode status = radio.path("status");
				table.row(Json.text(radio, "uuid"), Json.text(radio, "name"),
						status.path("programmed").asBoolean() ? "yes" : "no", Json.text(status, "filename"),
						status.path("listeners").asLong(), Json.text(status, "masterStreamer"));
			}
			table.print(out);
			return 0;
		}

	}

	@Command(name = "now", mixinStandardHelpOptions = true, description = "The song on air and the listeners of one radio.")
	static final class Now implements Callable<Integer> {

		@Mixin
		private SchedulerOptions scheduler;

		@Parameters(paramLabel = "UUID", description = "The radio.")
		private String uuid;

		@Override
		public Integer call() {
			AdminClient admin = this.scheduler.admin();
			JsonNode radio = admin.get("radios/" + this.uuid, CliException.notFound("radio", this.uuid));
			PrintStream out = this.scheduler.terminal().out();
			if (this.scheduler.json()) {
				Json.print(out, radio);
				return 0;
			}
			JsonNode status = radio.path("status");
			String name = Json.text(radio, "name");
			if (!status.path("programmed").asBoolean() || Json.text(status, "filename") == null) {
				out.println(this.uuid + " (" + name + "): nothing on air, " + status.path("listeners").asLong()
						+ " listeners");
				return 0;
			}
			out.println(this.uuid + " (" + name + "): " + Json.text(status, "filename") + " (song "
					+ Json.text(status, "songId") + ") since " + Json.text(status, "playTime") + ", ends "
					+ Json.text(status, "songEndTime") + ", " + status.path("listeners").asLong() + " listeners, streamer "
					+ Json.text(status, "masterStreamer"));
			return 0;
		}

	}

	@Command(name = "stop", mixinStandardHelpOptions = true,
			description = "Stop programming a radio and close its listening sessions.")
	static final class Stop implements Callable<Integer> {

		@Mixin
		private SchedulerOptions scheduler;

		@Parameters(paramLabel = "UUID", description = "The radio.")
		private String uuid;

		@Override
		public Integer call() {
			JsonNode status = this.scheduler.admin().post("radios/" + this.uuid + "/stop", null,
					CliException.notFound("radio", this.uuid));
			PrintStream out = this.scheduler.terminal().out();
			if (this.scheduler.json()) {
				Json.print(out, status);
			}
			else {
				out.println("stopped radio " + this.uuid);
			}
			return 0;
		}

	}

}
