package io.mediafleet.tsppeer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import io.mediafleet.schema.codec.CodecException;
import io.mediafleet.schema.tsp.CatalogueEntry;
import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.schema.tsp.PlayPayloadListener;
import io.mediafleet.schema.tsp.TspFrame;
import io.mediafleet.schema.tsp.TspType;

/**
 * Fetches a song from the peers hosting it: looks it up on the tracker by md5 or file name, asks each host in the
 * tracker's order with {@code PLAY}, streams the answer to a temporary file next to the target while computing its
 * md5, and moves it into place only when the size and md5 match the catalogue. A host that answers {@code ERROR},
 * sends a wrong file, goes silent or drops the connection mid-transfer is skipped for the next one.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@link Settings#maxFileBytes()}: largest file accepted (default 2 GiB - 1); larger announced payloads are
 * refused before anything is written.</li>
 * </ul>
 * {@code PLAY} payloads are streamed through {@link PlayPayloadListener}, never held in memory.
 */
public final class PeerFetcher {

	private static final int CONTROL_PAYLOAD_BYTES = 64 * 1024;

	private final TrackerClient tracker;

	private final Settings settings;

	private final Set<PeerAddress> self;

	/**
	 * Fetcher asking {@code tracker}; hosts in {@code self} (this peer's own address) are never asked.
	 */
	public PeerFetcher(TrackerClient tracker, Settings settings, Set<PeerAddress> self) {
		this.tracker = Objects.requireNonNull(tracker, "tracker");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.self = Set.copyOf(self);
	}

	/**
	 * Finds the song with this md5 (any case) on the tracker and fetches it to {@code target}.
	 * @throws FetchException if no song has this md5 or no host delivered it
	 */
	public Fetched fetchByMd5(String md5, Path target) throws FetchException {
		String wanted = md5.toLowerCase(Locale.ROOT);
		return fetch(find((entry) -> wanted.equals(entry.song().md5()), "md5 " + wanted), target);
	}

	/**
	 * Finds a song with this file name on the tracker and fetches it to {@code target}.
	 * @throws FetchException if no song has this file name or no host delivered it
	 */
	public Fetched fetchByFileName(String fileName, Path target) throws FetchException {
		return fetch(find((entry) -> fileName.equals(entry.song().fileName()), "file name " + fileName), target);
	}

	/**
	 * Fetches the song with this tracker id to {@code target}.
	 * @throws FetchException if the tracker does not know the id or no host delivered it
	 */
	public Fetched fetchById(int songId, Path target) throws FetchException {
		return fetch(find((entry) -> entry.songId() == songId, "id " + songId), target);
	}

	/**
	 * Streams the song with this tracker id to {@code out} as it arrives (for a player). A host failing before
	 * its first byte reached {@code out} is replaced by the next; once bytes were written, a failure ends the
	 * stream because what was written cannot be taken back. The md5 is not checked here. {@code stop} ends the
	 * transfer from another thread (then a {@link FetchException} says it was stopped).
	 * @return the host that delivered the song
	 * @throws FetchException if the tracker does not know the id or no host delivered it
	 */
	public PeerAddress stream(int songId, OutputStream out, StopSwitch stop) throws FetchException {
		CatalogueEntry entry = find((candidate) -> candidate.songId() == songId, "id " + songId);
		List<String> failures = new ArrayList<>();
		for (PeerAddress host : hosts(entry)) {
			CountingOutput counting = new CountingOutput(out);
			try {
				transfer(host, entry, counting, stop);
				return host;
			}
			catch (HostFailure ex) {
				if (stop.isStopped()) {
					throw new FetchException("song " + songId + " stopped after " + counting.written + " bytes");
				}
				failures.add(host + ": " + ex.getMessage());
				if (counting.written > 0) {
					break;
				}
			}
		}
		throw new FetchException("song " + songId + " could not be streamed: " + describe(failures));
	}

	/** Fetches a catalogue entry to {@code target}, trying each host in turn. */
	public Fetched fetch(CatalogueEntry entry, Path target) throws FetchException {
		List<String> failures = new ArrayList<>();
		Path directory = target.toAbsolutePath().getParent();
		for (PeerAddress host : hosts(entry)) {
			Path temporary = null;
			try {
				temporary = Files.createTempFile(directory, ".tsp-fetch-", ".part");
				String md5;
				try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.WRITE,
						StandardOpenOption.TRUNCATE_EXISTING)) {
					md5 = transfer(host, entry, new FileOutput(file), new StopSwitch());
				}
				if (entry.song().md5() != null && !entry.song().md5().equals(md5)) {
					throw new HostFailure("sent a file with md5 " + md5 + " instead of " + entry.song().md5());
				}
				Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
				return new Fetched(target, entry, host, md5, List.copyOf(failures));
			}
			catch (HostFailure ex) {
				failures.add(host + ": " + ex.getMessage());
			}
			catch (IOException ex) {
				throw new FetchException("cannot write " + target + ": " + ex.getMessage(), ex);
			}
			finally {
				if (temporary != null) {
					try {
						Files.deleteIfExists(temporary);
					}
					catch (IOException ex) {
						// a stray .part file is harmless
					}
				}
			}
		}
		throw new FetchException("song " + entry.songId() + " (" + entry.song().fileName() + ") could not be fetched: "
				+ describe(failures));
	}

	private List<PeerAddress> hosts(CatalogueEntry entry) throws FetchException {
		List<PeerAddress> hosts = entry.hosts().stream().filter((host) -> !this.self.contains(host)).toList();
		if (hosts.isEmpty()) {
			throw new FetchException("song " + entry.songId() + " (" + entry.song().fileName()
					+ ") has no host other than this peer");
		}
		return hosts;
	}

	private CatalogueEntry find(Predicate<CatalogueEntry> wanted, String what) throws FetchException {
		List<CatalogueEntry> catalogue;
		try {
			catalogue = this.tracker.info(TspFrame.NO_SONG);
		}
		catch (TrackerException ex) {
			throw new FetchException("cannot ask the tracker for " + what + ": " + ex.getMessage(), ex);
		}
		Optional<CatalogueEntry> entry = catalogue.stream().filter(wanted).findFirst();
		return entry.orElseThrow(() -> new FetchException("the tracker knows no song with " + what));
	}

	/** Transfers the song from one host into {@code out}; returns the md5 of what arrived. */
	private String transfer(PeerAddress host, CatalogueEntry entry, Sink out, StopSwitch stop) throws HostFailure {
		Receiver receiver = new Receiver(entry.songId(), out, this.settings.maxFileBytes());
		try (FrameSocket socket = FrameSocket.connect(host, this.settings.connectTimeout(), this.settings.readTimeout(),
				CONTROL_PAYLOAD_BYTES, receiver)) {
			if (!stop.attach(socket, entry.songId())) {
				throw new HostFailure("stopped");
			}
			try {
				socket.send(TspFrame.of(TspType.PLAY, entry.songId()));
				while (!receiver.ended) {
					TspFrame frame = socket.poll();
					if (frame != null) {
						if (frame.type() == TspType.ERROR) {
							throw new HostFailure("answered ERROR: " + text(frame));
						}
						throw new HostFailure("answered " + frame.type() + " instead of PLAY");
					}
					if (!socket.readSome()) {
						throw new HostFailure((receiver.started ? "closed the connection after " + receiver.received
								+ " of " + receiver.length + " bytes" : "closed the connection without answering"));
					}
				}
			}
			finally {
				stop.detach(socket);
			}
		}
		catch (IOException ex) {
			throw new HostFailure((receiver.started ? "failed after " + receiver.received + " bytes: " : "")
					+ ex.getMessage());
		}
		catch (UncheckedIOException ex) {
			throw new HostFailure("writing failed: " + ex.getCause().getMessage());
		}
		catch (CodecException ex) {
			throw new HostFailure("broke the framing: " + ex.getMessage());
		}
		catch (IllegalStateException ex) {
			throw new HostFailure(ex.getMessage());
		}
		Long size = entry.song().sizeBytes();
		if (size != null && size != receiver.received) {
			throw new HostFailure("sent " + receiver.received + " bytes instead of " + size);
		}
		return HexFormat.of().formatHex(receiver.md5.digest());
	}

	private static String text(TspFrame frame) {
		try {
			return frame.payloadText();
		}
		catch (CodecException ex) {
			return "(not UTF-8)";
		}
	}

	private static String describe(List<String> failures) {
		return failures.isEmpty() ? "no host tried" : String.join("; ", failures);
	}

	/** Where received payload bytes go. */
	private interface Sink {

		void write(ByteBuffer chunk) throws IOException;

	}

	private record FileOutput(FileChannel file) implements Sink {

		@Override
		public void write(ByteBuffer chunk) throws IOException {
			while (chunk.hasRemaining()) {
				this.file.write(chunk);
			}
		}

	}

	private static final class CountingOutput implements Sink {

		private final OutputStream out;

		private final byte[] buffer = new byte[64 * 1024];

		private long written;

		CountingOutput(OutputStream out) {
			this.out = out;
		}

		@Override
		public void write(ByteBuffer chunk) throws IOException {
			while (chunk.hasRemaining()) {
				int n = Math.min(chunk.remaining(), this.buffer.length);
				chunk.get(this.buffer, 0, n);
				this.out.write(this.buffer, 0, n);
				this.written += n;
			}
			this.out.flush();
		}

	}

	/** Receives the {@code PLAY} payload of the one song asked for. */
	private static final class Receiver implements PlayPayloadListener {

		private final int songId;

		private final Sink out;

		private final long maxBytes;

		private final MessageDigest md5 = SongFolder.newMd5();

		private boolean started;

		private boolean ended;

		private long length;

		private long received;

		Receiver(int songId, Sink out, long maxBytes) {
			this.songId = songId;
			this.out = out;
			this.maxBytes = maxBytes;
		}

		@Override
		public void payloadStarted(int songId, int length) {
			if (songId != this.songId || this.started) {
				throw new IllegalStateException("answered PLAY for song " + songId + " instead of " + this.songId);
			}
			if (length > this.maxBytes) {
				throw new IllegalStateException("announced " + length + " bytes, more than " + this.maxBytes
						+ " (maxFileBytes)");
			}
			this.started = true;
			this.length = length;
		}

		@Override
		public void payloadChunk(int songId, ByteBuffer chunk) {
			this.md5.update(chunk.duplicate());
			this.received += chunk.remaining();
			try {
				this.out.write(chunk);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public void payloadEnded(int songId) {
			this.ended = true;
		}

	}

	/** One host failed; the next is tried. */
	private static final class HostFailure extends Exception {

		private static final long serialVersionUID = 1L;

		HostFailure(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * A fetched song.
	 *
	 * @param file where it is now
	 * @param entry its catalogue entry
	 * @param host the peer that delivered it
	 * @param md5 md5 of the file as received
	 * @param failedHosts hosts tried before, each with what went wrong
	 */
	public record Fetched(Path file, CatalogueEntry entry, PeerAddress host, String md5, List<String> failedHosts) {

	}

	/**
	 * Timeouts and limits of a fetch.
	 *
	 * @param connectTimeout longest wait for a host's TCP connection
	 * @param readTimeout longest silence of a host before it counts as failed
	 * @param maxFileBytes largest file accepted
	 */
	public record Settings(Duration connectTimeout, Duration readTimeout, long maxFileBytes) {

		/** 5 s connect, 30 s silence, 2 GiB - 1. */
		public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(5), Duration.ofSeconds(30),
				Integer.MAX_VALUE);

		public Settings {
			if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
					|| readTimeout.isZero()) {
				throw new IllegalArgumentException("timeouts must be positive");
			}
			if (maxFileBytes < 1) {
				throw new IllegalArgumentException("maxFileBytes must be positive but was " + maxFileBytes);
			}
		}

	}

}
