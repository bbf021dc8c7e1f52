package io.mediafleet.scheduler.admin;

import io.mediafleet.schema.radio.RadioIds;

/**
 * Checks ids taken from request paths against the scheduler's identifier rule.
 */
final class AdminIds {

	private AdminIds() {
	}

	static String require(String id, String name) {
		if (!RadioIds.isSane(id)) {
			throw new InvalidPathIdException(name);
		}
		return id;
	}

	/** A path id that breaks the identifier rule; answered with 400. */
	static final class InvalidPathIdException extends RuntimeException {

		private final String name;

		InvalidPathIdException(String name) {
			super("must match " + RadioIds.REGEX);
			this.name = name;
		}

		String name() {
			return this.name;
		}

	}

	/** An id that names nothing; answered with 404. */
	static final class NotFoundException extends RuntimeException {

		NotFoundException(String what, String id) {
			super("unknown " + what + " '" + id + "'");
		}

	}

}
