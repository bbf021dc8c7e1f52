package io.mediafleet.schema.link;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Describes why data did not fit its record in words a peer understands: field paths like
 * {@code items[2].name} and JSON type names, never Java class names, which would leak into close
 * reasons.
 */
final class JacksonErrors {

	private static final String MISSING_CREATOR_PROPERTY = "Missing required creator property '";

	private static final int MAX_PARSE_DETAIL_CHARS = 160;

	private JacksonErrors() {
	}

	static String describe(JacksonException ex) {
		String path = path(ex);
		if (ex instanceof ValueInstantiationException && ex.getCause() != null && ex.getCause().getMessage() != null) {
			return inside(path) + ex.getCause().getMessage();
		}
		if (ex instanceof MismatchedInputException mismatch) {
			String original = mismatch.getOriginalMessage();
			if (original != null && original.startsWith(MISSING_CREATOR_PROPERTY)) {
				int end = original.indexOf('\'', MISSING_CREATOR_PROPERTY.length());
				String name = (end > 0) ? original.substring(MISSING_CREATOR_PROPERTY.length(), end) : "?";
				// The path already ends at the missing property.
				return "missing required field '" + (path.isEmpty() ? name : path) + "'";
			}
			String subject = path.isEmpty() ? "value" : "field '" + path + "'";
			if (mismatch instanceof InvalidFormatException && mismatch.getTargetType() != null
					&& mismatch.getTargetType().isEnum()) {
				return subject + " has an unknown value";
			}
			if (mismatch.getTargetType() == Duration.class && original != null && original.startsWith("must be ")) {
				return subject + " " + original;
			}
			if (mismatch.getTargetType() != null) {
				return subject + " must be " + expected(mismatch.getTargetType());
			}
			return subject + " has the wrong type";
		}
		return path.isEmpty() ? "invalid value" : "invalid value of field '" + path + "'";
	}

	/**
	 * Describes a failure to parse the text as JSON: Jackson's first line without its source
	 * excerpt, plus the character offset.
	 */
	static String describeParse(JacksonException ex) {
		String original = ex.getOriginalMessage();
		String text = (original != null) ? original : ex.getClass().getSimpleName();
		int newline = text.indexOf('\n');
		if (newline >= 0) {
			text = text.substring(0, newline);
		}
		int marker = text.indexOf(" (start marker at");
		if (marker >= 0) {
			text = text.substring(0, marker);
		}
		text = text.replaceAll(", from `[^`]*`", "");
		// Jackson quotes up to 256 characters of an unrecognised token; a close reason needs less.
		if (text.length() > MAX_PARSE_DETAIL_CHARS) {
			text = text.substring(0, MAX_PARSE_DETAIL_CHARS) + "...";
		}
		TokenStreamLocation location = ex.getLocation();
		if (location != null && location.getCharOffset() >= 0) {
			text += " (offset " + location.getCharOffset() + ")";
		}
		return text;
	}

	private static String inside(String path) {
		return path.isEmpty() ? "" : "in '" + path + "': ";
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String expected(Class<?> type) {
		if (type == String.class || type == Character.class || type == char.class) {
			return "a string";
		}
		if (type == long.class || type == int.class || type == short.class || type == byte.class
				|| type == Long.class || type == Integer.class || type == Short.class || type == Byte.class
				|| type == BigInteger.class) {
			return "an integer";
		}
		if (type == double.class || type == float.class || type == Double.class || type == Float.class
				|| type == BigDecimal.class) {
			return "a number";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "a boolean";
		}
		if (type == Duration.class) {
			return "a number of seconds";
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return "an array";
		}
		if (Map.class.isAssignableFrom(type)) {
			return "an object";
		}
		return "an object";
	}

}
