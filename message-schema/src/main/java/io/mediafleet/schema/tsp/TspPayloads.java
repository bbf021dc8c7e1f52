package io.mediafleet.schema.tsp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import io.mediafleet.schema.codec.Limits;

/**
 * Reads and writes the line-based payloads of TSP frames: {@code INIT} (the peer's address and
 * song lines) and catalogue payloads ({@code LIST}, {@code INFO} and {@code BROADCAST_LIST}
 * answers).
 *
 * <p>A payload is UTF-8 text, one item per line; lines end with LF (a CR before it is
 * ignored), the last line may lack it, and empty lines are skipped. An {@code INIT} payload may
 * start with the header lines {@code TOKEN\t<secret>} and {@code PEER\t<host>:<port>}, in any
 * order, each at most once:
 * <pre>
 * TOKEN\tq8Vz3k...\n
 * PEER\t10.0.0.5:7001\n
 * Hey Jude, The Beatles &gt; hey_jude.mp3\n
 * 0f343b0931126a20f133d67c2b018a3b\t7340032\t431.2\tLet It Be\tThe Beatles\tlet_it_be.mp3\n
 * </pre>
 * See {@link SongLines} for the line forms. A malformed payload raises a
 * {@link TspCodecException} naming the line; the frame around it was fine, so the connection
 * stays usable.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxLineLength}: longest line in bytes, LF excluded (default
 * {@value #DEFAULT_MAX_LINE_LENGTH}).</li>
 * <li>{@code maxLines}: most non-empty lines in one payload (default
 * {@value #DEFAULT_MAX_LINES}).</li>
 * </ul>
 * The payload itself is bounded by {@link TspDecoder}'s {@code maxPayloadBytes}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TspPayloads {

	/** Default longest line: 4 KiB. */
	public static final int DEFAULT_MAX_LINE_LENGTH = 4 * 1024;

	/** Default most lines per payload: 20,000. */
	public static final int DEFAULT_MAX_LINES = 20_000;

	/** Keyword of the optional {@code INIT} header line carrying the peer's address. */
	public static final String PEER = "PEER";

	/** Keyword of the optional {@code INIT} header line carrying the tracker's peer token (our extension). */
	public static final String TOKEN = "TOKEN";

	/** Longest token a {@code TOKEN} line may carry. */
	public static final int MAX_TOKEN_LENGTH = 256;

	private final int maxLineLength;

	private final int maxLines;

	/** Payload codec with the default limits. */
	public TspPayloads() {
		this(DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_LINES);
	}

	/**
	 * Payload codec with the given limits.
	 * @throws IllegalArgumentException if a limit is below 1
	 */
	public TspPayloads(int maxLineLength, int maxLines) {
		this.maxLineLength = Limits.requirePositive("maxLineLength", maxLineLength);
		this.maxLines = Limits.requirePositive("maxLines", maxLines);
	}

	/**
	 * Reads an {@code INIT} payload.
	 * @throws TspCodecException naming the line that is wrong
	 */
	public InitPayload parseInit(byte[] payload) {
		List<NumberedLine> lines = lines(payload, "INIT");
		PeerAddress address = null;
		String token = null;
		int first = 0;
		// header lines (PEER, TOKEN) come first, in any order, each at most once
		while (first < lines.size()) {
			NumberedLine line = lines.get(first);
			if (line.text().startsWith(PEER + "\t")) {
				if (address != null) {
					throw new TspCodecException("INIT line " + line.number() + ": a second PEER line");
				}
				try {
					address = PeerAddress.parse(line.text().substring(PEER.length() + 1).strip());
				}
				catch (IllegalArgumentException ex) {
					throw new TspCodecException("INIT line " + line.number() + ": " + ex.getMessage(), ex);
				}
			}
			else if (line.text().startsWith(TOKEN + "\t")) {
				if (token != null) {
					throw new TspCodecException("INIT line " + line.number() + ": a second TOKEN line");
				}
				token = line.text().substring(TOKEN.length() + 1);
				try {
					checkToken(token);
				}
				catch (IllegalArgumentException ex) {
					// never echo the token: the answer may be logged
					throw new TspCodecException("INIT line " + line.number() + ": " + ex.getMessage(), ex);
				}
			}
			else {
				break;
			}
			first++;
		}
		List<SongLine> songs = new ArrayList<>(lines.size() - first);
		for (NumberedLine line : lines.subList(first, lines.size())) {
			songs.add(prefixed("INIT", line, SongLines::parse));
		}
		return new InitPayload(token, address, songs);
	}

	/**
	 * Writes an {@code INIT} payload: the {@code TOKEN} line if there is a token (first, so a tracker can refuse
	 * before reading songs), the {@code PEER} line if there is an address, then one extended song line per song.
	 */
	public byte[] formatInit(InitPayload init) {
		StringBuilder out = new StringBuilder();
		if (init.token() != null) {
			out.append(TOKEN).append('\t').append(init.token()).append('\n');
		}
		if (init.listenAddress() != null) {
			out.append(PEER).append('\t').append(init.listenAddress()).append('\n');
		}
		for (SongLine song : init.songs()) {
			out.append(SongLines.format(song)).append('\n');
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Checks that {@code token} can travel in a {@code TOKEN} line: 1 to {@value #MAX_TOKEN_LENGTH} printable
	 * characters, no spaces, TABs or control characters.
	 * @throws IllegalArgumentException saying what is wrong, without the token
	 */
	public static String checkToken(String token) {
		if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
			throw new IllegalArgumentException("TOKEN must have 1 to " + MAX_TOKEN_LENGTH + " characters but has "
					+ token.length());
		}
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (c <= ' ' || c == 0x7f) {
				throw new IllegalArgumentException("TOKEN contains a space or control character at index " + i);
			}
		}
		return token;
	}

	/**
	 * Reads a catalogue payload ({@code LIST}, {@code INFO} or {@code BROADCAST_LIST}).
	 * @throws TspCodecException naming the line that is wrong
	 */
	public List<CatalogueEntry> parseCatalogue(byte[] payload) {
		List<NumberedLine> lines = lines(payload, "catalogue");
		List<CatalogueEntry> entries = new ArrayList<>(lines.size());
		for (NumberedLine line : lines) {
			entries.add(prefixed("catalogue", line, SongLines::parseEntry));
		}
		return entries;
	}

	/** Writes a catalogue payload, one entry per line. */
	public byte[] formatCatalogue(List<CatalogueEntry> entries) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (CatalogueEntry entry : entries) {
			out.writeBytes((SongLines.formatEntry(entry) + "\n").getBytes(StandardCharsets.UTF_8));
		}
		return out.toByteArray();
	}

	private static <T> T prefixed(String payload, NumberedLine line, BiFunction<String, Integer, T> parser) {
		try {
			return parser.apply(line.text(), line.number());
		}
		catch (TspCodecException ex) {
			throw new TspCodecException(payload + " " + ex.getMessage(), ex);
		}
	}

	private List<NumberedLine> lines(byte[] payload, String what) {
		CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		List<NumberedLine> lines = new ArrayList<>();
		int start = 0;
		int number = 0;
		while (start < payload.length) {
			number++;
			int end = start;
			while (end < payload.length && payload[end] != '\n') {
				end++;
			}
			int next = end + 1;
			if (end > start && payload[end - 1] == '\r') {
				end--;
			}
			if (end - start > this.maxLineLength) {
				throw new TspCodecException(what + " line " + number + " is longer than " + this.maxLineLength
						+ " bytes (maxLineLength)");
			}
			if (end > start) {
				if (lines.size() == this.maxLines) {
					throw new TspCodecException(what + " payload has more than " + this.maxLines
							+ " lines (maxLines)");
				}
				lines.add(new NumberedLine(number, decode(utf8, payload, start, end, what, number)));
			}
			start = next;
		}
		return lines;
	}

	private static String decode(CharsetDecoder utf8, byte[] payload, int start, int end, String what, int number) {
		utf8.reset();
		ByteBuffer bytes = ByteBuffer.wrap(payload, start, end - start);
		CharBuffer chars = CharBuffer.allocate(end - start);
		CoderResult result = utf8.decode(bytes, chars, true);
		if (result.isError()) {
			throw new TspCodecException(what + " line " + number + " is not valid UTF-8 at byte "
					+ (bytes.position() - start) + " of the line");
		}
		utf8.flush(chars);
		return chars.flip().toString();
	}

	private record NumberedLine(int number, String text) {
	}

}
