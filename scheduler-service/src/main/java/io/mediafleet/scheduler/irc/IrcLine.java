package io.mediafleet.scheduler.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One IRC protocol line (RFC 1459 section 2.3.1), e.g.
 * {@code :alice!a@host PRIVMSG #mediafleet :!simul film.mkv} has prefix {@code alice!a@host}, command
 * {@code PRIVMSG} and the parameters {@code #mediafleet} and {@code !simul film.mkv}.
 *
 * @param prefix the origin without its leading colon, or {@code null}
 * @param command the command or three-digit reply code, upper-cased
 * @param params the parameters, the trailing one without its colon
 */
record IrcLine(@Nullable String prefix, String command, List<String> params) {

	/** Longest line on the wire, CR LF included (RFC 1459). */
	static final int MAX_LINE_BYTES = 512;

	/** Parses {@code line} (without CR LF); {@code null} when it has no command. */
	static @Nullable IrcLine parse(String line) {
		String rest = line;
		String prefix = null;
		if (rest.startsWith(":")) {
			int space = rest.indexOf(' ');
			if (space < 0) {
				return null;
			}
			prefix = rest.substring(1, space);
			rest = rest.substring(space + 1);
		}
		rest = rest.stripLeading();
		List<String> params = new ArrayList<>();
		String command = null;
		while (!rest.isEmpty()) {
			if (command != null && rest.startsWith(":")) {
				params.add(rest.substring(1));
				break;
			}
			int space = rest.indexOf(' ');
			String word = (space < 0) ? rest : rest.substring(0, space);
			if (command == null) {
				command = word.toUpperCase(Locale.ROOT);
			}
			else {
				params.add(word);
			}
			rest = (space < 0) ? "" : rest.substring(space + 1).stripLeading();
		}
		if (command == null || command.isEmpty()) {
			return null;
		}
		return new IrcLine(prefix, command, List.copyOf(params));
	}

	/** The nick part of the prefix ({@code alice} of {@code alice!a@host}), or {@code null}. */
	@Nullable String nick() {
		if (this.prefix == null) {
			return null;
		}
		int bang = this.prefix.indexOf('!');
		return (bang < 0) ? this.prefix : this.prefix.substring(0, bang);
	}

	/** The parameter at {@code index}, or an empty string. */
	String param(int index) {
		return (index < this.params.size()) ? this.params.get(index) : "";
	}

}
