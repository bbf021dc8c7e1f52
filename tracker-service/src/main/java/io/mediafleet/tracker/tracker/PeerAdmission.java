package io.mediafleet.tracker.tracker;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.tracker.Cidr;

/**
 * Decides, without I/O, whether the tracker accepts a peer's {@code INIT}: a peer with the right token in its
 * {@code TOKEN} line is admitted and may announce any {@code PEER} address (it may sit behind NAT or a Service name);
 * a peer without a token is admitted only from an anonymous network, and then only for its own source address. A
 * wrong token is refused even from an anonymous network. Tokens are compared in constant time.
 */
final class PeerAdmission {

	private final byte[] token;

	private final List<Cidr> anonymousNetworks;

	/**
	 * @param token the peer token (configured or generated), never blank
	 * @param anonymousNetworks networks whose peers may announce without a token
	 */
	PeerAdmission(String token, List<Cidr> anonymousNetworks) {
		if (token.isBlank()) {
			throw new IllegalArgumentException("the peer token must not be blank");
		}
		this.token = token.getBytes(StandardCharsets.UTF_8);
		this.anonymousNetworks = List.copyOf(anonymousNetworks);
	}

	/** Admission by token only, no anonymous networks. */
	static PeerAdmission tokenOnly(String token) {
		return new PeerAdmission(token, List.of());
	}

	/**
	 * Whether an {@code INIT} is accepted.
	 * @param presented the {@code TOKEN} line's value, or {@code null} without one
	 * @param source the connection's remote address, {@code null} when unknown
	 * @param announced the {@code PEER} line's address, or {@code null} without one
	 */
	Decision decide(@Nullable String presented, @Nullable InetAddress source, @Nullable PeerAddress announced) {
		if (presented != null) {
			return MessageDigest.isEqual(this.token, presented.getBytes(StandardCharsets.UTF_8)) ? Decision.ADMITTED
					: new Refused("INIT refused: wrong TOKEN");
		}
		String from = (source != null) ? source.getHostAddress() : "an unknown address";
		if (source == null || this.anonymousNetworks.stream().noneMatch((network) -> network.contains(source))) {
			return new Refused("INIT refused: a TOKEN line with the tracker's peer token is required; peers without one "
					+ "are admitted only from the networks the tracker lists, and " + from + " is not in them");
		}
		if (announced != null) {
			InetAddress host = NetUtil.createInetAddressFromIpAddressString(announced.host());
			if (host == null || !host.equals(source)) {
				return new Refused("INIT refused: a peer without a TOKEN may announce only its own address " + from
						+ ", not " + announced.host());
			}
		}
		return Decision.ADMITTED;
	}

	/** What {@link #decide} concluded. */
	sealed interface Decision permits Admitted, Refused {

		Decision ADMITTED = new Admitted();

	}

	/** The {@code INIT} may change the catalogue. */
	record Admitted() implements Decision {
	}

	/**
	 * The {@code INIT} changes nothing and is answered {@code ERROR -1 reason}.
	 *
	 * @param reason the text of the {@code ERROR}, starting with {@code INIT refused:}
	 */
	record Refused(String reason) implements Decision {
	}

}
