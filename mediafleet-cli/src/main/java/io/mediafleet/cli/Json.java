package io.mediafleet.cli;

import java.io.PrintStream;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;

/**
 * Reading fields of the scheduler's answers and writing {@code --output json}.
 */
public final class Json {

	private Json() {
	}

	/** The field as text, or {@code null} when absent or null. */
	public static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull() || value.isMissingNode()) ? null
				: value.isValueNode() ? value.asString() : value.toString();
	}

	/** Prints {@code value} as indented JSON on one document. */
	public static void print(PrintStream out, Object value) {
		out.println(AdminClient.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
		out.flush();
	}

	/** Prints {@code value} as JSON on one line (for streams of events). */
	public static void printLine(PrintStream out, Object value) {
		out.println(AdminClient.JSON.writeValueAsString(value));
		out.flush();
	}

}
