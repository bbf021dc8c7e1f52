package io.mediafleet.cli.burn;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.mediafleet.cli.AdminClient;
import io.mediafleet.cli.CliException;
import io.mediafleet.cli.ExitCode;
import io.mediafleet.cli.Json;
import io.mediafleet.cli.SchedulerOptions;
import io.mediafleet.schema.burn.BurnMessage;
import io.mediafleet.schema.burn.BurnerState;
import io.mediafleet.schema.burn.BurnerStatus;
import io.mediafleet.schema.burn.QueueEntry;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code mediafleet burn watch}: a live display of the burn farm in the spirit of the original's display client. It
 * speaks the burn protocol over TCP as a {@code DISPLAY} client ({@link BurnDisplayConnection}), so the farm pushes
 * every change. On a terminal it redraws a full screen (ANSI) on each change; otherwise (a pipe, a file, a test) it
 * writes one line per event, or one JSON object per line with {@code --output json}. A lost connection is retried
 * until the farm is back; Ctrl-C ends it.
 * <p>
 * Friendly names and burn progress are not in the line protocol's {@code SLIST}; when an admin token is configured
 * they are read from the REST API as well.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
		description = { "Watch the queue and the burners live (burn protocol DISPLAY client over TCP).",
				"Full-screen on a terminal, one line per event otherwise. Ctrl-C quits.",
				"Reconnects by itself when the scheduler restarts." })
final class BurnWatchCommand implements Callable<Integer> {

	private static final Duration POLL = Duration.ofMillis(500);

	private static final Duration PROGRESS_REFRESH = Duration.ofMillis(250);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

	@Mixin
	private SchedulerOptions scheduler;

	@Option(names = "--burn", paramLabel = "HOST:PORT",
			description = "The burn farm's TCP address (default $MEDIAFLEET_BURN, the config's burn=, else the scheduler URL's host:1337).")
	private @Nullable String burn;

	@Option(names = "--until", paramLabel = "STATE",
			description = "Exit (status 0) once a burner reaches this state, e.g. PASS; with --queue, the queued image's burner.")
	private @Nullable BurnerState until;

	@Option(names = "--queue", paramLabel = "HASH|ISO",
			description = "Once connected, queue this image (needs the admin token), then watch it burn.")
	private @Nullable String queue;

	@Option(names = "--priority", paramLabel = "N", defaultValue = "10", description = "Priority for --queue (default ${DEFAULT-VALUE}).")
	private int priority;

	@Option(names = "--timeout", paramLabel = "DURATION",
			description = "Give up (status 1) after this long, e.g. 90s, 5m or PT2M; default: never.")
	private @Nullable String timeout;

	@Option(names = "--lines", description = "One line per event even on a terminal.")
	private boolean forceLines;

	@Option(names = "--screen", description = "Full-screen view even when the output is not a terminal.")
	private boolean forceScreen;

	private final FarmView view = new FarmView();

	private volatile boolean stopping;

	private @Nullable String target;

	private boolean queuePending;

	private String connection = "connecting";

	private String lastEvent = "-";

	private Instant lastProgressRefresh = Instant.EPOCH;

	@Override
	public Integer call() throws InterruptedException {
		String address = (this.burn != null) ? this.burn : this.scheduler.burnAddress();
		int colon = address.lastIndexOf(':');
		String host;
		int port;
		try {
			host = (colon > 0) ? address.substring(0, colon) : address;
			port = (colon > 0) ? Integer.parseInt(address.substring(colon + 1)) : SchedulerOptions.DEFAULT_BURN_PORT;
		}
		catch (NumberFormatException ex) {
			throw new CliException(ExitCode.USAGE, "bad burn farm address '" + address + "': expected HOST:PORT");
		}
		Instant deadline = (this.timeout != null) ? Instant.now().plus(duration(this.timeout)) : null;
		if (this.queue != null) {
			this.target = BurnCommand.hashOf(this.queue);
			this.queuePending = true;
		}
		AdminClient admin = (this.scheduler.token() != null) ? this.scheduler.admin() : null;
		boolean screen = this.forceScreen || (this.scheduler.terminal().isTerminal() && !this.forceLines
				&& !this.scheduler.json());
		Output output = new Output(this.scheduler.terminal().out(), screen, this.scheduler.json(), address);
		Thread hook = new Thread(() -> {
			this.stopping = true;
			output.close();
		}, "burn-watch-stop");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			return watch(host, port, address, admin, output, deadline);
		}
		finally {
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException ex) {
				// shutting down (Ctrl-C): the hook runs
			}
			output.close();
		}
	}

	/**
	 * The control token this display authenticates with: {@code MEDIAFLEET_BURN_TOKEN} or the config file's
	 * {@code burn-token}, else one minted for a day with the admin token ({@code POST /api/admin/link/tokens}) on every
	 * connection, else none.
	 */
	private @Nullable String burnToken(@Nullable AdminClient admin) {
		String configured = this.scheduler.burnToken();
		if (configured != null || admin == null) {
			return configured;
		}
		Map<String, Object> request = Map.of("role", "control", "subject", "mediafleet burn watch", "ttl_seconds",
				86_400);
		String token = admin.post("link/tokens", request, null).path("token").asString("");
		return token.isEmpty() ? null : token;
	}

	private int watch(String host, int port, String address, @Nullable AdminClient admin, Output output,
			@Nullable Instant deadline) throws InterruptedException {
		boolean connectedBefore = false;
		int attempt = 0;
		while (!this.stopping) {
			BurnDisplayConnection farm;
			try {
				farm = BurnDisplayConnection.open(host, port, POLL, () -> burnToken(admin));
			}
			catch (IOException ex) {
				if (!connectedBefore) {
					throw new CliException(ExitCode.UNREACHABLE,
							"burn farm unreachable at " + address + ": " + AdminClient.describe(ex));
				}
				attempt++;
				this.connection = "connection lost, reconnecting to " + address + " (attempt " + attempt + ")";
				output.redraw();
				sleepUntilRetry(attempt, deadline);
				continue;
			}
			try (farm) {
				this.view.reset();
				this.connection = "connected to " + address;
				output.event(connectedBefore ? "reconnected" : "connected",
						(connectedBefore ? "reconnected to " : "connected to ") + address + " as DISPLAY",
						Map.of("address", address));
				connectedBefore = true;
				attempt = 0;
				Integer done = session(farm, admin, output, deadline);
				if (done != null) {
					return done;
				}
			}
			catch (IOException ex) {
				if (this.stopping) {
					break;
				}
				this.connection = "connection lost, reconnecting to " + address;
				output.event("disconnected", "lost the connection to " + address + " (" + AdminClient.describe(ex)
						+ "); reconnecting", Map.of("address", address, "reason", AdminClient.describe(ex)));
				sleepUntilRetry(++attempt, deadline);
			}
		}
		return ExitCode.OK.status();
	}

	/** Reads the farm's messages until the connection drops ({@link IOException}) or the watch ends (a status). */
	private @Nullable Integer session(BurnDisplayConnection farm, @Nullable AdminClient admin, Output output,
			@Nullable Instant deadline) throws IOException {
		while (!this.stopping) {
			checkDeadline(deadline);
			BurnMessage message = farm.next();
			if (message instanceof BurnMessage.StatusList list) {
				boolean snapshot = this.queuePending;
				for (BurnerStatus status : list.burners()) {
					BurnerState previous = this.view.apply(status);
					if (status.hash() != null && !this.view.knowsImage(status.hash())) {
						farm.whatIs(status.hash());
					}
					boolean changed = previous != status.state() || snapshot;
					if (changed || output.screen) {
						refreshFromRest(admin, changed);
					}
					FarmView.Burner burner = this.view.burner(status.uid());
					if (changed) {
						output.event("burner", "burner " + this.view.describe(burner), burnerJson(burner));
					}
					else {
						// a progress step: the line protocol pushes it as the same state, the screen shows the bar
						output.redraw();
					}
					if (reached(burner, previous) && !snapshot) {
						output.event("until", "burner " + burner.uid + " reached " + this.until,
								Map.of("uid", burner.uid, "state", String.valueOf(this.until)));
						return ExitCode.OK.status();
					}
				}
				if (this.queuePending) {
					queueTarget(admin, output);
				}
			}
			else if (message instanceof BurnMessage.QueueList list) {
				this.view.queue(list.entries());
				for (QueueEntry job : list.entries()) {
					if (!this.view.knowsImage(job.hash())) {
						farm.whatIs(job.hash());
					}
				}
				output.event("queue", this.view.describeQueue(), Map.of("jobs", list.entries().stream()
					.map((job) -> jobJson(job))
					.toList()));
			}
			else if (message instanceof BurnMessage.Info info) {
				this.view.fileName(info.hash(), info.fileName());
				output.redraw();
			}
			else if (message instanceof BurnMessage.ErrorReply error) {
				output.event("error", "farm error " + error.code() + ": " + error.text(),
						Map.of("code", error.code(), "text", error.text()));
			}
			else if (message == null && output.screen && this.view.isBusy()) {
				if (refreshFromRest(admin, false)) {
					output.redraw();
				}
			}
		}
		return ExitCode.OK.status();
	}

	private boolean reached(FarmView.Burner burner, @Nullable BurnerState previous) {
		if (this.until == null || burner.state != this.until || previous == this.until) {
			return false;
		}
		return this.target == null || this.target.equals(burner.hash);
	}

	private void queueTarget(@Nullable AdminClient admin, Output output) {
		this.queuePending = false;
		if (admin == null) {
			throw new CliException(ExitCode.REFUSED, "--queue needs the admin token: set MEDIAFLEET_TOKEN, 'token' in "
					+ "~/.config/mediafleet/cli.properties, or use --token-stdin");
		}
		Map<String, Object> job = BurnCommand.Queue.queue(admin, this.target, this.priority, 1);
		output.event("queued", "queued " + this.target + " as job " + job.get("job_id"), job);
	}

	/**
	 * Friendly names and progress from {@code GET /api/admin/burn/burners}; best effort, the display goes on without.
	 * @return whether anything was read
	 */
	private boolean refreshFromRest(@Nullable AdminClient admin, boolean always) {
		if (admin == null) {
			return false;
		}
		Instant now = Instant.now();
		if (!always && now.isBefore(this.lastProgressRefresh.plus(PROGRESS_REFRESH))) {
			return false;
		}
		this.lastProgressRefresh = now;
		try {
			if (this.view.needsImageNames()) {
				Map<String, JsonNode> images = BurnCommand.images(admin);
				if (images != null) {
					images.forEach((hash, image) -> {
						String file = BurnCommand.fileName(image);
						if (file != null) {
							this.view.fileName(hash, file);
						}
					});
				}
			}
			for (JsonNode info : admin.get("burn/burners", null)) {
				FarmView.Burner burner = this.view.burner(String.valueOf(Json.text(info, "uid")));
				if (burner != null) {
					burner.name = Json.text(info, "name");
					JsonNode percent = info.get("percent");
					if (percent != null && percent.isNumber()) {
						burner.percent = percent.asInt();
					}
				}
			}
			return true;
		}
		catch (CliException ex) {
			return false;
		}
	}

	private void checkDeadline(@Nullable Instant deadline) {
		if (deadline != null && Instant.now().isAfter(deadline)) {
			throw new CliException(ExitCode.FAILED, "gave up after " + this.timeout
					+ ((this.until != null) ? ": no burner reached " + this.until : ""));
		}
	}

	private void sleepUntilRetry(int attempt, @Nullable Instant deadline) throws InterruptedException {
		checkDeadline(deadline);
		long millis = Math.min(MAX_BACKOFF.toMillis(), 100L << Math.min(attempt, 5));
		Thread.sleep(millis);
	}

	private Map<String, Object> burnerJson(FarmView.Burner burner) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("uid", burner.uid);
		json.put("name", burner.name);
		json.put("state", burner.state.name());
		json.put("hash", burner.hash);
		json.put("file", this.view.fileName(burner.hash));
		json.put("percent", burner.percent);
		return json;
	}

	private Map<String, Object> jobJson(QueueEntry job) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("job_id", job.jobId());
		json.put("hash", job.hash());
		json.put("priority", job.priority());
		json.put("file", this.view.fileName(job.hash()));
		return json;
	}

	static Duration duration(String text) {
		String value = text.strip().toLowerCase(Locale.ROOT);
		try {
			if (value.startsWith("p")) {
				return Duration.parse(value.toUpperCase(Locale.ROOT));
			}
			if (value.endsWith("ms")) {
				return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
			}
			long amount = Long.parseLong(value.substring(0, value.length() - 1));
			return switch (value.charAt(value.length() - 1)) {
				case 's' -> Duration.ofSeconds(amount);
				case 'm' -> Duration.ofMinutes(amount);
				case 'h' -> Duration.ofHours(amount);
				default -> throw new NumberFormatException();
			};
		}
		catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException ex) {
			throw new CliException(ExitCode.USAGE, "--timeout needs a duration such as 90s, 5m or PT2M, not '" + text + "'");
		}
	}

	/** Where events go: a redrawn screen, one line per event, or one JSON object per line. */
	private final class Output {

		private static final String HOME = "\u001b[H";

		private static final String CLEAR_LINE = "\u001b[K";

		private static final String CLEAR_BELOW = "\u001b[J";

		private final PrintStream out;

		final boolean screen;

		private final boolean json;

		private final String address;

		private boolean closed;

		Output(PrintStream out, boolean screen, boolean json, String address) {
			this.out = out;
			this.screen = screen;
			this.json = json;
			this.address = address;
			if (screen) {
				out.print("\u001b[2J");
			}
		}

		synchronized void event(String type, String text, Map<String, ?> fields) {
			if (this.closed) {
				return;
			}
			BurnWatchCommand.this.lastEvent = LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + text;
			if (this.screen) {
				redraw();
			}
			else if (this.json) {
				Map<String, Object> event = new LinkedHashMap<>();
				event.put("event", type);
				event.putAll(fields);
				Json.printLine(this.out, event);
			}
			else {
				this.out.println(text);
				this.out.flush();
			}
		}

		synchronized void redraw() {
			if (!this.screen || this.closed) {
				return;
			}
			List<String> lines = BurnWatchCommand.this.view.screen(
					"Mediafleet burn farm  " + this.address + "  (Ctrl-C quits)", BurnWatchCommand.this.connection,
					BurnWatchCommand.this.lastEvent);
			StringBuilder frame = new StringBuilder(HOME);
			for (String line : lines) {
				frame.append(line).append(CLEAR_LINE).append("\r\n");
			}
			frame.append(CLEAR_BELOW);
			this.out.print(frame);
			this.out.flush();
		}

		synchronized void close() {
			if (!this.closed && this.screen) {
				this.out.println();
				this.out.flush();
			}
			this.closed = true;
		}

	}

}
