package io.mediafleet.schema.burn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mediafleet.schema.codec.WireCodes;
import org.jspecify.annotations.Nullable;

/**
 * The keyword that opens every burn-protocol message; each constant owns the keyword it emits
 * and the older spellings it still accepts.
 */
public enum BurnCommand {

	/** Server greeting with the protocol version. */
	IDENT("IDENT"),

	/** Client identification: version, client type, persistent UID. */
	ID("ID"),

	/** Request for the peer's capabilities. */
	CAPAB("CAPAB"),

	/** Capabilities: drive type and the hashes of the images held. */
	CAP("CAP"),

	/** Question about an image hash; {@code WHAT} is accepted as an older spelling. */
	WHATIS("WHATIS", "WHAT"),

	/** Answer to {@code WHATIS}: file name and description, or {@code ENOIDEA}. */
	INFO("INFO"),

	/** Burner status: idle drive state, burn progress, completion time or verification verdict. */
	STATUS("STATUS"),

	/** Server order to burn one image. */
	BURN("BURN"),

	/** Server order to open the tray. */
	OPEN("OPEN"),

	/** Error report with a code and free text. */
	ERROR("ERROR"),

	/** Front-end request to queue an image with a priority. */
	QUEUE("QUEUE"),

	/** Request accepted. */
	QOK("QOK"),

	/** Request refused. */
	QNO("QNO"),

	/** Request for the queue. */
	QREPORT("QREPORT"),

	/** The queue, one job per line. */
	QLIST("QLIST"),

	/** Request for the burners' states. */
	SREPORT("SREPORT"),

	/** The burners' states, one burner per line. */
	SLIST("SLIST"),

	/** Request for the server's capabilities; {@code ASKCAP} is accepted as a short spelling. */
	ASKCAPAB("ASKCAPAB", "ASKCAP"),

	/** Extension: give a burner a friendly name. */
	NAME("NAME"),

	/** Extension: clear the queue. */
	QCLEAR("QCLEAR"),

	/** Extension: authenticate the identified client with a credential (a JWT the admin API issues). */
	AUTH("AUTH");

	private static final Map<String, BurnCommand> BY_KEYWORD = indexWithAliases();

	private final String keyword;

	private final List<String> aliases;

	BurnCommand(String keyword, String... aliases) {
		this.keyword = keyword;
		this.aliases = List.of(aliases);
	}

	/** The keyword this suite emits. */
	public String keyword() {
		return this.keyword;
	}

	/** Other keywords accepted for this command, never emitted. */
	public List<String> aliases() {
		return this.aliases;
	}

	/**
	 * The command a keyword (or one of its aliases) names. Keywords are case-sensitive.
	 * @throws IllegalArgumentException if no command has that keyword
	 */
	public static BurnCommand ofKeyword(String keyword) {
		BurnCommand command = find(keyword);
		if (command == null) {
			throw new IllegalArgumentException("unknown command '" + keyword + "'");
		}
		return command;
	}

	static @Nullable BurnCommand find(String keyword) {
		return BY_KEYWORD.get(keyword);
	}

	private static Map<String, BurnCommand> indexWithAliases() {
		Map<String, BurnCommand> byKeyword = new HashMap<>(WireCodes.index(values(), BurnCommand::keyword));
		for (BurnCommand command : values()) {
			for (String alias : command.aliases) {
				BurnCommand previous = byKeyword.putIfAbsent(alias, command);
				if (previous != null) {
					throw new IllegalStateException("Alias '" + alias + "' of " + command + " is already " + previous);
				}
			}
		}
		return Map.copyOf(byKeyword);
	}

}
