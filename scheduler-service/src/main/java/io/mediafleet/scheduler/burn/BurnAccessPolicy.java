package io.mediafleet.scheduler.burn;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import io.mediafleet.scheduler.link.LinkTokens;
import io.mediafleet.schema.burn.ClientType;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Who must authenticate on the burn port and with what: per client kind a switch saying whether {@code AUTH} is
 * needed, a list of networks (CIDR) whose clients may stay anonymous (seed-style clients), and the check of a link JWT
 * against the kind it is used for ({@code control} for {@code COMMAND} and {@code DISPLAY}, {@code slave} for
 * burners). No I/O.
 */
final class BurnAccessPolicy {

	private final @Nullable LinkTokens tokens;

	private final boolean requireCommands;

	private final boolean requireDisplays;

	private final boolean requireBurners;

	private final List<IpAddressMatcher> anonymousNetworks;

	/**
	 * @param tokens checks credentials; {@code null} refuses every {@code AUTH}
	 * @param anonymousNetworks CIDRs ({@code 10.0.0.0/8}, {@code ::1/128}) or single addresses whose clients need no
	 * {@code AUTH}
	 */
	BurnAccessPolicy(@Nullable LinkTokens tokens, boolean requireCommands, boolean requireDisplays,
			boolean requireBurners, List<String> anonymousNetworks) {
		this.tokens = tokens;
		this.requireCommands = requireCommands;
		this.requireDisplays = requireDisplays;
		this.requireBurners = requireBurners;
		List<IpAddressMatcher> matchers = new ArrayList<>();
		for (String network : anonymousNetworks) {
			matchers.add(new IpAddressMatcher(network.strip()));
		}
		this.anonymousNetworks = List.copyOf(matchers);
	}

	/** A policy that lets everyone in without {@code AUTH} (the seed's behaviour), for tests of other things. */
	static BurnAccessPolicy open() {
		return new BurnAccessPolicy(null, false, false, false, List.of());
	}

	/** Whether a client of {@code type} connecting from {@code source} must send {@code AUTH} before it is served. */
	boolean needsAuthentication(ClientType type, InetAddress source) {
		boolean required = switch (type) {
			case COMMAND -> this.requireCommands;
			case DISPLAY -> this.requireDisplays;
			case BURNCDR, BURNDVD -> this.requireBurners;
		};
		if (!required) {
			return false;
		}
		String address = source.getHostAddress();
		for (IpAddressMatcher network : this.anonymousNetworks) {
			if (network.matches(address)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Why {@code token} does not let a client of {@code type} in, or {@code null} when it does: a valid, unexpired link
	 * JWT of role {@code control} for command and display clients, {@code slave} for burners.
	 */
	@Nullable String refusal(ClientType type, String token) {
		LinkTokens verifier = this.tokens;
		LinkTokens.Claims claims = (verifier != null) ? verifier.verify(token) : null;
		if (claims == null) {
			return "token invalid or expired";
		}
		String role = requiredRole(type);
		if (!role.equals(claims.role())) {
			return type.wire() + " needs a " + role + " token, this one is " + claims.role();
		}
		return null;
	}

	static String requiredRole(ClientType type) {
		return switch (type) {
			case COMMAND, DISPLAY -> "control";
			case BURNCDR, BURNDVD -> "slave";
		};
	}

}
