package io.mediafleet.schema.burn;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.mediafleet.schema.codec.WireCodes;

/**
 * Lookup of the small word vocabularies of the protocol (media, drive states, ...), shared so
 * every enum rejects unknown words with the same kind of message.
 */
final class WireNames<E extends Enum<E>> {

	private final String vocabulary;

	private final Map<String, E> byWire;

	private final String expected;

	WireNames(String vocabulary, E[] values, Function<E, String> wireOf) {
		this.vocabulary = vocabulary;
		this.byWire = WireCodes.index(values, wireOf);
		this.expected = Arrays.stream(values).map(wireOf).collect(Collectors.joining(", "));
	}

	E of(String wire) {
		E value = this.byWire.get(wire);
		if (value == null) {
			throw new IllegalArgumentException(
					"unknown " + this.vocabulary + " '" + wire + "', expected one of " + this.expected);
		}
		return value;
	}

}
