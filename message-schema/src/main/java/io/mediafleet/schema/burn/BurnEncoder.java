package io.mediafleet.schema.burn;

import java.nio.charset.StandardCharsets;

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
 * Writes {@link BurnMessage}s in the form this suite emits: fields separated by TAB, lines by
 * CRLF, every message ended by an empty line, text in UTF-8.
 *
 * <p>For example {@code ErrorReply.of("NOISO", "no image\n\nask")} is written as the 32 bytes
 * <pre>
 * 45 52 52 4f 52 09 4e 4f 49 53 4f 09 6e 6f 20 69 6d 61 67 65 0d 0a 20 0d 0a 61 73 6b 0d 0a 0d 0a
 * E  R  R  O  R  \t N  O  I  S  O  \t n  o     i  m  a  g  e  \r \n    \r \n a  s  k  \r \n \r \n
 * </pre>
 * where the free text's empty line travels as a line holding one space ({@code \r\n \r\n}) so
 * that it cannot be mistaken for the terminator. In general a free-text line of n spaces (n at
 * least 0) after the first line is written with n+1 spaces; the decoder removes one.
 *
 * <p>Emits the canonical keywords ({@code WHATIS}, {@code ASKCAPAB}), lowercase hashes and
 * UIDs, and {@code QLIST}/{@code SLIST} entries one per line. Instances are stateless and
 * thread-safe.
 */
public final class BurnEncoder {

	private static final String TAB = "\t";

	private static final String CRLF = "\r\n";

	/** The bytes of one message, terminator included. */
	public byte[] encode(BurnMessage message) {
		return encodeToString(message).getBytes(StandardCharsets.UTF_8);
	}

	/** The text of one message, terminator included; handy for logs and tests. */
	public String encodeToString(BurnMessage message) {
		StringBuilder out = new StringBuilder(64);
		out.append(message.command().keyword());
		switch (message) {
			case Ident ident -> field(out, ident.version());
			case Id id -> field(field(field(out, id.version()), id.clientType().wire()), id.uid());
			case Capab ignored -> {
			}
			case Cap cap -> {
				if (cap.burnerType() != null) {
					field(out, cap.burnerType().wire());
					cap.hashes().forEach((hash) -> field(out, hash));
				}
			}
			case WhatIs whatIs -> field(out, whatIs.hash());
			case Info info -> freeText(field(field(out, info.hash()), info.fileName()), info.description());
			case InfoUnknown unknown -> {
				field(out, InfoUnknown.ENOIDEA);
				if (unknown.hash() != null) {
					field(out, unknown.hash());
				}
			}
			case IdleStatus idle -> field(field(out, idle.media().wire()), idle.driveState().wire());
			case ProgressStatus progress -> field(field(out, progress.hash()), Integer.toString(progress.percent()));
			case CompletedStatus done -> field(field(field(field(out, done.hash()), "100"), "TIME"),
					BurnParser.formatSeconds(done.burnTime()));
			case VerifiedStatus verified -> field(field(out, verified.hash()), verified.verdict().wire());
			case Burn burn -> field(out, burn.hash());
			case Open ignored -> {
			}
			case ErrorReply error -> freeText(field(out, error.code()), error.text());
			case Queue queue -> field(field(out, queue.hash()), Integer.toString(queue.priority()));
			case QueueOk ignored -> {
			}
			case QueueNo ignored -> {
			}
			case QueueReport ignored -> {
			}
			case QueueList list -> list.entries().forEach((entry) -> out.append(CRLF)
				.append(entry.jobId()).append(TAB).append(entry.hash()).append(TAB).append(entry.priority()));
			case StatusReport ignored -> {
			}
			case StatusList list -> list.burners().forEach((burner) -> out.append(CRLF)
				.append(burner.uid()).append(TAB)
				.append((burner.hash() != null) ? burner.hash() : BurnerStatus.NO_HASH).append(TAB)
				.append(burner.state().wire()));
			case AskCapab ignored -> {
			}
			case Name name -> freeText(field(out, name.uid()), name.friendlyName());
			case QueueClear ignored -> {
			}
			case Auth auth -> field(out, auth.token());
		}
		return out.append(CRLF).append(CRLF).toString();
	}

	private static StringBuilder field(StringBuilder out, String value) {
		return out.append(TAB).append(value);
	}

	private static void freeText(StringBuilder out, String text) {
		out.append(TAB);
		int start = 0;
		boolean firstLine = true;
		while (true) {
			int end = text.indexOf('\n', start);
			String line = (end < 0) ? text.substring(start) : text.substring(start, end);
			if (!firstLine) {
				out.append(CRLF);
				// A line of spaces (or none) gets one more, so no line of the message is ever empty.
				if (line.isEmpty() || BurnParser.isSpaces(line)) {
					out.append(' ');
				}
			}
			out.append(line);
			if (end < 0) {
				return;
			}
			start = end + 1;
			firstLine = false;
		}
	}

}
