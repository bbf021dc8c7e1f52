package io.mediafleet.player.library;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.mediafleet.schema.tsp.CatalogueEntry;
import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.schema.tsp.TspFrame;
import io.mediafleet.tsppeer.FetchException;
import io.mediafleet.tsppeer.PeerFetcher;
import io.mediafleet.tsppeer.TrackerClient;
import io.mediafleet.tsppeer.TrackerException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Fetches a simul file the media directory lacks from a TSP peer that hosts it: finds the md5 on the tracker,
 * streams it from the hosts in turn ({@code tsp-peer}'s {@link PeerFetcher}, md5-verified, moved into place only
 * when complete) in the background, and tells how far it got. Used only when the operator allows it
 * ({@code mediafleet.player.fetch.enabled}).
 *
 * <h2>Parameters to control memory consumption</h2>
 * At most {@value #MAX_FETCHES} fetches are remembered (the oldest finished one is forgotten beyond); one runs at a
 * time per md5. Files are streamed to disk, never held in memory; the fetcher's {@code maxFileBytes} bounds them.
 */
public final class TspFileFetcher implements AutoCloseable {

	private static final Log log = LogFactory.getLog(TspFileFetcher.class);

	static final int MAX_FETCHES = 64;

	/** Where a fetch is. */
	public sealed interface Progress {

		/** Running: {@code bytes} of {@code totalBytes} (0 when the size is not known yet) written so far. */
		record Fetching(long bytes, long totalBytes) implements Progress {
		}

		/** Done: the file is in the media directory, md5-verified. */
		record Done(Path file) implements Progress {
		}

		/** Failed for {@code reason}; asked again, it is retried. */
		record Failed(String reason) implements Progress {
		}

	}

	private final TrackerClient tracker;

	private final PeerFetcher fetcher;

	private final Path directory;

	// md5 -> progress; guarded by this.
	private final Map<String, Progress> fetches = new LinkedHashMap<>();

	/** A fetcher asking the tracker at {@code tracker}, writing into {@code directory}. */
	public TspFileFetcher(PeerAddress tracker, Path directory, PeerFetcher.Settings settings) {
		this.tracker = TrackerClient.browsing(tracker);
		this.tracker.start();
		this.fetcher = new PeerFetcher(this.tracker, settings, Set.of());
		this.directory = directory.toAbsolutePath().normalize();
	}

	/**
	 * Starts fetching the file with {@code md5} as {@code fileName} (a plain name the library accepted) unless a
	 * fetch of it runs or is done, and says where it is.
	 */
	public synchronized Progress request(String md5, String fileName) {
		String key = md5.toLowerCase(Locale.ROOT);
		Progress progress = this.fetches.get(key);
		if (progress instanceof Progress.Fetching) {
			return progressOf(key, (Progress.Fetching) progress);
		}
		if (progress instanceof Progress.Done done && Files.isRegularFile(done.file())) {
			return done;
		}
		if (progress instanceof Progress.Failed failed && this.fetches.containsKey(key + ":reported")) {
			// Report a failure once before retrying, so that the master sees why.
			this.fetches.remove(key + ":reported");
			return failed;
		}
		Progress.Fetching started = new Progress.Fetching(0, 0);
		this.fetches.put(key, started);
		while (this.fetches.size() > MAX_FETCHES) {
			this.fetches.remove(this.fetches.keySet().iterator().next());
		}
		Thread.ofVirtual().name("tsp-fetch-" + key).start(() -> fetch(key, fileName));
		return started;
	}

	private void fetch(String md5, String fileName) {
		Progress outcome;
		try {
			CatalogueEntry entry = this.tracker.info(TspFrame.NO_SONG)
				.stream()
				.filter((each) -> md5.equals(each.song().md5()))
				.findFirst()
				.orElseThrow(() -> new FetchException("no TSP peer hosts md5 " + md5));
			Long size = entry.song().sizeBytes();
			synchronized (this) {
				this.fetches.put(md5, new Progress.Fetching(0, (size != null) ? size : 0));
			}
			PeerFetcher.Fetched fetched = this.fetcher.fetch(entry, this.directory.resolve(fileName));
			log.info("Fetched " + fileName + " (md5 " + md5 + ") from TSP peer " + fetched.host());
			outcome = new Progress.Done(fetched.file());
		}
		catch (FetchException | TrackerException | RuntimeException ex) {
			log.warn("Could not fetch " + fileName + " (md5 " + md5 + ") from a TSP peer: " + ex.getMessage());
			outcome = new Progress.Failed("fetch from a TSP peer failed: " + ex.getMessage());
		}
		synchronized (this) {
			this.fetches.put(md5, outcome);
			if (outcome instanceof Progress.Failed) {
				this.fetches.put(md5 + ":reported", outcome);
			}
		}
	}

	// PeerFetcher streams into ".tsp-fetch-*.part" next to the target: its size is the progress.
	private Progress.Fetching progressOf(String md5, Progress.Fetching known) {
		long written = 0;
		try (DirectoryStream<Path> parts = Files.newDirectoryStream(this.directory, ".tsp-fetch-*.part")) {
			for (Path part : parts) {
				written = Math.max(written, Files.size(part));
			}
		}
		catch (IOException ex) {
			// Not started writing yet, or just moved into place.
		}
		return new Progress.Fetching(written, known.totalBytes());
	}

	@Override
	public void close() {
		this.tracker.close();
	}

}
