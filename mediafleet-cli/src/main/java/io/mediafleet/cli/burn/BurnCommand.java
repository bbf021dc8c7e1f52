package io.mediafleet.cli.burn;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.mediafleet.cli.AdminClient;
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
 * {@code mediafleet burn ...}: the burn farm's queue and burners, through the scheduler's REST admin API, and
 * {@code burn watch}, a live display over the burn protocol.
 */
@Command(name = "burn", mixinStandardHelpOptions = true,
		description = "The burn farm: queue images, name and open burners, watch them burn.",
		subcommands = { BurnWatchCommand.class, BurnCommand.Queue.class, BurnCommand.Clear.class,
				BurnCommand.Name.class, BurnCommand.Open.class, BurnCommand.List.class, BurnCommand.History.class })
public final class BurnCommand {

	/** The md5 of an image as the burners compute it: of the whole file, lower-case hex. */
	static String md5(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest md5 = MessageDigest.getInstance("MD5");
			byte[] buffer = new byte[1 << 16];
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				md5.update(buffer, 0, read);
			}
			return HexFormat.of().formatHex(md5.digest());
		}
		catch (IOException ex) {
			throw new CliException(ExitCode.NOT_FOUND, "cannot read the ISO file " + file + ": " + ex.getMessage());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A hash as given, or the md5 of an existing file; anything else is an unknown image. */
	static String hashOf(String image) {
		if (image.matches("[0-9a-fA-F]{32}")) {
			return image.toLowerCase();
		}
		Path file = Path.of(image);
		if (!Files.isRegularFile(file)) {
			throw new CliException(ExitCode.NOT_FOUND,
					"unknown image '" + image + "': neither an md5 hash (32 hex digits) nor an ISO file");
		}
		return md5(file);
	}

	/**
	 * The images the farm knows ({@code GET /api/admin/burn/images}) by hash, or {@code null} when this scheduler
	 * does not list them.
	 */
	static @Nullable Map<String, JsonNode> images(AdminClient admin) {
		JsonNode images;
		try {
			images = admin.get("burn/images", new CliException(ExitCode.NOT_FOUND, "no image list"));
		}
		catch (CliException ex) {
			if (ex.exitCode() == ExitCode.NOT_FOUND) {
				return null;
			}
			throw ex;
		}
		Map<String, JsonNode> byHash = new LinkedHashMap<>();
		for (JsonNode image : images) {
			String hash = Json.text(image, "hash");
			if (hash != null) {
				byHash.put(hash, image);
			}
		}
		return byHash;
	}

	static @Nullable String fileName(@Nullable JsonNode image) {
		if (image == null) {
			return null;
		}
		String name = Json.text(image, "fileName");
		return (name != null) ? name : Json.text(image, "file_name");
	}

	@Command(name = "queue", mixinStandardHelpOptions = true,
			description = "Queue an image (its md5, or an ISO file whose md5 is computed) for burning.")
	static final class Queue implements Callable<Integer> {

		@Mixin
		private SchedulerOptions scheduler;

		@Parameters(paramLabel = "HASH|ISO", description = "The image: an md5 hash or an ISO file.")
		private String image;

		@Option(names = "--priority", paramLabel = "N", defaultValue = "10",
				description = "Lower burns first (default ${DEFAULT-VALUE}).")
		private int priority;

		@Option(names = "--copies", paramLabel = "N", defaultValue = "1", description = "Discs wanted (default ${DEFAULT-VALUE}).")
		private int copies;

		@Override
		public Integer call() {
			AdminClient admin = this.scheduler.admin();
			Map<String, Object> job = queue(admin, hashOf(this.image), this.priority, this.copies);
			PrintStream out = this.scheduler.terminal().out();
			if (this.scheduler.json()) {
				Json.print(out, job);
			}
			else {
				out.println("queued " + job.get("hash") + " as job " + job.get("job_id") + " (priority " + this.priority
						+ ", " + this.copies + ((this.copies == 1) ? " copy)" : " copies)"));
			}
			return 0;
		}

		/** Queues a known image; an image no burner ever announced is an unknown image. */
		static Map<String, Object> queue(AdminClient admin, String hash, int priority, int copies) {
			Map<String, JsonNode> images = images(admin);
			if (images != null && !images.containsKey(hash)) {
				throw new CliException(ExitCode.NOT_FOUND, "unknown image '" + hash + "' (no burner holds it)");
			}
			JsonNode answer = admin.post("burn/queue", Map.of("hash", hash, "priority", priority, "copies", copies),
					null);
			Map<String, Object> job = new LinkedHashMap<>();
			job.put("job_id", answer.path("job_id").asLong());
			job.put("hash", hash);
			job.put("priority", priority);
			job.put("copies", copies);
			return job;
		}

	}

	@Command(name = "clear", mixinStandardHelpOptions = true, description = "Remove every open job from the queue.")
	static final class Clear implements Callable<Integer> {

		@Mixin
		private SchedulerOptions scheduler;

		@Override
		public Integer call() {
			JsonNode removed = this.scheduler.admin().delete("burn/queue");
			if (this.scheduler.json()) {
				Json.print(this.scheduler.terminal().out(), removed);
			}
			else {
				this.scheduler.terminal().out().println("removed " + removed.path("removed").asInt() + " jobs");
			}
			return 0;
		}

	}

	@Command(name = "name", mixinStandardHelpOptions = true,
			description = "Give a burner a friendly name (an empty name clears it).")
	static final class Name implements Callable<Integer> {

		@Mixin
		private SchedulerOptions scheduler;

		@Parameters(index = "0", paramLabel = "UID", description = "The burner's UID (32 hex digits).")
		private String uid;

		@Parameters(index = "1", paramLabel = "NAME", description = "Its friendly name, e.g. 'Rack 2, top'.")
		private String name;

		@Override
		public Integer call() {
			JsonNode named = this.scheduler.admin().put("burn/burners/" + this.uid + "/name", Map.of("name", this.name),
					CliException.notFound("burner", this.uid));
			if (this.scheduler.json()) {
				Json.print(this.scheduler.terminal().out(), named);
			}
			else {
				this.scheduler.terminal().out().println("burner " + Json.text(named, "uid") + " is now '" + this.name + "'");
			}
			return 0;
		}

	}

	@Command(name = "open", mixinStandardHelpOptions = true, description = "Open a burner's tray (eject).")
	static final class Open implements Callable<Integer> {

		@Mixin
		private SchedulerOptions scheduler;

		@Parameters(paramLabel = "UID", description = "The burner's UID (32 hex digits).")
		private String uid;

		@Override
		public Integer call() {
			JsonNode opened = this.scheduler.admin().post("burn/burners/" + this.uid + "/open", null,
					CliException.notFound("burner", this.uid));
			if (this.scheduler.json()) {
				Json.print(this.scheduler.terminal().out(), opened);
			}
			else {
				this.scheduler.terminal().out().println("opened the tray of burner " + this.uid);
			}
			return 0;
		}

	}

	@Command(name = "list", mixinStandardHelpOptions = true, description = "The queue in burn order and every burner.")
	static final class List implements Callable<Integer> {

		@Mixin
		private SchedulerOptions scheduler;

		@Override
		public Integer call() {
			AdminClient admin = this.scheduler.admin();
			JsonNode queue = admin.get("burn/queue", null);
			JsonNode burners = admin.get("burn/burners", null);
			PrintStream out = this.scheduler.terminal().out();
			if (this.scheduler.json()) {
				Json.print(out, Map.of("queue", queue, "burners", burners));
				return 0;
			}
			Map<String, JsonNode> images = images(admin);
			Map<String, JsonNode> known = (images != null) ? images : Map.of();
			out.println("Queue (burn order):");
			Table jobs = Table.of("JOB", "HASH", "IMAGE", "PRIORITY", "COPIES", "PASSED", "BURNERS");
			for (JsonNode job : queue) {
				String hash = Json.text(job, "hash");
				jobs.row(Json.text(job, "job_id"), hash, fileName(known.get(hash)), Json.text(job, "priority"),
						Json.text(job, "copies"), Json.text(job, "passed"),
						String.join(",", job.path("burners").valueStream().map(JsonNode::asString).toList()));
			}
			print(out, jobs, "  (empty)");
			out.println("Burners:");
			Table table = Table.of("UID", "NAME", "STATE", "PERCENT", "IMAGE", "TRANSPORT");
			for (JsonNode burner : burners) {
				String hash = Json.text(burner, "hash");
				table.row(Json.text(burner, "uid"), Json.text(burner, "name"), Json.text(burner, "state"),
						Json.text(burner, "percent"), (hash != null) ? hash + " " + orEmpty(fileName(known.get(hash))) : null,
						Json.text(burner, "transport"));
			}
			print(out, table, "  (none connected yet)");
			return 0;
		}

		private static String orEmpty(@Nullable String text) {
			return (text != null) ? text : "";
		}

		private static void print(PrintStream out, Table table, String empty) {
			if (table.isEmpty()) {
				out.println(empty);
			}
			else {
				table.lines().forEach((line) -> out.println("  " + line));
			}
		}

	}

	@Command(name = "history", mixinStandardHelpOptions = true, description = "What happened to an open job.")
	static final class History implements Callable<Integer> {

		@Mixin
		private SchedulerOptions scheduler;

		@Parameters(paramLabel = "JOB", description = "The job id ('burn list' shows them).")
		private long job;

		@Override
		public Integer call() {
			JsonNode history = this.scheduler.admin().get("burn/queue/" + this.job + "/history",
					new CliException(ExitCode.NOT_FOUND, "unknown job '" + this.job + "' (no open job has this id)"));
			PrintStream out = this.scheduler.terminal().out();
			if (this.scheduler.json()) {
				Json.print(out, history);
				return 0;
			}
			Table table = Table.of("AT", "EVENT", "BURNER", "DETAIL");
			for (JsonNode entry : history) {
				table.row(Json.text(entry, "at"), Json.text(entry, "event"), Json.text(entry, "burner"),
						Json.text(entry, "detail"));
			}
			table.print(out);
			return 0;
		}

	}

}
