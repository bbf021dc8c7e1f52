package io.mediafleet.tracker;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;

/**
 * A network in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}, or one address without a prefix), as listed in
 * {@code mediafleet.tracker.peers.anonymous-networks}. Parsing never resolves names; matching is Netty's
 * {@link IpSubnetFilterRule}.
 *
 * @param text the network as configured
 */
public record Cidr(String text, IpSubnetFilterRule rule) {

	/**
	 * Reads {@code address/prefix} or a bare address (a network of one).
	 * @throws IllegalArgumentException naming the entry and what is wrong with it
	 */
	public static Cidr parse(String text) {
		String trimmed = text.strip();
		int slash = trimmed.indexOf('/');
		String host = (slash < 0) ? trimmed : trimmed.substring(0, slash);
		InetAddress address = NetUtil.createInetAddressFromIpAddressString(host);
		if (address == null) {
			throw new IllegalArgumentException("network '" + text + "' does not start with an IP address (names are "
					+ "not resolved)");
		}
		int maxPrefix = address.getAddress().length * 8;
		int prefix = maxPrefix;
		if (slash >= 0) {
			String digits = trimmed.substring(slash + 1);
			if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
				throw new IllegalArgumentException("network '" + text + "' has no prefix length after '/'");
			}
			prefix = Integer.parseInt(digits);
		}
		if (prefix > maxPrefix) {
			throw new IllegalArgumentException("network '" + text + "' has a prefix longer than " + maxPrefix + " bits");
		}
		return new Cidr(trimmed, new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT));
	}

	/** Whether {@code address} lies in this network. */
	public boolean contains(InetAddress address) {
		return this.rule.matches(new InetSocketAddress(address, 0));
	}

	@Override
	public String toString() {
		return this.text;
	}

}
