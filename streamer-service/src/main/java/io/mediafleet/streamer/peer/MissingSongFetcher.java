package io.mediafleet.streamer.peer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.tsppeer.FetchException;
import io.mediafleet.tsppeer.LocalSong;
import io.mediafleet.tsppeer.PeerFetcher;
import io.mediafleet.tsppeer.TrackerClient;

/**
 * Brings a song the scheduler asked for into the library when it is not there: finds it on the tracker by md5 (or
 * by file name), fetches it from a hosting peer with md5 verification, and announces the grown library.
 */
public final class MissingSongFetcher {

	private final StreamerPeer peer;

	private final PeerFetcher.Settings settings;

	MissingSongFetcher(StreamerPeer peer, PeerFetcher.Settings settings) {
		this.peer = peer;
		this.settings = settings;
	}

	/**
	 * The library file for {@code fileName}, fetched from a peer first if the library lacks it.
	 * @param fileName a plain file name in the library (no directories)
	 * @param md5 the song's md5 when known; then the fetch looks the song up by it and a local file of that name
	 * with another md5 does not count
	 * @throws FetchException if the song is not in the library and no peer delivered it
	 * @throws IllegalArgumentException if {@code fileName} is not a plain file name
	 */
	public Path fetch(String fileName, @Nullable String md5) throws FetchException {
		TrackerClient client = this.peer.trackerClient();
		if (client == null) {
			throw new FetchException("the TSP peer is not running (mediafleet.streamer.peer.enabled)");
		}
		Path library = this.peer.folder().directory();
		Path target = library.resolve(plainName(fileName)).normalize();
		Optional<LocalSong> local = (md5 != null) ? this.peer.folder().byMd5(md5)
				: this.peer.folder().byFileName(fileName);
		if (local.isPresent()) {
			return local.get().path();
		}
		if (md5 == null && Files.isRegularFile(target)) {
			return target;
		}
		PeerAddress self = this.peer.address();
		PeerFetcher fetcher = new PeerFetcher(client, this.settings, (self != null) ? Set.of(self) : Set.of());
		PeerFetcher.Fetched fetched = (md5 != null) ? fetcher.fetchByMd5(md5.toLowerCase(Locale.ROOT), target)
				: fetcher.fetchByFileName(fileName, target);
		this.peer.rescan();
		return fetched.file();
	}

	private static String plainName(String fileName) {
		if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\") || fileName.equals(".")
				|| fileName.equals("..") || fileName.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("'" + fileName + "' is not a plain file name");
		}
		return fileName;
	}

}
