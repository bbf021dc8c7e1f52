package io.mediafleet.schema.tsp;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a peer tells the tracker in its {@code INIT} frame: the secret that admits it, where other
 * peers reach it for {@code PLAY}, and the songs it hosts.
 *
 * @param token the tracker's peer token ({@code TOKEN} line, our extension), or {@code null} if
 * it sent none (the original peers did not; a tracker then admits it only from a network it lets
 * peers in anonymously)
 * @param listenAddress the peer's {@code PLAY} address, or {@code null} if it sent none (the
 * original peers did not; the tracker then uses the connection's remote address and a
 * configured default port)
 * @param songs the songs the peer hosts, possibly none
 */
public record InitPayload(@Nullable String token, @Nullable PeerAddress listenAddress, List<SongLine> songs) {

	public InitPayload {
		if (token != null) {
			TspPayloads.checkToken(token);
		}
		songs = List.copyOf(songs);
	}

	/** Payload without a token announcing the given address and songs. */
	public InitPayload(@Nullable PeerAddress listenAddress, List<SongLine> songs) {
		this(null, listenAddress, songs);
	}

	/** Payload without a token announcing the given address and songs. */
	public static InitPayload of(@Nullable PeerAddress listenAddress, SongLine... songs) {
		return new InitPayload(null, listenAddress, List.of(songs));
	}

	/** This payload carrying {@code token} instead (none for {@code null} or blank). */
	public InitPayload withToken(@Nullable String token) {
		return new InitPayload((token == null || token.isBlank()) ? null : token, this.listenAddress, this.songs);
	}

	@Override
	public String toString() {
		// never the token itself: payloads end up in logs and assertion messages
		return "InitPayload[token=" + ((this.token != null) ? "(set)" : "none") + ", listenAddress="
				+ this.listenAddress + ", songs=" + this.songs + "]";
	}

}
