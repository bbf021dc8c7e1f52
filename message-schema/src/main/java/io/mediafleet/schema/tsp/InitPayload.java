package io.mediafleet.schema.tsp;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a peer tells the tracker in its {@code INIT} frame: where other peers reach it for
 * {@code PLAY}, and the songs it hosts.
 *
 * @param listenAddress the peer's {@code PLAY} address, or {@code null} if it sent none (the
 * original peers did not; the tracker then uses the connection's remote address and a
 * configured default port)
 * @param songs the songs the peer hosts, possibly none
 */
public record InitPayload(@Nullable PeerAddress listenAddress, List<SongLine> songs) {

	public InitPayload {
		songs = List.copyOf(songs);
	}

	/** Payload announcing the given address and songs. */
	public static InitPayload of(@Nullable PeerAddress listenAddress, SongLine... songs) {
		return new InitPayload(listenAddress, List.of(songs));
	}

}
