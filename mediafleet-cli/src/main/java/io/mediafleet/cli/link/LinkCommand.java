package io.mediafleet.cli.link;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.mediafleet.cli.Json;
import io.mediafleet.cli.SchedulerOptions;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code mediafleet link token}: mints the HS256 tokens link slaves (burner agents) and controls register with.
 */
@Command(name = "link", mixinStandardHelpOptions = true, description = "The link (agents' WebSocket): tokens.",
		subcommands = LinkCommand.Token.class)
public final class LinkCommand {

	/** Link roles. */
	enum Role {

		slave, control

	}

	@Command(name = "token", mixinStandardHelpOptions = true,
			description = { "Mint a link token and print it (only the token, for scripts).",
					"E.g. MEDIAFLEET_BURNER_LINK_TOKEN=$(bin/mediafleet link token --role slave --slave-id 7)" })
	static final class Token implements Callable<Integer> {

		@Mixin
		private SchedulerOptions scheduler;

		@Option(names = "--role", required = true, description = "slave or control.")
		private Role role;

		@Option(names = "--slave-id", paramLabel = "N", description = "The only slave id the token may register.")
		private @Nullable Long slaveId;

		@Option(names = "--subject", description = "Who the token is for (logged); default mediafleet-cli:<user>.")
		private @Nullable String subject;

		@Option(names = "--ttl-seconds", paramLabel = "SECONDS", description = "Validity; default 365 days.")
		private @Nullable Long ttlSeconds;

		@Override
		public Integer call() {
			Map<String, Object> request = new LinkedHashMap<>();
			request.put("role", this.role.name());
			request.put("subject", (this.subject != null) ? this.subject
					: "mediafleet-cli:" + System.getProperty("user.name", "user"));
			if (this.slaveId != null) {
				request.put("slave_id", this.slaveId);
			}
			if (this.ttlSeconds != null) {
				request.put("ttl_seconds", this.ttlSeconds);
			}
			JsonNode token = this.scheduler.admin().post("link/tokens", request, null);
			if (this.scheduler.json()) {
				Json.print(this.scheduler.terminal().out(), token);
			}
			else {
				this.scheduler.terminal().out().println(Json.text(token, "token"));
			}
			return 0;
		}

	}

}
