package io.mediafleet.scheduler.burn;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.mediafleet.scheduler.LinkSecret;
import io.mediafleet.scheduler.link.LinkTokens;
import io.mediafleet.schema.burn.ClientType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who must authenticate on the burn port: per-kind switches, anonymous networks, and the role a token must carry.
 */
class BurnAccessPolicyTests {

	private final LinkTokens tokens = new LinkTokens(LinkSecret.of("policy-tests-secret-of-at-least-32-chars"),
			Clock.systemUTC());

	private static InetAddress address(String literal) throws Exception {
		return InetAddress.getByName(literal);
	}

	@Test
	void byDefaultEveryKindMustAuthenticateFromEveryAddress() throws Exception {
		BurnAccessPolicy policy = new BurnAccessPolicy(this.tokens, true, true, true, List.of());
		for (ClientType type : ClientType.values()) {
			assertThat(policy.needsAuthentication(type, address("127.0.0.1"))).as(type.wire()).isTrue();
		}
	}

	@Test
	void eachKindIsSwitchedOnItsOwn() throws Exception {
		BurnAccessPolicy policy = new BurnAccessPolicy(this.tokens, true, false, true, List.of());
		assertThat(policy.needsAuthentication(ClientType.DISPLAY, address("192.0.2.7"))).isFalse();
		assertThat(policy.needsAuthentication(ClientType.COMMAND, address("192.0.2.7"))).isTrue();
		assertThat(policy.needsAuthentication(ClientType.BURNDVD, address("192.0.2.7"))).isTrue();
	}

	@Test
	void onlyListedNetworksMayStayAnonymous() throws Exception {
		BurnAccessPolicy policy = new BurnAccessPolicy(this.tokens, true, true, true,
				List.of("10.20.0.0/16", " 192.0.2.9 ", "fd00::/8"));
		assertThat(policy.needsAuthentication(ClientType.COMMAND, address("10.20.3.4"))).isFalse();
		assertThat(policy.needsAuthentication(ClientType.COMMAND, address("192.0.2.9"))).isFalse();
		assertThat(policy.needsAuthentication(ClientType.COMMAND, address("fd00::1"))).isFalse();
		assertThat(policy.needsAuthentication(ClientType.COMMAND, address("10.21.0.1"))).isTrue();
		assertThat(policy.needsAuthentication(ClientType.BURNCDR, address("192.0.2.10"))).isTrue();
	}

	@Test
	void frontEndsNeedControlTokensAndBurnersSlaveTokens() {
		BurnAccessPolicy policy = new BurnAccessPolicy(this.tokens, true, true, true, List.of());
		String control = this.tokens.mint("cli", "control", null, Duration.ofMinutes(1));
		String slave = this.tokens.mint("burner", "slave", null, Duration.ofMinutes(1));
		assertThat(policy.refusal(ClientType.COMMAND, control)).isNull();
		assertThat(policy.refusal(ClientType.DISPLAY, control)).isNull();
		assertThat(policy.refusal(ClientType.BURNDVD, slave)).isNull();
		assertThat(policy.refusal(ClientType.COMMAND, slave)).contains("needs a control token");
		assertThat(policy.refusal(ClientType.BURNCDR, control)).contains("needs a slave token");
		String otherKey = new LinkTokens(LinkSecret.of("another-secret-of-at-least-32-characters"), Clock.systemUTC())
			.mint("cli", "control", null, Duration.ofMinutes(1));
		assertThat(policy.refusal(ClientType.COMMAND, otherKey)).isEqualTo("token invalid or expired");
	}

}
