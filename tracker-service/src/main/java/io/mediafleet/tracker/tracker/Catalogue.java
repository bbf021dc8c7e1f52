package io.mediafleet.tracker.tracker;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;

import io.mediafleet.schema.codec.Limits;
import io.mediafleet.schema.tsp.CatalogueEntry;
import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.schema.tsp.SongLine;
import io.mediafleet.schema.tsp.SongLines;
import io.mediafleet.schema.tsp.TspEncoder;
import io.mediafleet.schema.tsp.TspType;

/**
 * The tracker's catalogue: every song hosted by a connected peer, keyed by md5 (songs announced without md5 by
 * title, artist and file name), each with a stable id and the peers hosting it.
 *
 * <p>Ids start at 1 and are never reused, so an id means the same song for as long as any peer hosts it (and
 * {@code INFO 0} can mean "all songs" as the seed's peers asked). A song disappears with its last host. Answers are
 * pre-encoded and cached until the next change that touches them: each song's complete {@code INFO} frame (header and
 * line, read without taking the lock) and the whole catalogue's payload in one direct buffer that {@code LIST},
 * {@code INFO -1} and every broadcast share, so answering costs a lookup and a copy (or none) but no formatting.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxSongs}: most distinct songs; an {@code INIT} that would exceed it is refused as a whole.</li>
 * </ul>
 * Songs per peer are bounded by the {@code INIT} payload limits ({@code maxLines}). The caches hold one encoded
 * frame per song (shared with the per-id index, so no second copy) and one encoded catalogue; the changes awaiting
 * the next broadcast hold at most one entry per song changed since the last {@link #broadcastSnapshot}.
 *
 * <p>Thread-safe (one lock for changes; {@link #infoFrame} hits read a concurrent map without it).
 */
public final class Catalogue {

	private final int maxSongs;

	private final Map<String, Song> byKey = new HashMap<>();

	private final TreeMap<Integer, Song> byId = new TreeMap<>();

	private final Map<Long, Peer> peers = new LinkedHashMap<>();

	/**
	 * Encoded {@code INFO id} answers by id, filled on first request and emptied for a song whenever its hosts change;
	 * written only under the lock, read without it.
	 */
	private final Map<Integer, byte[]> infoFrames = new ConcurrentHashMap<>();

	/**
	 * Songs whose entry changed since the last {@link #broadcastSnapshot}: {@code null} for a song that still exists
	 * (its current line goes out), or the removal line of a song that lost its last host. Emptied by every snapshot,
	 * which the server takes within one broadcast window of any change.
	 */
	private final TreeMap<Integer, byte @Nullable []> changes = new TreeMap<>();

	private long broadcasts;

	private int nextId = 1;

	/** The whole catalogue's lines in one direct buffer; the catalogue owns one reference, readers retain their own. */
	private @Nullable ByteBuf allPayload;

	/** Empty catalogue holding at most {@code maxSongs} songs. */
	public Catalogue(int maxSongs) {
		this.maxSongs = Limits.requirePositive("maxSongs", maxSongs);
	}

	/**
	 * Records what a peer hosts, replacing what it announced before.
	 * @return whether the catalogue changed
	 * @throws CatalogueFullException if the new songs would exceed {@code maxSongs}; nothing changes then
	 */
	public synchronized boolean announce(long peerId, PeerAddress address, String remote, List<SongLine> songs) {
		Map<String, SongLine> announced = new LinkedHashMap<>();
		for (SongLine song : songs) {
			announced.putIfAbsent(key(song), song);
		}
		Peer previous = this.peers.get(peerId);
		Set<String> before = (previous != null) ? previous.keys : Set.of();
		int added = 0;
		int dropped = 0;
		for (String key : announced.keySet()) {
			if (!this.byKey.containsKey(key)) {
				added++;
			}
		}
		for (String key : before) {
			Song song = this.byKey.get(key);
			if (!announced.containsKey(key) && song != null && song.hosts.size() == 1) {
				dropped++;
			}
		}
		if (this.byKey.size() + added - dropped > this.maxSongs) {
			throw new CatalogueFullException("the catalogue holds at most " + this.maxSongs + " songs; this INIT would add "
					+ added + " to " + this.byKey.size());
		}
		boolean changed = previous == null || !previous.address.equals(address) || !before.equals(announced.keySet());
		for (String key : before) {
			if (!announced.containsKey(key) || (previous != null && !previous.address.equals(address))) {
				unhost(key, peerId);
			}
		}
		Peer peer = new Peer(peerId, address, remote, (previous != null) ? previous.joined : Instant.now(),
				new LinkedHashSet<>(announced.keySet()));
		this.peers.put(peerId, peer);
		for (Map.Entry<String, SongLine> entry : announced.entrySet()) {
			Song song = this.byKey.get(entry.getKey());
			if (song == null) {
				song = new Song(this.nextId++, entry.getKey(), entry.getValue());
				this.byKey.put(song.key, song);
				this.byId.put(song.id, song);
			}
			if (song.hosts.put(peerId, address) == null) {
				invalidate(song);
			}
		}
		if (changed) {
			invalidateAll();
		}
		return changed;
	}

	/**
	 * Drops a peer and every song only it hosted.
	 * @return whether the catalogue changed (the peer hosted something)
	 */
	public synchronized boolean remove(long peerId) {
		Peer peer = this.peers.remove(peerId);
		if (peer == null) {
			return false;
		}
		for (String key : peer.keys) {
			unhost(key, peerId);
		}
		if (!peer.keys.isEmpty()) {
			invalidateAll();
		}
		return !peer.keys.isEmpty();
	}

	/**
	 * Every entry, one line each, in id order: the payload of {@code LIST}, {@code INFO -1} and broadcasts, as a
	 * view the caller owns and must not write to (release it, or hand it to a channel that will). All views share one
	 * encoding.
	 */
	public synchronized ByteBuf allPayload() {
		ByteBuf payload = this.allPayload;
		if (payload == null) {
			int size = 0;
			for (Song song : this.byId.values()) {
				size += song.frame().length - Song.HEADER_BYTES;
			}
			payload = Unpooled.directBuffer(size, size);
			for (Song song : this.byId.values()) {
				byte[] frame = song.frame();
				payload.writeBytes(frame, Song.HEADER_BYTES, frame.length - Song.HEADER_BYTES);
			}
			this.allPayload = payload;
		}
		return payload.retainedDuplicate();
	}

	/**
	 * What one broadcast sends, taken atomically: the whole catalogue and the entries that changed since the previous
	 * snapshot (removed songs as entries without hosts), each in one direct buffer the caller owns.
	 */
	public synchronized BroadcastSnapshot broadcastSnapshot() {
		long sequence = ++this.broadcasts;
		ByteBuf all = allPayload();
		int size = 0;
		for (Map.Entry<Integer, byte @Nullable []> change : this.changes.entrySet()) {
			byte[] removal = change.getValue();
			Song song = this.byId.get(change.getKey());
			size += (removal != null) ? removal.length : (song != null) ? song.frame().length - Song.HEADER_BYTES : 0;
		}
		ByteBuf delta = Unpooled.directBuffer(size, size);
		for (Map.Entry<Integer, byte @Nullable []> change : this.changes.entrySet()) {
			byte[] removal = change.getValue();
			Song song = this.byId.get(change.getKey());
			if (removal != null) {
				delta.writeBytes(removal);
			}
			else if (song != null) {
				byte[] frame = song.frame();
				delta.writeBytes(frame, Song.HEADER_BYTES, frame.length - Song.HEADER_BYTES);
			}
		}
		this.changes.clear();
		return new BroadcastSnapshot(sequence, all, delta);
	}

	/**
	 * The complete encoded {@code INFO id} answer (header and the entry's line), or {@code null} if there is no such
	 * song. The array is shared: never modify it. A hit takes no lock.
	 */
	public byte @Nullable [] infoFrame(int songId) {
		byte[] frame = this.infoFrames.get(songId);
		if (frame != null) {
			return frame;
		}
		synchronized (this) {
			Song song = this.byId.get(songId);
			if (song == null) {
				return null;
			}
			frame = song.frame();
			this.infoFrames.put(songId, frame);
			return frame;
		}
	}

	/** Number of distinct songs. */
	public synchronized int songCount() {
		return this.byId.size();
	}

	/** Number of peers that announced (hosting songs or not). */
	public synchronized int peerCount() {
		return this.peers.size();
	}

	/** Every entry in id order. */
	public synchronized List<CatalogueEntry> entries() {
		List<CatalogueEntry> entries = new ArrayList<>(this.byId.size());
		for (Song song : this.byId.values()) {
			entries.add(song.entry());
		}
		return entries;
	}

	/** One entry. */
	public synchronized Optional<CatalogueEntry> entry(int songId) {
		return Optional.ofNullable(this.byId.get(songId)).map(Song::entry);
	}

	/** Every announced peer in joining order. */
	public synchronized List<PeerView> peers() {
		return this.peers.values().stream()
			.map((peer) -> new PeerView(peer.id, peer.address.toString(), peer.remote, peer.keys.size(), peer.joined))
			.toList();
	}

	private void unhost(String key, long peerId) {
		Song song = this.byKey.get(key);
		if (song == null) {
			return;
		}
		song.hosts.remove(peerId);
		invalidate(song);
		if (song.hosts.isEmpty()) {
			this.byKey.remove(key);
			this.byId.remove(song.id);
			this.changes.put(song.id, song.removal());
		}
	}

	private void invalidate(Song song) {
		song.frame = null;
		this.infoFrames.remove(song.id);
		this.changes.put(song.id, null);
	}

	private void invalidateAll() {
		ByteBuf payload = this.allPayload;
		if (payload != null) {
			this.allPayload = null;
			payload.release();
		}
	}

	private static String key(SongLine song) {
		return (song.md5() != null) ? song.md5()
				: "\u0000" + song.title() + "\u0000" + song.artist() + "\u0000" + song.fileName();
	}

	/**
	 * One broadcast's payloads: {@code full} (every entry) and {@code delta} (entries changed since broadcast
	 * {@code sequence - 1}; a song without hosts was removed). Release both when done.
	 */
	public record BroadcastSnapshot(long sequence, ByteBuf full, ByteBuf delta) {

		/** Releases both buffers. */
		public void release() {
			this.full.release();
			this.delta.release();
		}

	}

	/** A peer as the admin API shows it. */
	public record PeerView(long id, String address, String remote, int songs, Instant joined) {

	}

	private record Peer(long id, PeerAddress address, String remote, Instant joined, Set<String> keys) {

	}

	private static final class Song {

		private static final TspEncoder ENCODER = new TspEncoder();

		static final int HEADER_BYTES = TspType.INFO.headerBytes();

		private final int id;

		private final String key;

		private final SongLine song;

		private final LinkedHashMap<Long, PeerAddress> hosts = new LinkedHashMap<>();

		/** {@code INFO id} answer: header, then the entry's line ending in a newline. */
		private byte @Nullable [] frame;

		Song(int id, String key, SongLine song) {
			this.id = id;
			this.key = key;
			this.song = song;
		}

		CatalogueEntry entry() {
			return new CatalogueEntry(this.id, this.song, List.copyOf(new LinkedHashSet<>(this.hosts.values())));
		}

		/** The entry as a delta announces the song's removal: no hosts. */
		byte[] removal() {
			return (SongLines.formatEntry(new CatalogueEntry(this.id, this.song, List.of())) + "\n")
				.getBytes(StandardCharsets.UTF_8);
		}

		byte[] frame() {
			byte[] bytes = this.frame;
			if (bytes == null) {
				byte[] line = (SongLines.formatEntry(entry()) + "\n").getBytes(StandardCharsets.UTF_8);
				bytes = new byte[HEADER_BYTES + line.length];
				byte[] header = ENCODER.encodeHeader(TspType.INFO, this.id, line.length);
				System.arraycopy(header, 0, bytes, 0, HEADER_BYTES);
				System.arraycopy(line, 0, bytes, HEADER_BYTES, line.length);
				this.frame = bytes;
			}
			return bytes;
		}

	}

	/** An {@code INIT} would make the catalogue larger than its limit. */
	public static final class CatalogueFullException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		CatalogueFullException(String message) {
			super(message);
		}

	}

}
