package io.mediafleet.scheduler.burn;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The budget of connections that have not yet been admitted (no {@code ID}, or no accepted {@code AUTH} where one is
 * needed): at most {@code maxConnections} in all and {@code maxPerAddress} from one source address. When a newcomer
 * does not fit, the OLDEST not-yet-admitted connection is shed (of the same address when that address is at its cap,
 * else of all), never the newcomer: a burner reconnecting during a flood of silent sockets always gets its chance,
 * and a flood from one address only churns its own sockets once that address is at its cap.
 *
 * <p>No I/O: {@link #enter} says which connections to close; the caller closes them. Thread-safe.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxConnections}: connections held before admission, in all.</li>
 * <li>{@code maxPerAddress}: connections held before admission from one source address.</li>
 * </ul>
 *
 * @param <C> the connection type
 */
final class AnonymousBudget<C> {

	private final int maxConnections;

	private final int maxPerAddress;

	/** Every waiting connection and its source, oldest first. */
	private final LinkedHashMap<C, InetAddress> waiting = new LinkedHashMap<>();

	/** Waiting connections by source, oldest first. */
	private final Map<InetAddress, ArrayDeque<C>> bySource = new HashMap<>();

	AnonymousBudget(int maxConnections, int maxPerAddress) {
		if (maxConnections < 1 || maxPerAddress < 1) {
			throw new IllegalArgumentException("maxConnections and maxPerAddress must be at least 1 but were "
					+ maxConnections + " and " + maxPerAddress);
		}
		this.maxConnections = maxConnections;
		this.maxPerAddress = maxPerAddress;
	}

	/**
	 * Counts {@code connection} from {@code source} and returns the connections to shed so it fits (oldest first;
	 * empty when it fits as it is). The shed ones are no longer counted.
	 */
	synchronized List<C> enter(C connection, InetAddress source) {
		List<C> shed = new ArrayList<>(1);
		ArrayDeque<C> fromSource = this.bySource.get(source);
		if (fromSource != null && fromSource.size() >= this.maxPerAddress) {
			C oldest = fromSource.peekFirst();
			leave(oldest);
			shed.add(oldest);
		}
		else if (this.waiting.size() >= this.maxConnections) {
			Iterator<C> oldest = this.waiting.keySet().iterator();
			C victim = oldest.next();
			leave(victim);
			shed.add(victim);
		}
		this.waiting.put(connection, source);
		this.bySource.computeIfAbsent(source, (key) -> new ArrayDeque<>(4)).addLast(connection);
		return shed;
	}

	/** Stops counting {@code connection} (admitted or closed); {@code false} when it was not counted. */
	synchronized boolean leave(C connection) {
		InetAddress source = this.waiting.remove(connection);
		if (source == null) {
			return false;
		}
		ArrayDeque<C> fromSource = this.bySource.get(source);
		fromSource.remove(connection);
		if (fromSource.isEmpty()) {
			this.bySource.remove(source);
		}
		return true;
	}

	/** Connections counted now. */
	synchronized int size() {
		return this.waiting.size();
	}

	/** Connections counted now from {@code source}. */
	synchronized int size(InetAddress source) {
		ArrayDeque<C> fromSource = this.bySource.get(source);
		return (fromSource != null) ? fromSource.size() : 0;
	}

}
