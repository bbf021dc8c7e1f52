package io.mediafleet.schema.codec;

/**
 * Argument checks for the memory limits every decoder takes as constructor parameters.
 */
public final class Limits {

	private Limits() {
	}

	/** Returns {@code value} if it is at least 1, otherwise throws naming the parameter. */
	public static int requirePositive(String name, int value) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1 but was " + value);
		}
		return value;
	}

	/** Returns {@code value} if it is at least 1, otherwise throws naming the parameter. */
	public static long requirePositive(String name, long value) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1 but was " + value);
		}
		return value;
	}

}
