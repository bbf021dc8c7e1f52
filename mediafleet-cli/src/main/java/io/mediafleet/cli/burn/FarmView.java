package io.mediafleet.cli.burn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mediafleet.cli.Table;
import io.mediafleet.schema.burn.BurnerState;
import io.mediafleet.schema.burn.BurnerStatus;
import io.mediafleet.schema.burn.QueueEntry;
import org.jspecify.annotations.Nullable;

/**
 * What {@code burn watch} knows of the farm: the queue in burn order, every burner with its state, and what it
 * learnt besides (image file names from {@code INFO}, friendly names and progress from the REST API); and the
 * full-screen view of it.
 */
final class FarmView {

	/** One burner as shown. */
	static final class Burner {

		final String uid;

		BurnerState state;

		@Nullable String hash;

		@Nullable String name;

		@Nullable Integer percent;

		Burner(String uid, BurnerState state, @Nullable String hash) {
			this.uid = uid;
			this.state = state;
			this.hash = hash;
		}

	}

	private final Map<String, Burner> burners = new LinkedHashMap<>();

	private List<QueueEntry> queue = List.of();

	private final Map<String, String> fileNames = new LinkedHashMap<>();

	/** Forgets burners and queue (after a reconnect the farm reports them again); keeps names learnt. */
	void reset() {
		this.burners.clear();
		this.queue = List.of();
	}

	/**
	 * Applies one {@code SLIST} line.
	 * @return the burner's previous state, or {@code null} when it was not known
	 */
	@Nullable BurnerState apply(BurnerStatus status) {
		Burner burner = this.burners.get(status.uid());
		BurnerState previous = (burner != null) ? burner.state : null;
		if (burner == null) {
			burner = new Burner(status.uid(), status.state(), status.hash());
			this.burners.put(status.uid(), burner);
		}
		burner.state = status.state();
		burner.hash = status.hash();
		if (status.state() != BurnerState.BURN) {
			burner.percent = null;
		}
		return previous;
	}

	void queue(List<QueueEntry> entries) {
		this.queue = List.copyOf(entries);
	}

	List<QueueEntry> queue() {
		return this.queue;
	}

	@Nullable Burner burner(String uid) {
		return this.burners.get(uid);
	}

	List<Burner> burners() {
		return new ArrayList<>(this.burners.values());
	}

	void fileName(String hash, String fileName) {
		this.fileNames.put(hash, fileName);
	}

	/** Whether a burner or a job names an image whose file name is not known yet. */
	boolean needsImageNames() {
		return this.burners.values().stream().anyMatch((burner) -> burner.hash != null && !knowsImage(burner.hash))
				|| this.queue.stream().anyMatch((job) -> !knowsImage(job.hash()));
	}

	boolean knowsImage(String hash) {
		return this.fileNames.containsKey(hash);
	}

	@Nullable String fileName(@Nullable String hash) {
		return (hash != null) ? this.fileNames.get(hash) : null;
	}

	/** Whether some burner is working, so progress is worth polling. */
	boolean isBusy() {
		return this.burners.values()
			.stream()
			.anyMatch((burner) -> burner.state == BurnerState.ASKED || burner.state == BurnerState.BURN
					|| burner.state == BurnerState.CHECKING);
	}

	/** A burner as one line: {@code <uid> (<name>) <STATE> [<percent>%] [<hash> <file>]}. */
	String describe(Burner burner) {
		StringBuilder line = new StringBuilder(burner.uid);
		if (burner.name != null && !burner.name.isEmpty()) {
			line.append(" (").append(burner.name).append(')');
		}
		line.append(' ').append(burner.state.name());
		if (burner.percent != null && burner.state == BurnerState.BURN) {
			line.append(' ').append(burner.percent).append('%');
		}
		if (burner.hash != null) {
			line.append(' ').append(burner.hash);
			String file = fileName(burner.hash);
			if (file != null) {
				line.append(' ').append(file);
			}
		}
		return line.toString();
	}

	/** The queue as one line. */
	String describeQueue() {
		if (this.queue.isEmpty()) {
			return "queue empty";
		}
		List<String> jobs = new ArrayList<>();
		for (QueueEntry job : this.queue) {
			String file = fileName(job.hash());
			jobs.add("job " + job.jobId() + " " + ((file != null) ? file : job.hash()) + " priority " + job.priority());
		}
		return "queue " + this.queue.size() + ((this.queue.size() == 1) ? " job: " : " jobs: ") + String.join(", ", jobs);
	}

	/** The full screen: a title, the queue in burn order, the burners, the connection and the last event. */
	List<String> screen(String title, String connection, String lastEvent) {
		List<String> lines = new ArrayList<>();
		lines.add(title);
		lines.add(connection);
		lines.add("");
		lines.add("QUEUE (burn order): " + this.queue.size() + ((this.queue.size() == 1) ? " job" : " jobs"));
		if (!this.queue.isEmpty()) {
			Table jobs = Table.of("JOB", "PRIO", "IMAGE", "HASH");
			for (QueueEntry job : this.queue) {
				jobs.row(job.jobId(), job.priority(), fileName(job.hash()), job.hash());
			}
			jobs.lines().forEach((line) -> lines.add("  " + line));
		}
		lines.add("");
		lines.add("BURNERS: " + this.burners.size());
		if (!this.burners.isEmpty()) {
			Table table = Table.of("UID", "NAME", "STATE", "PROGRESS", "IMAGE");
			for (Burner burner : this.burners.values()) {
				table.row(burner.uid, burner.name, burner.state.name(), progress(burner),
						(burner.hash != null) ? ((fileName(burner.hash) != null) ? fileName(burner.hash) : burner.hash)
								: null);
			}
			table.lines().forEach((line) -> lines.add("  " + line));
		}
		lines.add("");
		lines.add("last event: " + lastEvent);
		return lines;
	}

	private static @Nullable String progress(Burner burner) {
		return switch (burner.state) {
			case BURN -> (burner.percent != null) ? bar(burner.percent) : "burning";
			case CHECKING -> "verifying";
			case PASS -> "verified";
			case FAIL -> "failed";
			default -> null;
		};
	}

	private static String bar(int percent) {
		int filled = Math.max(0, Math.min(10, percent / 10));
		return "[" + "#".repeat(filled) + ".".repeat(10 - filled) + "] " + percent + "%";
	}

}
