package io.mediafleet.httpguard;

import java.net.InetAddress;
import java.nio.channels.Channel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Open connections per source address, decided at accept: a new connection is admitted while its address has fewer
 * than the limit open. Closed connections are noticed lazily ({@link Channel#isOpen()}), only when an address is at
 * its limit, so the container needs no close hook and an admitted connection costs one deque slot.
 * <h2>Parameters to control memory consumption</h2> {@code maxPerAddress} channels remembered per address; addresses
 * whose channels are all closed are forgotten every {@link #SWEEP_EVERY} admissions, so the map holds at most the
 * open connections plus that many addresses.
 */
final class OpenConnectionsPerAddress {

	static final int SWEEP_EVERY = 4096;

	private final int maxPerAddress;

	private final Map<InetAddress, ArrayDeque<Channel>> open = new HashMap<>();

	private int admittedSinceSweep;

	OpenConnectionsPerAddress(int maxPerAddress) {
		if (maxPerAddress < 1) {
			throw new IllegalArgumentException("maxPerAddress must be at least 1, was " + maxPerAddress);
		}
		this.maxPerAddress = maxPerAddress;
	}

	int maxPerAddress() {
		return this.maxPerAddress;
	}

	/** Admits {@code channel} from {@code address} and remembers it, or returns {@code false} when over the limit. */
	synchronized boolean admit(InetAddress address, Channel channel) {
		ArrayDeque<Channel> channels = this.open.computeIfAbsent(address, (key) -> new ArrayDeque<>());
		if (channels.size() >= this.maxPerAddress) {
			channels.removeIf((each) -> !each.isOpen());
			if (channels.size() >= this.maxPerAddress) {
				return false;
			}
		}
		channels.add(channel);
		if (++this.admittedSinceSweep >= SWEEP_EVERY) {
			this.admittedSinceSweep = 0;
			this.open.values().removeIf((list) -> {
				list.removeIf((each) -> !each.isOpen());
				return list.isEmpty();
			});
		}
		return true;
	}

	/** Open connections remembered for {@code address} (closed ones count until noticed). */
	synchronized int count(InetAddress address) {
		ArrayDeque<Channel> channels = this.open.get(address);
		return (channels != null) ? channels.size() : 0;
	}

}
