package io.mediafleet.cli.fleet;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.mediafleet.cli.AdminClient;
import io.mediafleet.cli.CliException;
import io.mediafleet.cli.ExitCode;
import io.mediafleet.cli.Json;
import io.mediafleet.cli.SchedulerOptions;
import io.mediafleet.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

/**
 * {@code mediafleet fleet status}: the scheduler's health and every streamer, burner and player agent it knows, with
 * theirs, from the endpoints that exist ({@code /actuator/health}, streamers, burners, simul slaves).
 */
@Command(name = "fleet", mixinStandardHelpOptions = true, description = "The whole fleet at a glance.",
		subcommands = FleetCommand.Status.class)
public final class FleetCommand {

	@Command(name = "status", mixinStandardHelpOptions = true,
			description = "The scheduler's health and every streamer, burner and player agent with its health.")
	static final class Status implements Callable<Integer> {

		@Mixin
		private SchedulerOptions scheduler;

		@Override
		public Integer call() {
			AdminClient admin = this.scheduler.admin();
			JsonNode health = admin.getOpen("/actuator/health");
			List<Map<String, Object>> members = new ArrayList<>();
			for (JsonNode streamer : admin.get("streamers", null)) {
				int missed = streamer.path("missedPings").asInt();
				members.add(member("streamer", Json.text(streamer, "name"), (missed == 0) ? "UP" : "LATE",
						"missed pings " + missed + ", last pong " + Json.text(streamer, "lastPongAt")));
			}
			for (JsonNode burner : admin.get("burn/burners", null)) {
				String state = Json.text(burner, "state");
				String name = Json.text(burner, "name");
				members.add(member("burner", Json.text(burner, "uid") + ((name != null) ? " (" + name + ")" : ""),
						"DISCONN".equals(state) ? "DOWN" : "UP",
						"state " + state + ", " + Json.text(burner, "transport")));
			}
			try {
				for (JsonNode slave : admin.get("simul/slaves", null)) {
					members.add(member("player", Json.text(slave, "name"),
							slave.path("conflicting").asBoolean() ? "CONFLICT" : "UP",
							"last seen " + Json.text(slave, "lastSeen")));
				}
			}
			catch (CliException ex) {
				if (ex.exitCode() != ExitCode.NOT_FOUND) {
					throw ex;
				}
				// simul disabled on this scheduler: no player agents to show
			}
			PrintStream out = this.scheduler.terminal().out();
			String schedulerHealth = String.valueOf(Json.text(health, "status"));
			if (this.scheduler.json()) {
				Map<String, Object> all = new LinkedHashMap<>();
				all.put("scheduler", Map.of("url", admin.base().toString(), "health", health));
				all.put("members", members);
				Json.print(out, all);
				return 0;
			}
			StringBuilder components = new StringBuilder();
			for (Iterator<Map.Entry<String, JsonNode>> it = health.path("components").properties().iterator(); it
				.hasNext();) {
				Map.Entry<String, JsonNode> component = it.next();
				components.append((components.length() > 0) ? ", " : "")
					.append(component.getKey())
					.append(' ')
					.append(Json.text(component.getValue(), "status"));
			}
			Table table = Table.of("KIND", "NAME", "HEALTH", "DETAIL");
			table.row("scheduler", admin.base(), schedulerHealth, components);
			for (Map<String, Object> member : members) {
				table.row(member.get("kind"), member.get("name"), member.get("health"), member.get("detail"));
			}
			table.print(out);
			return 0;
		}

		private static Map<String, Object> member(String kind, Object name, String health, String detail) {
			Map<String, Object> member = new LinkedHashMap<>();
			member.put("kind", kind);
			member.put("name", name);
			member.put("health", health);
			member.put("detail", detail);
			return member;
		}

	}

}
