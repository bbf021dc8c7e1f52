package io.mediafleet.tracker.tracker;

import java.io.ByteArrayOutputStream;
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

import org.jspecify.annotations.Nullable;

import io.mediafleet.schema.codec.Limits;
import io.mediafleet.schema.tsp.CatalogueEntry;
import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.schema.tsp.SongLine;
import io.mediafleet.schema.tsp.SongLines;

/**
 * The tracker's catalogue: every song hosted by a connected peer, keyed by md5 (songs announced without md5 by
 * title, artist and file name), each with a stable id and the peers hosting it.
 *
 * <p>Ids start at 1 and are never reused, so an id means the same song for as long as any peer hosts it (and
 * {@code INFO 0} can mean "all songs" as the seed's peers asked). A song disappears with its last host. Formatted
 * catalogue payloads are cached until the next change, so {@code LIST}, {@code INFO} and broadcasts cost a lookup.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxSongs}: most distinct songs; an {@code INIT} that would exceed it is refused as a whole.</li>
 * </ul>
 * Songs per peer are bounded by the {@code INIT} payload limits ({@code maxLines}).
 *
 * <p>Thread-safe (one lock; every operation is short).
 */
public final class Catalogue {

	private final int maxSongs;

	private final Map<String, Song> byKey = new HashMap<>();

	private final TreeMap<Integer, Song> byId = new TreeMap<>();

	private final Map<Long, Peer> peers = new LinkedHashMap<>();

	private int nextId = 1;

	private byte @Nullable [] allPayload;

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
				song.line = null;
			}
		}
		if (changed) {
			this.allPayload = null;
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
			this.allPayload = null;
		}
		return !peer.keys.isEmpty();
	}

	/** Every entry, one line each, in id order: the payload of {@code LIST}, {@code INFO -1} and broadcasts. */
	public synchronized byte[] allPayload() {
		byte[] payload = this.allPayload;
		if (payload == null) {
			ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, this.byId.size() * 128));
			for (Song song : this.byId.values()) {
				out.writeBytes(song.line());
			}
			payload = out.toByteArray();
			this.allPayload = payload;
		}
		return payload;
	}

	/** One entry's line as {@code INFO id} answers it, or {@code null} if there is no such song. */
	public synchronized byte @Nullable [] entryPayload(int songId) {
		Song song = this.byId.get(songId);
		return (song != null) ? song.line() : null;
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
		song.line = null;
		if (song.hosts.isEmpty()) {
			this.byKey.remove(key);
			this.byId.remove(song.id);
		}
	}

	private static String key(SongLine song) {
		return (song.md5() != null) ? song.md5()
				: "\u0000" + song.title() + "\u0000" + song.artist() + "\u0000" + song.fileName();
	}

	/** A peer as the admin API shows it. */
	public record PeerView(long id, String address, String remote, int songs, Instant joined) {

	}

	private record Peer(long id, PeerAddress address, String remote, Instant joined, Set<String> keys) {

	}

	private static final class Song {

		private final int id;

		private final String key;

		private final SongLine song;

		private final LinkedHashMap<Long, PeerAddress> hosts = new LinkedHashMap<>();

		private byte @Nullable [] line;

		Song(int id, String key, SongLine song) {
			this.id = id;
			this.key = key;
			this.song = song;
		}

		CatalogueEntry entry() {
			return new CatalogueEntry(this.id, this.song, List.copyOf(new LinkedHashSet<>(this.hosts.values())));
		}

		byte[] line() {
			byte[] bytes = this.line;
			if (bytes == null) {
				bytes = (SongLines.formatEntry(entry()) + "\n").getBytes(StandardCharsets.UTF_8);
				this.line = bytes;
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
