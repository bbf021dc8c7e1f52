package io.mediafleet.schema.codec;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the lookup table of a wire vocabulary (an enum whose constants own their wire code) and
 * refuses duplicates at class-initialisation time, so two constants can never claim one code.
 */
public final class WireCodes {

	private WireCodes() {
	}

	/**
	 * Indexes {@code values} by the code {@code codeOf} gives each of them.
	 * @throws IllegalStateException if two values share a code
	 */
	public static <K, E extends Enum<E>> Map<K, E> index(E[] values, Function<E, K> codeOf) {
		Map<K, E> byCode = new HashMap<>();
		for (E value : values) {
			E previous = byCode.putIfAbsent(codeOf.apply(value), value);
			if (previous != null) {
				throw new IllegalStateException("Duplicate wire code '" + codeOf.apply(value) + "' on "
						+ previous.name() + " and " + value.name() + " of " + value.getDeclaringClass().getName());
			}
		}
		return Collections.unmodifiableMap(byCode);
	}

}
