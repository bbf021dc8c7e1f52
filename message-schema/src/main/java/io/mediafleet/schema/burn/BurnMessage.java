package io.mediafleet.schema.burn;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One message of the 'Buntu Stand burn-farm protocol; every record below is one message shape,
 * and {@link #command()} is the keyword that opens it on the wire.
 *
 * <p>Hashes and UIDs are stored in lowercase; free text (the last field of {@code INFO},
 * {@code ERROR} and {@code NAME}) stores every line break as {@code LF}. Records check their
 * fields on construction and throw {@link IllegalArgumentException}; the decoder turns that into
 * a {@link BurnCodecException}.
 */
public sealed interface BurnMessage {

	/** The command keyword that opens this message on the wire. */
	BurnCommand command();

	/**
	 * Server greeting, the first message on every connection: {@code IDENT\tV1}.
	 *
	 * @param version protocol version, {@code V1}
	 */
	record Ident(String version) implements BurnMessage {

		/** The only protocol version this suite speaks. */
		public static final String V1 = "V1";

		public Ident {
			version = BurnIds.token(version, "version");
		}

		/** Greeting for version {@code V1}. */
		public static Ident v1() {
			return new Ident(V1);
		}

		@Override
		public BurnCommand command() {
			return BurnCommand.IDENT;
		}

	}

	/**
	 * Client identification in answer to {@code IDENT}: {@code ID\tV1\t<type>\t<uid>}.
	 *
	 * @param version protocol version the client speaks
	 * @param clientType what the client is
	 * @param uid persistent 32-hex-digit identity of the client, kept across reconnects
	 */
	record Id(String version, ClientType clientType, String uid) implements BurnMessage {

		public Id {
			version = BurnIds.token(version, "version");
			Objects.requireNonNull(clientType, "clientType");
			uid = BurnIds.uid(uid, "uid");
		}

		/** Identification speaking version {@code V1}. */
		public static Id v1(ClientType clientType, String uid) {
			return new Id(Ident.V1, clientType, uid);
		}

		@Override
		public BurnCommand command() {
			return BurnCommand.ID;
		}

	}

	/** Request for the peer's capabilities: {@code CAPAB}. */
	record Capab() implements BurnMessage {

		@Override
		public BurnCommand command() {
			return BurnCommand.CAPAB;
		}

	}

	/**
	 * Capabilities: {@code CAP\t<BURNCDR|BURNDVD>\t<hash>\t<hash>...}, zero or more hashes, all on
	 * the first line. A bare {@code CAP\r\n\r\n} is what the original command and display clients
	 * answer to {@code CAPAB}: no drive, no images.
	 *
	 * @param burnerType the drive, {@code null} for a bare {@code CAP} (no burn capability)
	 * @param hashes md5 hashes of the images held, in the order sent; empty when there is no drive
	 */
	record Cap(@Nullable BurnerType burnerType, List<String> hashes) implements BurnMessage {

		public Cap {
			hashes = hashes.stream().map((hash) -> BurnIds.hash(hash, "hash")).toList();
			if (burnerType == null && !hashes.isEmpty()) {
				throw new IllegalArgumentException("CAP without a burner type cannot list images");
			}
		}

		/** A bare {@code CAP}: the sender has no drive. */
		public static Cap none() {
			return new Cap(null, List.of());
		}

		/** Capabilities of a drive holding the given images. */
		public static Cap of(BurnerType burnerType, String... hashes) {
			return new Cap(burnerType, List.of(hashes));
		}

		@Override
		public BurnCommand command() {
			return BurnCommand.CAP;
		}

	}

	/**
	 * Question about an image: {@code WHATIS\t<hash>} ({@code WHAT\t<hash>} accepted). The answer
	 * ({@link Info} or {@link InfoUnknown}) may come later, interleaved with other messages.
	 *
	 * @param hash md5 of the image asked about
	 */
	record WhatIs(String hash) implements BurnMessage {

		public WhatIs {
			hash = BurnIds.hash(hash, "hash");
		}

		@Override
		public BurnCommand command() {
			return BurnCommand.WHATIS;
		}

	}

	/**
	 * What an image is: {@code INFO\t<hash>\t<file name>\t<description>}. The description is free
	 * text and may span lines.
	 *
	 * @param hash md5 of the image
	 * @param fileName the ISO file name; no TAB, CR or LF
	 * @param description free text, lines separated by {@code LF}, TABs allowed
	 */
	record Info(String hash, String fileName, String description) implements BurnMessage {

		public Info {
			hash = BurnIds.hash(hash, "hash");
			fileName = BurnIds.inlineText(fileName, "file name");
			description = BurnIds.freeText(description);
		}

		@Override
		public BurnCommand command() {
			return BurnCommand.INFO;
		}

	}

	/**
	 * The asked side does not know the image: {@code INFO\tENOIDEA}, or (extension)
	 * {@code INFO\tENOIDEA\t<hash>} so the asker can tell which of several questions this answers.
	 *
	 * @param hash the hash asked about, or {@code null} to send the seed's bare form
	 */
	record InfoUnknown(@Nullable String hash) implements BurnMessage {

		/** The word in the hash position that marks this answer. */
		public static final String ENOIDEA = "ENOIDEA";

		public InfoUnknown {
			hash = (hash != null) ? BurnIds.hash(hash, "hash") : null;
		}

		/** The seed's bare form {@code INFO\tENOIDEA}. */
		public static InfoUnknown bare() {
			return new InfoUnknown(null);
		}

		@Override
		public BurnCommand command() {
			return BurnCommand.INFO;
		}

	}

	/**
	 * Idle burner report, repeated every few seconds until a {@code BURN} arrives:
	 * {@code STATUS\t<CDR|DVD>\t<AVAIL|EMPTY|OPEN>}.
	 *
	 * @param media the drive kind
	 * @param driveState tray and disc state
	 */
	record IdleStatus(Media media, DriveState driveState) implements BurnMessage {

		public IdleStatus {
			Objects.requireNonNull(media, "media");
			Objects.requireNonNull(driveState, "driveState");
		}

		@Override
		public BurnCommand command() {
			return BurnCommand.STATUS;
		}

	}

	/**
	 * Burn progress: {@code STATUS\t<hash>\t<percent>} at any percentage from 0 to 100.
	 *
	 * @param hash md5 of the image being burned
	 * @param percent 0 to 100
	 */
	record ProgressStatus(String hash, int percent) implements BurnMessage {

		public ProgressStatus {
			hash = BurnIds.hash(hash, "hash");
			if (percent < 0 || percent > 100) {
				throw new IllegalArgumentException("percent must be 0 to 100 but was " + percent);
			}
		}

		@Override
		public BurnCommand command() {
			return BurnCommand.STATUS;
		}

	}

	/**
	 * Burn finished, verification starts: {@code STATUS\t<hash>\t100\tTIME\t<seconds>}.
	 *
	 * @param hash md5 of the image burned
	 * @param burnTime how long the burn took, non-negative, millisecond precision (finer parts
	 * are dropped); written as seconds with up to three decimals
	 */
	record CompletedStatus(String hash, Duration burnTime) implements BurnMessage {

		public CompletedStatus {
			hash = BurnIds.hash(hash, "hash");
			if (burnTime.isNegative()) {
				throw new IllegalArgumentException("burn time must not be negative but was " + burnTime);
			}
			burnTime = Duration.ofMillis(burnTime.toMillis());
		}

		@Override
		public BurnCommand command() {
			return BurnCommand.STATUS;
		}

	}

	/**
	 * Verification outcome, which completes one disc: {@code STATUS\t<hash>\t<PASS|FAIL>}.
	 *
	 * @param hash md5 of the image burned
	 * @param verdict whether the disc read back matches the image
	 */
	record VerifiedStatus(String hash, Verdict verdict) implements BurnMessage {

		public VerifiedStatus {
			hash = BurnIds.hash(hash, "hash");
			Objects.requireNonNull(verdict, "verdict");
		}

		@Override
		public BurnCommand command() {
			return BurnCommand.STATUS;
		}

	}

	/**
	 * Server order to burn an image: {@code BURN\t<hash>}.
	 *
	 * @param hash md5 of the image to burn
	 */
	record Burn(String hash) implements BurnMessage {

		public Burn {
			hash = BurnIds.hash(hash, "hash");
		}

		@Override
		public BurnCommand command() {
			return BurnCommand.BURN;
		}

	}

	/** Server order to open the tray: {@code OPEN}. */
	record Open() implements BurnMessage {

		@Override
		public BurnCommand command() {
			return BurnCommand.OPEN;
		}

	}

	/**
	 * Error report: {@code ERROR\t<code>\t<text>}, the text free and possibly spanning lines.
	 *
	 * @param code one word, see {@link BurnErrorCodes} for the ones this suite sends
	 * @param text free text, lines separated by {@code LF}, TABs allowed, may be empty
	 */
	record ErrorReply(String code, String text) implements BurnMessage {

		public ErrorReply {
			code = BurnIds.token(code, "error code");
			text = BurnIds.freeText(text);
		}

		/** Error with the given code and text. */
		public static ErrorReply of(String code, String text) {
			return new ErrorReply(code, text);
		}

		@Override
		public BurnCommand command() {
			return BurnCommand.ERROR;
		}

	}

	/**
	 * Front-end request to queue an image: {@code QUEUE\t<hash>\t<priority>}, answered by
	 * {@code QOK} or {@code QNO}.
	 *
	 * @param hash md5 of the image
	 * @param priority lower numbers burn first
	 */
	record Queue(String hash, int priority) implements BurnMessage {

		public Queue {
			hash = BurnIds.hash(hash, "hash");
		}

		@Override
		public BurnCommand command() {
			return BurnCommand.QUEUE;
		}

	}

	/** Request accepted: {@code QOK}. */
	record QueueOk() implements BurnMessage {

		@Override
		public BurnCommand command() {
			return BurnCommand.QOK;
		}

	}

	/** Request refused: {@code QNO}. */
	record QueueNo() implements BurnMessage {

		@Override
		public BurnCommand command() {
			return BurnCommand.QNO;
		}

	}

	/** Request for the queue: {@code QREPORT}, answered by {@code QLIST}. */
	record QueueReport() implements BurnMessage {

		@Override
		public BurnCommand command() {
			return BurnCommand.QREPORT;
		}

	}

	/**
	 * The queue in burn order: {@code QLIST} on the first line, then one
	 * {@code <job id>\t<hash>\t<priority>} line per job.
	 *
	 * @param entries the jobs, possibly none
	 */
	record QueueList(List<QueueEntry> entries) implements BurnMessage {

		public QueueList {
			entries = List.copyOf(entries);
		}

		/** Queue list of the given jobs. */
		public static QueueList of(QueueEntry... entries) {
			return new QueueList(List.of(entries));
		}

		@Override
		public BurnCommand command() {
			return BurnCommand.QLIST;
		}

	}

	/** Request for the burners' states: {@code SREPORT}, answered by {@code SLIST}. */
	record StatusReport() implements BurnMessage {

		@Override
		public BurnCommand command() {
			return BurnCommand.SREPORT;
		}

	}

	/**
	 * The burners' states: {@code SLIST} on the first line, then one
	 * {@code <uid>\t<hash or ->\t<state>} line per burner.
	 *
	 * @param burners the burners, possibly none
	 */
	record StatusList(List<BurnerStatus> burners) implements BurnMessage {

		public StatusList {
			burners = List.copyOf(burners);
		}

		/** Status list of the given burners. */
		public static StatusList of(BurnerStatus... burners) {
			return new StatusList(List.of(burners));
		}

		@Override
		public BurnCommand command() {
			return BurnCommand.SLIST;
		}

	}

	/**
	 * Request for the server's capabilities: {@code ASKCAPAB} ({@code ASKCAP} accepted), answered
	 * by {@code CAP}.
	 */
	record AskCapab() implements BurnMessage {

		@Override
		public BurnCommand command() {
			return BurnCommand.ASKCAPAB;
		}

	}

	/**
	 * Extension: give a burner a friendly name shown on displays: {@code NAME\t<uid>\t<name>},
	 * answered by {@code QOK}. An empty name clears it.
	 *
	 * @param uid the burner's UID
	 * @param friendlyName free text, lines separated by {@code LF}, may be empty
	 */
	record Name(String uid, String friendlyName) implements BurnMessage {

		public Name {
			uid = BurnIds.uid(uid, "uid");
			friendlyName = BurnIds.freeText(friendlyName);
		}

		@Override
		public BurnCommand command() {
			return BurnCommand.NAME;
		}

	}

	/** Extension: clear the queue: {@code QCLEAR}, answered by {@code QOK}. */
	record QueueClear() implements BurnMessage {

		@Override
		public BurnCommand command() {
			return BurnCommand.QCLEAR;
		}

	}

	/**
	 * Extension: authenticate after {@code ID} with a credential the admin API issues (a link JWT):
	 * {@code AUTH\t<token>}, answered by {@code CAPAB} when accepted and {@code ERROR\tAUTH\t<text>} when not.
	 * The token is shown by {@link #toString()} only by its length, so it never lands in a log.
	 *
	 * @param token 1 to {@value #MAX_TOKEN_LENGTH} printable ASCII characters without spaces
	 */
	record Auth(String token) implements BurnMessage {

		/** Longest credential accepted (a link JWT is a few hundred characters). */
		public static final int MAX_TOKEN_LENGTH = 4096;

		public Auth {
			token = BurnIds.credential(token, MAX_TOKEN_LENGTH);
		}

		@Override
		public BurnCommand command() {
			return BurnCommand.AUTH;
		}

		@Override
		public String toString() {
			return "Auth[token=<" + this.token.length() + " characters>]";
		}

	}

}
