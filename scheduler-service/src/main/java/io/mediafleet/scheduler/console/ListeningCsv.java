package io.mediafleet.scheduler.console;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

import io.mediafleet.scheduler.radio.ListenerSession;
import org.jspecify.annotations.Nullable;

/**
 * Listening sessions as CSV (RFC 4180: comma separated, CRLF line ends, a field with a comma, quote or line break
 * quoted, quotes doubled). A text field that a spreadsheet would take for a formula ({@code = + - @}, tab, CR) is
 * prefixed with {@code '} so an exported radio name can never run as one.
 */
final class ListeningCsv {

	static final String HEADER = "session_id,radio_uuid,radio_name,user_id,streamer,started_at,ended_at,duration_seconds,open";

	private ListeningCsv() {
	}

	/** One text field, escaped. */
	static String field(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String text = value;
		char first = text.charAt(0);
		if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
			text = "'" + text;
		}
		if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
			return '"' + text.replace("\"", "\"\"") + '"';
		}
		return text;
	}

	/** One session's row, without its line end. */
	static String row(ListenerSession session, @Nullable String radioName) {
		StringBuilder row = new StringBuilder(160);
		row.append(field(session.sessionId())).append(',');
		row.append(field(session.radioUuid())).append(',');
		row.append(field(radioName)).append(',');
		row.append(field(session.userId())).append(',');
		row.append(field(session.streamer())).append(',');
		row.append(session.startedAt()).append(',');
		row.append((session.endedAt() != null) ? session.endedAt().toString() : "").append(',');
		row.append((session.durationSeconds() != null) ? String.format(Locale.ROOT, "%.3f", session.durationSeconds()) : "")
			.append(',');
		row.append(session.open());
		return row.toString();
	}

	static void line(Writer out, String line) throws IOException {
		out.write(line);
		out.write("\r\n");
	}

}
