package io.mediafleet.burner.burn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Burns one image at a time with xorriso ({@code -as cdrecord}, progress parsed from its {@code -pkt_output} lines),
 * then verifies by reading back exactly the image's length and comparing md5s.
 *
 * <p>A drive given as a plain path is a file-backed {@code stdio:} drive: ejecting it moves the written "disc" to
 * {@code <drive>.ejected/} and a blank one is in the tray at once. Device files ({@code /dev/...}) are used as they
 * are.
 */
public final class BurnEngine implements AutoCloseable {

	private static final Log log = LogFactory.getLog(BurnEngine.class);

	/** xorriso's progress line, e.g. {@code xorriso : UPDATE :   87 of  191 MB written (fifo 99%)}. */
	static final Pattern PROGRESS = Pattern.compile("(\\d+)\\s+of\\s+(\\d+)\\s+MB written");

	/**
	 * What the engine needs to know.
	 *
	 * @param xorriso the xorriso executable
	 * @param drive device file or file path of a {@code stdio:} drive
	 * @param capacityBytes how much the medium holds; larger images are refused before burning
	 * @param fifoBytes xorriso's fifo ({@code fs=}); larger is faster on fast targets
	 */
	public record Settings(String xorriso, Path drive, long capacityBytes, long fifoBytes) {
	}

	private final Settings settings;

	private final IsoLibrary library;

	private final AtomicInteger ejected = new AtomicInteger();

	private volatile @Nullable Process process;

	private volatile @Nullable String burning;

	private volatile @Nullable Thread worker;

	private volatile boolean closed;

	private volatile boolean reporting;

	public BurnEngine(Settings settings, IsoLibrary library) {
		this.settings = settings;
		this.library = library;
	}

	/** Whether the drive is a file-backed {@code stdio:} drive. */
	public boolean isStdioDrive() {
		return !this.settings.drive().toString().startsWith("/dev/");
	}

	/** The image being burnt or verified, or {@code null} when idle. */
	public @Nullable String burning() {
		return this.burning;
	}

	/** Whether an idle status report may be sent now: nothing is burning and no verdict is on its way. */
	public boolean mayReportIdle() {
		return this.burning == null && !this.reporting;
	}

	/** The idle drive state to report: a file-backed drive always holds a blank. */
	public String driveState() {
		return "AVAIL";
	}

	/**
	 * Starts burning {@code hash} on a worker thread; reports go to whatever {@code reporter} returns at the time of
	 * each report (so a reconnected transport gets them). Returns an error code ({@code NOISO}, {@code BUSY},
	 * {@code TOOSMALL}) instead of starting, or {@code null} when started.
	 */
	public synchronized @Nullable String burn(String hash, Supplier<BurnReporter> reporter) {
		if (this.burning != null) {
			return "BUSY";
		}
		IsoLibrary.Image image = this.library.find(hash);
		if (image == null) {
			return "NOISO";
		}
		if (image.sizeBytes() > this.settings.capacityBytes()) {
			return "TOOSMALL";
		}
		this.burning = hash;
		Thread thread = Thread.ofVirtual().name("burn-" + hash.substring(0, 8)).unstarted(() -> run(image, reporter));
		this.worker = thread;
		thread.start();
		return null;
	}

	/** Human text for an error code returned by {@link #burn}. */
	public String describe(String code, String hash) {
		return switch (code) {
			case "NOISO" -> "image " + hash + " is not on this burner";
			case "BUSY" -> "already burning " + this.burning;
			case "TOOSMALL" -> "image " + hash + " is larger than the medium (" + this.settings.capacityBytes()
					+ " bytes)";
			default -> code;
		};
	}

	private void run(IsoLibrary.Image image, Supplier<BurnReporter> reporter) {
		String hash = image.hash();
		Path target = this.settings.drive();
		try {
			discard(target);
			reporter.get().progress(hash, 0);
			long started = System.nanoTime();
			String failure = write(image, reporter);
			if (failure != null) {
				discard(target);
				idle();
				reporter.get().error("BURNFAIL", failure);
				reporter.get().idle(driveState());
				return;
			}
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			reporter.get().completed(hash, took);
			boolean passed;
			try {
				passed = IsoLibrary.md5(target, image.sizeBytes()).equals(hash);
			}
			catch (IOException ex) {
				log.info("Verification of " + hash + " could not read the medium: " + ex.getMessage());
				passed = false;
			}
			if (this.closed) {
				return;
			}
			log.info("Burnt " + image.fileName() + " in " + took.toMillis() + " ms: " + (passed ? "PASS" : "FAIL"));
			this.lastVerdict = passed ? "PASS" : "FAIL";
			// Idle before the verdict goes out (the master answers it with an eject or the next burn at once), but
			// no idle report may overtake the verdict.
			this.reporting = true;
			try {
				idle();
				reporter.get().verified(hash, passed);
			}
			finally {
				this.reporting = false;
			}
		}
		catch (IOException | RuntimeException ex) {
			if (!this.closed) {
				log.warn("Burning " + hash + " failed", ex);
				idle();
				reporter.get().error("BURNFAIL", String.valueOf(ex.getMessage()));
				reporter.get().idle(driveState());
			}
		}
		finally {
			this.process = null;
			idle();
		}
	}

	private synchronized void idle() {
		this.burning = null;
		this.worker = null;
	}

	private volatile String lastVerdict = "PASS";

	private @Nullable String write(IsoLibrary.Image image, Supplier<BurnReporter> reporter) throws IOException {
		List<String> command = new ArrayList<>(List.of(this.settings.xorriso(), "-pkt_output", "on", "-as", "cdrecord",
				"-v", "dev=" + (isStdioDrive() ? "stdio:" : "") + this.settings.drive(),
				"fs=" + this.settings.fifoBytes(), image.path().toString()));
		Process started;
		try {
			started = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			return "cannot run " + this.settings.xorriso() + ": " + ex.getMessage();
		}
		this.process = started;
		if (this.closed) {
			started.destroyForcibly();
		}
		int reported = 0;
		List<String> tail = new ArrayList<>();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = out.readLine()) != null) {
				if (tail.size() >= 5) {
					tail.remove(0);
				}
				tail.add(line);
				Matcher progress = PROGRESS.matcher(line);
				if (progress.find()) {
					long done = Long.parseLong(progress.group(1));
					long total = Math.max(1, Long.parseLong(progress.group(2)));
					int percent = (int) Math.min(99, done * 100 / total);
					// Every quarter is reported, even when xorriso's coarse updates jump over one.
					while (reported + 25 <= percent) {
						reported += 25;
						reporter.get().progress(image.hash(), reported);
					}
				}
			}
		}
		try {
			if (!started.waitFor(1, TimeUnit.MINUTES)) {
				started.destroyForcibly();
				return "xorriso did not exit";
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			started.destroyForcibly();
			return "interrupted";
		}
		if (started.exitValue() != 0) {
			return "xorriso exited with " + started.exitValue() + ": " + String.join(" | ", tail);
		}
		for (int step = reported + 25; step < 100; step += 25) {
			reporter.get().progress(image.hash(), step);
		}
		return null;
	}

	/** Opens the tray: a stdio drive's disc is moved aside and a blank is in at once. */
	public void eject(BurnReporter reporter) {
		if (this.burning != null) {
			return;
		}
		Path target = this.settings.drive();
		if (isStdioDrive() && Files.isRegularFile(target)) {
			try {
				Path tray = target.resolveSibling(target.getFileName() + ".ejected");
				Files.createDirectories(tray);
				Files.move(target, tray.resolve(String.format("%04d-%s.iso", this.ejected.incrementAndGet(),
						this.lastVerdict)), StandardCopyOption.REPLACE_EXISTING);
			}
			catch (IOException ex) {
				log.warn("Cannot move the ejected disc " + target + ": " + ex.getMessage());
			}
		}
		reporter.idle("OPEN");
		reporter.idle(driveState());
	}

	private void discard(Path target) {
		if (isStdioDrive() && Files.isRegularFile(target)) {
			try {
				Files.delete(target);
			}
			catch (IOException ex) {
				log.debug("Cannot remove " + target + ": " + ex.getMessage());
			}
		}
	}

	/** Kills a burn in progress (the agent is going away). */
	@Override
	public void close() {
		this.closed = true;
		Process running = this.process;
		if (running != null) {
			running.destroyForcibly();
		}
	}

}
