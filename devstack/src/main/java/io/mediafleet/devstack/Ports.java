package io.mediafleet.devstack;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The port plan of one developer stack: a distinct TCP port for each {@link Port}.
 *
 * @param values the port number of every {@link Port}
 */
public record Ports(Map<Port, Integer> values) {

	public Ports {
		EnumMap<Port, Integer> copy = new EnumMap<>(Port.class);
		copy.putAll(values);
		Map<Integer, Port> seen = new HashMap<>();
		for (Port port : Port.values()) {
			Integer number = copy.get(port);
			if (number == null && port == Port.IRC) {
				// Added after the others: plans made before it keep working.
				number = port.defaultPort();
				copy.put(port, number);
			}
			if (number == null) {
				throw new IllegalArgumentException("No port for " + port.description());
			}
			if (number < 1 || number > 65535) {
				throw new IllegalArgumentException(
						port.option() + " must be between 1 and 65535 but was " + number);
			}
			Port other = seen.putIfAbsent(number, port);
			if (other != null) {
				throw new IllegalArgumentException("Port " + number + " is planned for both " + other.description()
						+ " and " + port.description());
			}
		}
		values = Collections.unmodifiableMap(copy);
	}

	/** Every port at its default. */
	public static Ports defaults() {
		Map<Port, Integer> values = new EnumMap<>(Port.class);
		for (Port port : Port.values()) {
			values.put(port, port.defaultPort());
		}
		return new Ports(values);
	}

	/** The port number planned for {@code port}. */
	public int get(Port port) {
		return this.values.get(port);
	}

	/** The same plan with {@code port} at {@code number}. */
	public Ports with(Port port, int number) {
		Map<Port, Integer> changed = new EnumMap<>(this.values);
		changed.put(port, number);
		return new Ports(changed);
	}

}
