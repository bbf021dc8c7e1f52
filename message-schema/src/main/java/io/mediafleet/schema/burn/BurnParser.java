package io.mediafleet.schema.burn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mediafleet.schema.burn.BurnMessage.AskCapab;
import io.mediafleet.schema.burn.BurnMessage.Auth;
import io.mediafleet.schema.burn.BurnMessage.Burn;
import io.mediafleet.schema.burn.BurnMessage.Cap;
import io.mediafleet.schema.burn.BurnMessage.Capab;
import io.mediafleet.schema.burn.BurnMessage.CompletedStatus;
import io.mediafleet.schema.burn.BurnMessage.ErrorReply;
import io.mediafleet.schema.burn.BurnMessage.Id;
import io.mediafleet.schema.burn.BurnMessage.Ident;
import io.mediafleet.schema.burn.BurnMessage.IdleStatus;
import io.mediafleet.schema.burn.BurnMessage.Info;
import io.mediafleet.schema.burn.BurnMessage.InfoUnknown;
import io.mediafleet.schema.burn.BurnMessage.Name;
import io.mediafleet.schema.burn.BurnMessage.Open;
import io.mediafleet.schema.burn.BurnMessage.ProgressStatus;
import io.mediafleet.schema.burn.BurnMessage.Queue;
import io.mediafleet.schema.burn.BurnMessage.QueueClear;
import io.mediafleet.schema.burn.BurnMessage.QueueList;
import io.mediafleet.schema.burn.BurnMessage.QueueNo;
import io.mediafleet.schema.burn.BurnMessage.QueueOk;
import io.mediafleet.schema.burn.BurnMessage.QueueReport;
import io.mediafleet.schema.burn.BurnMessage.StatusList;
import io.mediafleet.schema.burn.BurnMessage.StatusReport;
import io.mediafleet.schema.burn.BurnMessage.VerifiedStatus;
import io.mediafleet.schema.burn.BurnMessage.WhatIs;

/**
 * Turns the text of one framed message (its lines joined by {@code LF}, terminator removed) into
 * a {@link BurnMessage}; every problem is an {@link IllegalArgumentException} saying what and
 * where inside the message, which the decoder wraps with the stream position.
 *
 * <p>Interoperability: missing fields are errors, fields beyond the known ones are ignored,
 * except that the last field of {@code INFO}, {@code ERROR} and {@code NAME} is free text that
 * takes the rest of the message, TABs and line breaks included, and defaults to empty.
 */
final class BurnParser {

	private static final int MAX_SECONDS_DIGITS = 12;

	private final int maxFields;

	BurnParser(int maxFields) {
		this.maxFields = maxFields;
	}

	BurnMessage parse(String text) {
		int firstBreak = text.indexOf('\n');
		String header = (firstBreak < 0) ? text : text.substring(0, firstBreak);
		int tab = header.indexOf('\t');
		String keyword = (tab < 0) ? header : header.substring(0, tab);
		BurnCommand command = BurnCommand.find(keyword);
		if (command == null) {
			throw new IllegalArgumentException("unknown command '" + BurnIds.shorten(keyword) + "'");
		}
		return switch (command) {
			case INFO, ERROR, NAME -> parseFreeText(command, text);
			case QLIST, SLIST -> parseList(command, text);
			default -> {
				if (firstBreak >= 0) {
					throw new IllegalArgumentException(command.keyword() + " takes one line but the message has "
							+ (text.split("\n", -1).length) + " lines");
				}
				yield parseLine(command, new Fields(command, split(header, 1)));
			}
		};
	}

	private BurnMessage parseLine(BurnCommand command, Fields fields) {
		return switch (command) {
			case IDENT -> new Ident(fields.get(1, "version"));
			case ID -> new Id(fields.get(1, "version"), ClientType.ofWire(fields.get(2, "client type")),
					fields.get(3, "uid"));
			case CAPAB -> new Capab();
			case CAP -> parseCap(fields);
			case WHATIS -> new WhatIs(fields.get(1, "hash"));
			case STATUS -> parseStatus(fields);
			case BURN -> new Burn(fields.get(1, "hash"));
			case OPEN -> new Open();
			case QUEUE -> new Queue(fields.get(1, "hash"), parseInt(fields.get(2, "priority"), "priority"));
			case QOK -> new QueueOk();
			case QNO -> new QueueNo();
			case QREPORT -> new QueueReport();
			case SREPORT -> new StatusReport();
			case ASKCAPAB -> new AskCapab();
			case QCLEAR -> new QueueClear();
			case AUTH -> new Auth(fields.get(1, "token"));
			case INFO, ERROR, NAME, QLIST, SLIST -> throw new IllegalStateException("not a one-line command: " + command);
		};
	}

	private static Cap parseCap(Fields fields) {
		if (fields.size() == 1 || (fields.size() == 2 && fields.get(1, "burner type").isEmpty())) {
			// The original front ends answer CAPAB with a bare CAP: they have no drive.
			return Cap.none();
		}
		BurnerType type = BurnerType.ofWire(fields.get(1, "burner type"));
		List<String> hashes = new ArrayList<>();
		for (int i = 2; i < fields.size(); i++) {
			String hash = fields.get(i, "hash");
			// A sender joining an empty hash list after a trailing TAB still means "no images".
			if (!hash.isEmpty()) {
				hashes.add(BurnIds.hash(hash, "field " + i + " (hash)"));
			}
		}
		return new Cap(type, hashes);
	}

	private static BurnMessage parseStatus(Fields fields) {
		String first = fields.get(1, "media or hash");
		if (first.equals(Media.CDR.wire()) || first.equals(Media.DVD.wire())) {
			return new IdleStatus(Media.ofWire(first), DriveState.ofWire(fields.get(2, "drive state")));
		}
		String hash = BurnIds.hash(first, "field 1 (hash)");
		String second = fields.get(2, "percent or verdict");
		if (second.equals(Verdict.PASS.wire()) || second.equals(Verdict.FAIL.wire())) {
			return new VerifiedStatus(hash, Verdict.ofWire(second));
		}
		int percent = parsePercent(second);
		if (percent == 100 && fields.size() > 3 && fields.get(3, "TIME").equals("TIME")) {
			return new CompletedStatus(hash, parseSeconds(fields.get(4, "seconds")));
		}
		return new ProgressStatus(hash, percent);
	}

	private BurnMessage parseFreeText(BurnCommand command, String text) {
		String unescaped = unescapeBlankLines(text);
		return switch (command) {
			case INFO -> {
				String[] fields = unescaped.split("\t", 4);
				Fields named = new Fields(command, fields);
				String hash = named.get(1, "hash");
				if (hash.equals(InfoUnknown.ENOIDEA)) {
					// The optional hash after ENOIDEA is our extension; anything else there is ignored.
					String asked = (fields.length > 2) ? fields[2] : "";
					yield new InfoUnknown(BurnIds.isHex32(asked) ? asked : null);
				}
				yield new Info(inline(hash, "hash"), inline(named.get(2, "file name"), "file name"), named.optional(3));
			}
			case ERROR -> {
				Fields named = new Fields(command, unescaped.split("\t", 3));
				yield new ErrorReply(inline(named.get(1, "error code"), "error code"), named.optional(2));
			}
			case NAME -> {
				Fields named = new Fields(command, unescaped.split("\t", 3));
				yield new Name(inline(named.get(1, "uid"), "uid"), named.optional(2));
			}
			default -> throw new IllegalStateException("not a free-text command: " + command);
		};
	}

	private static String inline(String value, String field) {
		int lineBreak = value.indexOf('\n');
		if (lineBreak >= 0) {
			throw new IllegalArgumentException(field + " '" + BurnIds.shorten(value.substring(0, lineBreak))
					+ "' is followed by a line break; only the last field may span lines");
		}
		return value;
	}

	/**
	 * Undoes the blank-line escape: inside a message a line of n spaces (n at least 1) stands for
	 * n-1 spaces, so that an empty line of free text never looks like the terminator.
	 */
	static String unescapeBlankLines(String text) {
		if (text.indexOf("\n ") < 0) {
			return text;
		}
		String[] lines = text.split("\n", -1);
		StringBuilder result = new StringBuilder(text.length());
		result.append(lines[0]);
		for (int i = 1; i < lines.length; i++) {
			result.append('\n');
			String line = lines[i];
			result.append(isSpaces(line) ? line.substring(1) : line);
		}
		return result.toString();
	}

	static boolean isSpaces(String line) {
		for (int i = 0; i < line.length(); i++) {
			if (line.charAt(i) != ' ') {
				return false;
			}
		}
		return !line.isEmpty();
	}

	private BurnMessage parseList(BurnCommand command, String text) {
		String[] lines = text.split("\n", -1);
		String[] header = split(lines[0], 1);
		List<String[]> rows = new ArrayList<>();
		List<String> rowNames = new ArrayList<>();
		// The seed's "QLIST\t(..." form puts the entries' fields on the first line, three per entry.
		if (!(header.length == 1 || (header.length == 2 && header[1].isEmpty()))) {
			if ((header.length - 1) % 3 != 0) {
				throw new IllegalArgumentException(command.keyword() + " line 1 has " + (header.length - 1)
						+ " fields after the keyword; entries on the first line need 3 fields each");
			}
			for (int i = 1; i < header.length; i += 3) {
				rows.add(new String[] { header[i], header[i + 1], header[i + 2] });
				rowNames.add("line 1, entry " + (i / 3 + 1));
			}
		}
		for (int i = 1; i < lines.length; i++) {
			rows.add(split(lines[i], i + 1));
			rowNames.add("line " + (i + 1));
		}
		if (command == BurnCommand.QLIST) {
			List<QueueEntry> entries = new ArrayList<>(rows.size());
			for (int i = 0; i < rows.size(); i++) {
				entries.add(queueEntry(rows.get(i), command.keyword() + " " + rowNames.get(i)));
			}
			return new QueueList(entries);
		}
		List<BurnerStatus> burners = new ArrayList<>(rows.size());
		for (int i = 0; i < rows.size(); i++) {
			burners.add(burnerStatus(rows.get(i), command.keyword() + " " + rowNames.get(i)));
		}
		return new StatusList(burners);
	}

	private static QueueEntry queueEntry(String[] row, String where) {
		try {
			requireFields(row, 3, "<job id>, <hash>, <priority>");
			return new QueueEntry(row[0], row[1], parseInt(row[2], "priority"));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
		}
	}

	private static BurnerStatus burnerStatus(String[] row, String where) {
		try {
			requireFields(row, 3, "<uid>, <hash or ->, <state>");
			String hash = row[1].equals(BurnerStatus.NO_HASH) ? null : row[1];
			return new BurnerStatus(row[0], hash, BurnerState.ofWire(row[2]));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
		}
	}

	private static void requireFields(String[] row, int count, String expected) {
		if (row.length < count) {
			throw new IllegalArgumentException("has " + row.length + " fields but needs " + count + ": " + expected);
		}
	}

	private String[] split(String line, int lineNumber) {
		int fields = 1;
		for (int i = 0; i < line.length(); i++) {
			if (line.charAt(i) == '\t' && ++fields > this.maxFields) {
				throw new IllegalArgumentException("line " + lineNumber + " has more than " + this.maxFields
						+ " fields (maxFields)");
			}
		}
		return line.split("\t", -1);
	}

	static int parseInt(String value, String field) {
		int start = (value.startsWith("-")) ? 1 : 0;
		if (value.length() == start || value.length() - start > 10 || !digits(value, start, value.length())) {
			throw new IllegalArgumentException(field + " '" + BurnIds.shorten(value) + "' is not an integer");
		}
		long parsed = Long.parseLong(value);
		if (parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(field + " " + value + " is out of range");
		}
		return (int) parsed;
	}

	private static int parsePercent(String value) {
		// Burners in the seed report "50%"; the sign is accepted and never emitted.
		int end = value.endsWith("%") ? value.length() - 1 : value.length();
		if (end == 0 || end > 3 || !digits(value, 0, end)) {
			throw new IllegalArgumentException("field 2 '" + BurnIds.shorten(value)
					+ "' is neither a percentage nor PASS or FAIL");
		}
		int percent = Integer.parseInt(value, 0, end, 10);
		if (percent > 100) {
			throw new IllegalArgumentException("percentage " + percent + " is over 100");
		}
		return percent;
	}

	static Duration parseSeconds(String value) {
		int dot = value.indexOf('.');
		int intEnd = (dot < 0) ? value.length() : dot;
		boolean valid = intEnd > 0 && intEnd <= MAX_SECONDS_DIGITS && digits(value, 0, intEnd)
				&& (dot < 0 || (value.length() > dot + 1 && value.length() - dot - 1 <= 9
						&& digits(value, dot + 1, value.length())));
		if (!valid) {
			throw new IllegalArgumentException("seconds '" + BurnIds.shorten(value)
					+ "' is not a non-negative decimal number of seconds");
		}
		long seconds = Long.parseLong(value, 0, intEnd, 10);
		long millis = 0;
		if (dot >= 0) {
			String fraction = (value.substring(dot + 1) + "00").substring(0, 3);
			millis = Long.parseLong(fraction);
		}
		return Duration.ofSeconds(seconds).plusMillis(millis);
	}

	static String formatSeconds(Duration duration) {
		long millis = duration.toMillis();
		long seconds = millis / 1000;
		int fraction = (int) (millis % 1000);
		if (fraction == 0) {
			return Long.toString(seconds);
		}
		String decimals = String.format("%03d", fraction);
		while (decimals.endsWith("0")) {
			decimals = decimals.substring(0, decimals.length() - 1);
		}
		return seconds + "." + decimals;
	}

	private static boolean digits(String value, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	/** The fields of one line with the command, so missing fields are reported by name. */
	private record Fields(BurnCommand command, String[] values) {

		String get(int index, String name) {
			if (index >= this.values.length) {
				throw new IllegalArgumentException(this.command.keyword() + " is missing field " + index + " (" + name
						+ ")");
			}
			return this.values[index];
		}

		String optional(int index) {
			return (index < this.values.length) ? this.values[index] : "";
		}

		int size() {
			return this.values.length;
		}

	}

}
