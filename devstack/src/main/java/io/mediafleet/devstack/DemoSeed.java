package io.mediafleet.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The rest of the demo, beyond the radio: something for every part of the suite to act on at once.
 * <ul>
 * <li>the tracker: the streamer's TSP peer announces its library, which holds the demo tones, so they are shared
 * songs as soon as it connects; this only looks up the id {@code tsp play} needs;</li>
 * <li>the burn farm: a small ISO image (the demo media, made with {@code xorriso -as mkisofs} on first start) in the
 * burner's image directory, queued once, which the burner burns to its {@code stdio:} drive, a file;</li>
 * <li>simul: the demo tones in the player agent's media directory and, at every start, a simul of one of them asked
 * for, so {@code POST /api/admin/simul/start} plays it at once.</li>
 * </ul>
 * What is seeded once (the image, the queued burn) is remembered in the data directory, so a restart adds nothing.
 */
final class DemoSeed {

	/** The player agent's media directory, relative to its working directory. */
	static final String PLAYER_MEDIA = "media";

	/** The burner agent's drive: a plain file, so a {@code stdio:} target, relative to its working directory. */
	static final String BURNER_DRIVE = "drive.iso";

	/** The burner agent's image directory, relative to its working directory. */
	static final String BURNER_ISOS = "isos";

	/** The demo image's file name. */
	static final String ISO = "mediafleet-demo.iso";

	/** The file the demo simul plays, and the song whose tracker id {@code tsp play} is shown with. */
	static final String DEMO_FILE = "01-a440-sine.mp3";

	/** Written once the demo image has been queued, so a restart does not burn it again. */
	static final String BURN_QUEUED_MARKER = "demo-burn-queued";

	private static final Duration XORRISO_TIMEOUT = Duration.ofSeconds(60);

	/** The burner announces its images when it connects, which can be a little after its health is UP. */
	private static final Duration BURNER_WAIT = Duration.ofSeconds(30);

	/** A player advises itself every 5 s; the master must know it before a simul is asked for. */
	private static final Duration PLAYER_WAIT = Duration.ofSeconds(30);

	private static final Duration SONG_WAIT = Duration.ofSeconds(30);

	private static final Duration POLL = Duration.ofMillis(500);

	private final Path workRoot;

	private final Consumer<String> say;

	private @Nullable Image image;

	/**
	 * @param workRoot the stack's data (or temporary) directory, holding each service's working directory
	 * @param say where progress and problems are reported
	 */
	DemoSeed(Path workRoot, Consumer<String> say) {
		this.workRoot = workRoot;
		this.say = say;
	}

	/** A service's working directory. */
	Path workingDirectory(Service service) {
		return this.workRoot.resolve(service.module());
	}

	/** The burner's drive file; ejected discs go to the directory beside it named {@code drive.iso.ejected}. */
	Path drive() {
		return workingDirectory(Service.BURNER_AGENT).resolve(BURNER_DRIVE);
	}

	/** The demo image once {@link #prepare} made or found it. */
	@Nullable Image image() {
		return this.image;
	}

	/**
	 * Before the agents start: copies the demo media into the player's media directory and makes the demo image in
	 * the burner's image directory where it is missing. A problem is reported, and leaves that part out.
	 */
	void prepare(Path rootDirectory) {
		Path media = DemoRadio.mediaDirectory(rootDirectory);
		try {
			if (!DemoRadio.copyMedia(rootDirectory, workingDirectory(Service.PLAYER_AGENT).resolve(PLAYER_MEDIA))) {
				this.say.accept("No demo media in " + media + ": the player agent has nothing to play");
			}
		}
		catch (IOException ex) {
			this.say.accept("Could not copy the demo media for the player agent: " + ex.getMessage());
		}
		try {
			this.image = makeImage(media);
		}
		catch (IOException ex) {
			this.say.accept("No demo ISO: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Image makeImage(Path media) throws IOException, InterruptedException {
		Path burner = workingDirectory(Service.BURNER_AGENT);
		Path iso = burner.resolve(BURNER_ISOS).resolve(ISO);
		if (!Files.isRegularFile(iso)) {
			if (!Files.isDirectory(media)) {
				throw new IOException("no demo media in " + media + " to put on it");
			}
			Files.createDirectories(iso.getParent());
			Path part = burner.resolve(ISO + ".part");
			Path log = burner.resolve("xorriso-demo.log");
			Files.deleteIfExists(part);
			List<String> command = List.of("xorriso", "-as", "mkisofs", "-quiet", "-V", "MEDIAFLEET_DEMO", "-o",
					part.toString(), media.toString());
			Process process;
			try {
				process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			}
			catch (IOException ex) {
				throw new IOException("xorriso is not installed (Debian package xorriso); the burner needs it too", ex);
			}
			if (!process.waitFor(XORRISO_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException("xorriso took longer than " + XORRISO_TIMEOUT.toSeconds() + " s; see " + log);
			}
			if (process.exitValue() != 0 || !Files.isRegularFile(part)) {
				throw new IOException("xorriso failed with code " + process.exitValue() + "; see " + log);
			}
			// Whole or not at all: a half-written image must never be announced and burnt.
			Files.move(part, iso, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			this.say.accept("Made the demo ISO " + iso + " with xorriso");
		}
		return new Image(iso, md5(iso), Files.size(iso));
	}

	/**
	 * Once the services are healthy: queues the demo image once, asks for the demo simul and finds the demo song's
	 * tracker id. Each part that fails is reported and left out.
	 */
	Seeded seed(Ports ports, String adminToken) {
		LocalHttp admin = new LocalHttp(adminToken);
		int scheduler = ports.get(Port.SCHEDULER);
		boolean burn = Boolean.TRUE.equals(part("the burn", () -> queueImageOnce(admin, scheduler)));
		boolean simul = Boolean.TRUE.equals(part("the simul", () -> askForSimul(admin, scheduler)));
		Integer songId = part("the song", () -> songId(admin, ports.get(Port.TRACKER)));
		return new Seeded(this.image != null && burn, simul, songId);
	}

	/** Runs one part of the seed; a failure is reported and leaves only that part out. */
	private <T> @Nullable T part(String name, Step<T> step) {
		if (Thread.currentThread().isInterrupted()) {
			return null;
		}
		try {
			return step.run();
		}
		catch (IOException ex) {
			this.say.accept("Could not seed " + name + " of the demo: " + ex.getMessage());
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** One part of the seed, calling the services. */
	@FunctionalInterface
	private interface Step<T> {

		@Nullable T run() throws IOException, InterruptedException;

	}

	private boolean queueImageOnce(LocalHttp admin, int port) throws IOException, InterruptedException {
		Image demo = this.image;
		if (demo == null) {
			return false;
		}
		Path marker = this.workRoot.resolve(BURN_QUEUED_MARKER);
		if (Files.isRegularFile(marker)) {
			return true;
		}
		String body = "{\"hash\":\"" + demo.md5() + "\",\"priority\":5,\"copies\":1}";
		Instant deadline = Instant.now().plus(BURNER_WAIT);
		while (true) {
			LocalHttp.Response response = admin.send("POST", port, "/api/admin/burn/queue", body);
			if (response.ok()) {
				Files.writeString(marker, demo.md5() + "\n");
				this.say.accept("Queued the demo ISO " + demo.md5() + " for the burner: " + response.body());
				return true;
			}
			// 409: no burner has announced the image yet.
			if (response.status() != 409 || Instant.now().isAfter(deadline)) {
				this.say.accept("Could not queue the demo ISO: " + response.status() + " " + response.body());
				return false;
			}
			Thread.sleep(POLL.toMillis());
		}
	}

	private boolean askForSimul(LocalHttp admin, int port) throws IOException, InterruptedException {
		if (!awaitBody(admin, port, "/api/admin/simul/slaves", (body) -> body.contains("\"name\""), PLAYER_WAIT)) {
			this.say.accept("No player agent advised itself to the simul master within " + PLAYER_WAIT.toSeconds()
					+ " s: no demo simul");
			return false;
		}
		LocalHttp.Response asked = admin.send("POST", port, "/api/admin/simul/file",
				"{\"filename\":\"" + DEMO_FILE + "\"}");
		if (!asked.ok()) {
			this.say.accept("Could not ask for the demo simul: " + asked.status() + " " + asked.body());
			return false;
		}
		if (!awaitBody(admin, port, "/api/admin/simul", (body) -> body.contains("\"READY\""), PLAYER_WAIT)) {
			this.say.accept("The demo simul of " + DEMO_FILE + " is not READY; "
					+ "GET /api/admin/simul says why");
			return false;
		}
		return true;
	}

	private @Nullable Integer songId(LocalHttp tracker, int port) throws IOException, InterruptedException {
		Pattern song = Pattern.compile("\\{\"id\":(\\d+),[^{}]*\"fileName\":\"" + Pattern.quote(DEMO_FILE) + "\"");
		Instant deadline = Instant.now().plus(SONG_WAIT);
		while (true) {
			LocalHttp.Response response = tracker.send("GET", port, "/admin/tracker/songs", null);
			Matcher matcher = song.matcher(response.body());
			if (response.ok() && matcher.find()) {
				return Integer.valueOf(matcher.group(1));
			}
			if (Instant.now().isAfter(deadline)) {
				this.say.accept("The tracker does not list " + DEMO_FILE + " after " + SONG_WAIT.toSeconds()
						+ " s; has the streamer's peer connected?");
				return null;
			}
			Thread.sleep(POLL.toMillis());
		}
	}

	private static boolean awaitBody(LocalHttp http, int port, String path,
			Predicate<String> condition, Duration wait) throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(wait);
		while (true) {
			LocalHttp.Response response = http.send("GET", port, path, null);
			if (response.ok() && condition.test(response.body())) {
				return true;
			}
			if (Instant.now().isAfter(deadline)) {
				return false;
			}
			Thread.sleep(POLL.toMillis());
		}
	}

	static String md5(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest digest = MessageDigest.getInstance("MD5");
			byte[] buffer = new byte[64 * 1024];
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				digest.update(buffer, 0, read);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has MD5", ex);
		}
	}

	/**
	 * The demo image.
	 *
	 * @param path where the burner finds it
	 * @param md5 its md5, the burn queue's key
	 * @param size its length; a burnt disc holds it followed by xorriso's padding
	 */
	record Image(Path path, String md5, long size) {
	}

	/**
	 * What seeding achieved.
	 *
	 * @param burn whether the demo image is (or was, on an earlier start) queued
	 * @param simul whether the demo simul is READY to start
	 * @param songId the demo song's id on the tracker, or {@code null} when the tracker does not list it
	 */
	record Seeded(boolean burn, boolean simul, @Nullable Integer songId) {
	}

}
