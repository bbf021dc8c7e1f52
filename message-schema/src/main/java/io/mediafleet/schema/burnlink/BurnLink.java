package io.mediafleet.schema.burnlink;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mediafleet.schema.burn.BurnerState;
import io.mediafleet.schema.burn.BurnerTransport;
import io.mediafleet.schema.burn.BurnerType;
import io.mediafleet.schema.burn.DriveState;
import io.mediafleet.schema.burn.Media;
import io.mediafleet.schema.burn.Verdict;
import io.mediafleet.schema.json.Fields;
import io.mediafleet.schema.link.Direction;
import io.mediafleet.schema.link.LinkCatalogue;
import io.mediafleet.schema.link.LinkEventData;
import io.mediafleet.schema.link.LinkRequestData;
import io.mediafleet.schema.link.LinkResponseData;
import org.jspecify.annotations.Nullable;

/**
 * The burn farm's messages on the link (the same operations as the TCP line protocol) and the catalogue that
 * registers them with the core messages.
 *
 * <p>Example, a burner reporting progress and the master asking it to burn:
 * <pre>{@code
 * {"seq":7,"type":"burn_progress_event","data":{"hash":"d41d8cd98f00b204e9800998ecf8427e","percent":50}}
 * {"seq":3,"type":"burn_request","data":{"hash":"d41d8cd98f00b204e9800998ecf8427e"}}
 * }</pre>
 */
public final class BurnLink {

	private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");

	private static final LinkCatalogue CATALOGUE = registerMessages(LinkCatalogue.builder().withCoreMessages())
		.build();

	private BurnLink() {
	}

	/** The core messages plus every burn farm message. */
	public static LinkCatalogue catalogue() {
		return CATALOGUE;
	}

	/**
	 * Registers every burn farm message on {@code builder}, so that a master serving more than the burn farm can
	 * build one catalogue from each feature's messages.
	 * @param builder a catalogue under construction (with or without the core messages)
	 * @return {@code builder}
	 */
	public static LinkCatalogue.Builder registerMessages(LinkCatalogue.Builder builder) {
		return builder
			.event("burner_capabilities_event", BurnerCapabilities.class, Direction.SLAVE_TO_MASTER)
			.event("burner_status_event", BurnerIdle.class, Direction.SLAVE_TO_MASTER)
			.event("burn_progress_event", BurnProgress.class, Direction.SLAVE_TO_MASTER)
			.event("burn_completed_event", BurnCompleted.class, Direction.SLAVE_TO_MASTER)
			.event("burn_verified_event", BurnVerified.class, Direction.SLAVE_TO_MASTER)
			.event("burn_error_event", BurnError.class, Direction.SLAVE_TO_MASTER)
			.request("burn_request", BurnOrder.class, Accepted.class, Direction.MASTER_TO_SLAVE)
			.event("eject_event", Eject.class, Direction.MASTER_TO_SLAVE)
			.request("queue_add_request", QueueAdd.class, QueueAdded.class, Direction.CONTROL_TO_MASTER)
			.request("queue_list_request", QueueListQuery.class, QueueListing.class, Direction.CONTROL_TO_MASTER)
			.request("queue_clear_request", QueueClearOrder.class, Accepted.class, Direction.CONTROL_TO_MASTER)
			.request("burner_list_request", BurnerListQuery.class, BurnerListing.class, Direction.CONTROL_TO_MASTER)
			.request("burner_name_request", BurnerName.class, Accepted.class, Direction.CONTROL_TO_MASTER)
			.event("burner_changed_event", BurnerInfo.class, Direction.MASTER_TO_CONTROL)
			.event("queue_changed_event", QueueChanged.class, Direction.MASTER_TO_CONTROL);
	}

	static String hex32(@Nullable String value, String name) {
		Fields.requiredText(value, name);
		if (!HEX32.matcher(value).matches()) {
			throw new IllegalArgumentException("field '" + name + "' must be 32 hex digits");
		}
		return value.toLowerCase(Locale.ROOT);
	}

	/**
	 * One ISO image a burner holds.
	 *
	 * @param hash md5 of the image
	 * @param fileName file name on the burner
	 * @param description free text, may be empty
	 * @param sizeBytes length of the image in bytes
	 */
	public record Image(@JsonProperty("hash") String hash, @JsonProperty("file_name") String fileName,
			@JsonProperty("description") String description, @JsonProperty("size_bytes") long sizeBytes) {

		public Image {
			hash = BurnLink.hex32(hash, "hash");
			Fields.requiredText(fileName, "file_name");
			description = (description != null) ? description : "";
			if (sizeBytes < 0) {
				throw new IllegalArgumentException("field 'size_bytes' must not be negative");
			}
		}

	}

	/**
	 * {@code burner_capabilities_event}: who the burner is and what it can burn (the link's {@code ID} + {@code CAP}
	 * + {@code INFO}).
	 *
	 * @param uid the burner's persistent 32-hex-digit UID
	 * @param burnerType {@code BURNCDR} or {@code BURNDVD}, the line protocol's {@link BurnerType}
	 * @param images every image it holds
	 */
	public record BurnerCapabilities(@JsonProperty("uid") String uid,
			@JsonProperty("burner_type") BurnerType burnerType, @JsonProperty("images") List<Image> images)
			implements LinkEventData {

		public BurnerCapabilities {
			uid = BurnLink.hex32(uid, "uid");
			Fields.required(burnerType, "burner_type");
			images = List.copyOf(Fields.required(images, "images"));
		}

	}

	/**
	 * {@code burner_status_event}: the idle report ({@code STATUS\tDVD\tAVAIL}).
	 *
	 * @param media {@code CDR} or {@code DVD} ({@link Media})
	 * @param driveState {@code AVAIL}, {@code EMPTY} or {@code OPEN} ({@link DriveState})
	 */
	public record BurnerIdle(@JsonProperty("media") Media media, @JsonProperty("drive_state") DriveState driveState)
			implements LinkEventData {

		public BurnerIdle {
			Fields.required(media, "media");
			Fields.required(driveState, "drive_state");
		}

	}

	/**
	 * {@code burn_progress_event}: percentage written.
	 *
	 * @param hash the image being burnt
	 * @param percent 0 to 100
	 */
	public record BurnProgress(@JsonProperty("hash") String hash, @JsonProperty("percent") int percent)
			implements LinkEventData {

		public BurnProgress {
			hash = BurnLink.hex32(hash, "hash");
			if (percent < 0 || percent > 100) {
				throw new IllegalArgumentException("field 'percent' must be 0 to 100");
			}
		}

	}

	/**
	 * {@code burn_completed_event}: the burn finished, verification starts.
	 *
	 * @param hash the image
	 * @param seconds how long writing took
	 */
	public record BurnCompleted(@JsonProperty("hash") String hash, @JsonProperty("seconds") double seconds)
			implements LinkEventData {

		public BurnCompleted {
			hash = BurnLink.hex32(hash, "hash");
			if (!(seconds >= 0) || Double.isInfinite(seconds)) {
				throw new IllegalArgumentException("field 'seconds' must be a finite non-negative number");
			}
		}

	}

	/**
	 * {@code burn_verified_event}: the verdict of reading the disc back.
	 *
	 * @param hash the image
	 * @param verdict {@code PASS} or {@code FAIL} ({@link Verdict})
	 */
	public record BurnVerified(@JsonProperty("hash") String hash, @JsonProperty("verdict") Verdict verdict)
			implements LinkEventData {

		public BurnVerified {
			hash = BurnLink.hex32(hash, "hash");
			Fields.required(verdict, "verdict");
		}

	}

	/**
	 * {@code burn_error_event}: the line protocol's {@code ERROR} from a burner, e.g. {@code NOISO}.
	 *
	 * @param code one-word code
	 * @param text for people
	 */
	public record BurnError(@JsonProperty("code") String code, @JsonProperty("text") String text)
			implements LinkEventData {

		public BurnError {
			Fields.requiredText(code, "code");
			text = (text != null) ? text : "";
		}

	}

	/**
	 * {@code burn_request}: burn this image now; answered at once with {@link Accepted} or an error (e.g.
	 * {@code NOISO ...}), the outcome follows as events.
	 *
	 * @param hash the image
	 */
	public record BurnOrder(@JsonProperty("hash") String hash) implements LinkRequestData {

		public BurnOrder {
			hash = BurnLink.hex32(hash, "hash");
		}

	}

	/** {@code eject_event}: open the tray (the line protocol's {@code OPEN}). */
	public record Eject() implements LinkEventData {
	}

	/**
	 * A result that only says the request was carried out.
	 *
	 * @param accepted always {@code true}
	 */
	public record Accepted(@JsonProperty("accepted") boolean accepted) implements LinkResponseData {

		/** The one value. */
		public static Accepted yes() {
			return new Accepted(true);
		}

	}

	/**
	 * {@code queue_add_request}: queue copies of an image.
	 *
	 * @param hash the image
	 * @param priority lower burns first
	 * @param copies how many discs, at least 1 (absent: 1)
	 */
	public record QueueAdd(@JsonProperty("hash") String hash, @JsonProperty("priority") int priority,
			@JsonProperty("copies") @Nullable Integer copies) implements LinkRequestData {

		public QueueAdd {
			hash = BurnLink.hex32(hash, "hash");
			if (copies != null && (copies < 1 || copies > 1000)) {
				throw new IllegalArgumentException("field 'copies' must be 1 to 1000");
			}
		}

	}

	/**
	 * Result of {@code queue_add_request}.
	 *
	 * @param jobId the new job's id
	 */
	public record QueueAdded(@JsonProperty("job_id") long jobId) implements LinkResponseData {
	}

	/** {@code queue_list_request}: the queue in burn order. */
	public record QueueListQuery() implements LinkRequestData {
	}

	/**
	 * One queued or burning job.
	 *
	 * @param jobId id
	 * @param hash image
	 * @param priority as queued (aging applies on top)
	 * @param copies discs wanted
	 * @param passed discs verified so far
	 * @param burners UIDs burning it now
	 */
	public record Job(@JsonProperty("job_id") long jobId, @JsonProperty("hash") String hash,
			@JsonProperty("priority") int priority, @JsonProperty("copies") int copies,
			@JsonProperty("passed") int passed, @JsonProperty("burners") List<String> burners) {

		public Job {
			burners = (burners != null) ? List.copyOf(burners) : List.of();
		}

	}

	/**
	 * Result of {@code queue_list_request}.
	 *
	 * @param jobs in burn order
	 */
	public record QueueListing(@JsonProperty("jobs") List<Job> jobs) implements LinkResponseData {

		public QueueListing {
			jobs = List.copyOf(Fields.required(jobs, "jobs"));
		}

	}

	/** {@code queue_clear_request}: drop every job not being burnt. */
	public record QueueClearOrder() implements LinkRequestData {
	}

	/** {@code burner_list_request}: every known burner. */
	public record BurnerListQuery() implements LinkRequestData {
	}

	/**
	 * A burner as the master tracks it; also the {@code burner_changed_event}.
	 *
	 * @param uid persistent UID
	 * @param name friendly name, may be empty
	 * @param hash image being burnt or last burnt, {@code null} when none
	 * @param state the burner's state, written as the line protocol writes it ({@code AVAIL}, {@code BURN}, ...)
	 * @param transport how it is connected ({@code tcp} or {@code link}), {@code null} when disconnected
	 * @param percent progress of the burn in {@code BURN} (0-100), {@code null} in every other state; an extension
	 * that older readers ignore
	 */
	public record BurnerInfo(@JsonProperty("uid") String uid, @JsonProperty("name") String name,
			@JsonProperty("hash") @Nullable String hash, @JsonProperty("state") BurnerState state,
			@JsonProperty("transport") @Nullable BurnerTransport transport,
			@JsonProperty("percent") @Nullable Integer percent) implements LinkEventData {

		public BurnerInfo {
			uid = BurnLink.hex32(uid, "uid");
			name = (name != null) ? name : "";
			Fields.required(state, "state");
			if (percent != null && (percent < 0 || percent > 100)) {
				throw new IllegalArgumentException("field 'percent' must be 0 to 100");
			}
		}

		/** A burner without progress (any state but {@code BURN}). */
		public BurnerInfo(String uid, String name, @Nullable String hash, BurnerState state,
				@Nullable BurnerTransport transport) {
			this(uid, name, hash, state, transport, null);
		}

	}

	/**
	 * Result of {@code burner_list_request}.
	 *
	 * @param burners every known burner
	 */
	public record BurnerListing(@JsonProperty("burners") List<BurnerInfo> burners) implements LinkResponseData {

		public BurnerListing {
			burners = List.copyOf(Fields.required(burners, "burners"));
		}

	}

	/**
	 * {@code burner_name_request}: give a burner a friendly name (empty clears it).
	 *
	 * @param uid the burner
	 * @param name the name
	 */
	public record BurnerName(@JsonProperty("uid") String uid, @JsonProperty("name") String name)
			implements LinkRequestData {

		public BurnerName {
			uid = BurnLink.hex32(uid, "uid");
			name = (name != null) ? name : "";
			if (name.length() > 200 || name.contains("\t") || name.contains("\n") || name.contains("\r")) {
				throw new IllegalArgumentException("field 'name' must be one line of at most 200 characters");
			}
		}

	}

	/**
	 * {@code queue_changed_event}: the whole queue after a change.
	 *
	 * @param jobs in burn order
	 */
	public record QueueChanged(@JsonProperty("jobs") List<Job> jobs) implements LinkEventData {

		public QueueChanged {
			jobs = List.copyOf(Fields.required(jobs, "jobs"));
		}

	}

}
