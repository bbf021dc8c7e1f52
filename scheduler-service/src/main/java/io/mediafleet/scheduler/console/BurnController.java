package io.mediafleet.scheduler.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.mediafleet.scheduler.burn.BurnFarm;
import io.mediafleet.schema.burnlink.BurnLink;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /console/burn}: the seed's display and command client of the burn farm in a browser. The queue in burn order
 * and every burner with its progress are read from the {@link BurnFarm} and fetched again on each {@code burn} event;
 * queueing, clearing, naming and opening a tray go through the REST admin API ({@link AdminApi}).
 */
@Controller
final class BurnController {

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final BurnFarm farm;

	private final AdminApi api;

	BurnController(BurnFarm farm, AdminApi api) {
		this.farm = farm;
		this.api = api;
	}

	@GetMapping("/console/burn")
	String page(Model model) {
		fillQueue(model);
		fillBurners(model);
		fillImages(model);
		model.addAttribute("form", QueueForm.EMPTY);
		model.addAttribute("page", "burn");
		return "console/burn";
	}

	@GetMapping("/console/burn/queue")
	String queue(Model model) {
		fillQueue(model);
		return "console/burn :: queue";
	}

	@GetMapping("/console/burn/burners")
	String burners(Model model) {
		fillBurners(model);
		return "console/burn :: burners";
	}

	/**
	 * The image field of the queue form, only when the images the farm knows differ from what the page shows
	 * ({@code known}): otherwise 204, so a progress step never resets an operator's choice.
	 */
	@GetMapping("/console/burn/images")
	Object images(@RequestParam(defaultValue = "") String known, @RequestParam(defaultValue = "") String hash,
			Model model) {
		List<ImageOption> images = imageOptions();
		if (fingerprint(images).equals(known)) {
			return ResponseEntity.noContent().build();
		}
		fillImages(model);
		model.addAttribute("form", new QueueForm(hash, "", "", Map.of(), null, null));
		return new ModelAndView("console/burn :: image-field", model.asMap());
	}

	@GetMapping("/console/burn/queue/{id}/history")
	String history(@PathVariable long id, Model model) {
		Map<String, String> names = burnerNames();
		List<HistoryEntry> entries = this.farm.history(id).map((history) -> entries(history, names)).orElse(null);
		model.addAttribute("jobId", id);
		model.addAttribute("entries", entries);
		return "console/burn-parts :: history";
	}

	@PostMapping("/console/burn/queue")
	String enqueue(@RequestParam(defaultValue = "") String hash, @RequestParam(defaultValue = "") String priority,
			@RequestParam(defaultValue = "") String copies, Model model) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("hash", hash);
		body.put("priority", number(priority.isBlank() ? "0" : priority));
		if (!copies.isBlank()) {
			body.put("copies", number(copies));
		}
		QueueForm form;
		switch (this.api.call(HttpMethod.POST, "/api/admin/burn/queue", body, Map.class)) {
			case AdminApi.Outcome.Done<Map> done -> {
				Object jobId = (done.value() != null) ? done.value().get("job_id") : null;
				form = new QueueForm("", "", "", Map.of(), null, "Queued as job " + jobId + ".");
			}
			case AdminApi.Outcome.Refused<Map> refused -> form = new QueueForm(hash, priority, copies,
					refused.fields(), refused.fields().isEmpty() ? refused.detail() : null, null);
		}
		fillImages(model);
		model.addAttribute("form", form);
		return "console/burn :: enqueue";
	}

	@PostMapping("/console/burn/queue/clear")
	String clear(Model model) {
		String message = switch (this.api.call(HttpMethod.DELETE, "/api/admin/burn/queue", null, Map.class)) {
			case AdminApi.Outcome.Done<Map> done -> {
				Object removed = (done.value() != null) ? done.value().get("removed") : 0;
				yield "Removed " + removed + " queued job(s); jobs a burner is working on stay.";
			}
			case AdminApi.Outcome.Refused<Map> refused -> null;
		};
		fillQueue(model);
		model.addAttribute("queueNotice", message);
		if (message == null) {
			model.addAttribute("queueProblem", "The queue could not be cleared.");
		}
		return "console/burn-parts :: queue-result";
	}

	@PostMapping("/console/burn/burners/{uid}/name")
	String rename(@PathVariable String uid, @RequestParam(defaultValue = "") String name, Model model) {
		String path = "/api/admin/burn/burners/" + checkedUid(uid) + "/name";
		switch (this.api.call(HttpMethod.PUT, path, Map.of("name", name), Map.class)) {
			case AdminApi.Outcome.Done<Map> done -> model.addAttribute("burnersNotice",
					name.isEmpty() ? "Name cleared." : "Renamed to " + name + ".");
			case AdminApi.Outcome.Refused<Map> refused -> {
				if (refused.fields().containsKey("name")) {
					model.addAttribute("renameUid", uid);
					model.addAttribute("renameValue", name);
					model.addAttribute("renameError", refused.fields().get("name"));
				}
				else {
					model.addAttribute("burnersProblem", refused.gone()
							? "That burner no longer exists here: the farm has forgotten it." : refused.detail());
				}
			}
		}
		fillBurners(model);
		return "console/burn-parts :: burners-result";
	}

	@PostMapping("/console/burn/burners/{uid}/open")
	String open(@PathVariable String uid, Model model) {
		String path = "/api/admin/burn/burners/" + checkedUid(uid) + "/open";
		switch (this.api.call(HttpMethod.POST, path, null, Void.class)) {
			case AdminApi.Outcome.Done<Void> done -> model.addAttribute("burnersNotice", "Tray opening.");
			case AdminApi.Outcome.Refused<Void> refused -> model.addAttribute("burnersProblem",
					refused.gone() ? "That burner no longer exists here: the farm has forgotten it." : refused.detail());
		}
		fillBurners(model);
		return "console/burn-parts :: burners-result";
	}

	// ---- model

	private void fillQueue(Model model) {
		Map<String, String> names = burnerNames();
		List<JobRow> rows = new ArrayList<>();
		int position = 0;
		for (BurnFarm.QueuedJob job : this.farm.queueView()) {
			List<String> on = job.burners().stream().map((uid) -> names.getOrDefault(uid, shortUid(uid))).toList();
			rows.add(new JobRow(++position, job, (job.fileName() != null) ? job.fileName() : shortUid(job.hash()),
					on));
		}
		model.addAttribute("jobs", rows);
	}

	private void fillBurners(Model model) {
		Map<String, BurnFarm.BurnerStats> stats = this.farm.allStats();
		Map<String, String> files = new HashMap<>();
		for (BurnFarm.ImageView image : this.farm.images()) {
			if (image.fileName() != null) {
				files.put(image.hash(), image.fileName());
			}
		}
		List<BurnerRow> rows = new ArrayList<>();
		for (BurnLink.BurnerInfo burner : this.farm.burnerList()) {
			BurnFarm.BurnerStats counts = stats.get(burner.uid());
			String image = (burner.hash() != null) ? files.getOrDefault(burner.hash(), shortUid(burner.hash())) : null;
			List<VerdictRow> verdicts = (counts != null) ? counts.lastVerdicts()
				.stream()
				.map((verdict) -> new VerdictRow(verdict.verdict().name(), verdict.at(), CLOCK.format(verdict.at()),
						files.getOrDefault(verdict.hash(), shortUid(verdict.hash()))))
				.toList() : List.of();
			rows.add(new BurnerRow(burner.uid(), shortUid(burner.uid()), burner.name(), burner.state().wire(),
					burner.percent(), (burner.transport() != null) ? burner.transport().wire() : null, image, (counts != null) ? counts.passed() : 0,
					(counts != null) ? counts.failed() : 0, verdicts));
		}
		model.addAttribute("burners", rows);
	}

	private void fillImages(Model model) {
		List<ImageOption> images = imageOptions();
		model.addAttribute("images", images);
		model.addAttribute("imagesKnown", fingerprint(images));
	}

	private List<ImageOption> imageOptions() {
		return this.farm.images().stream().map(ImageOption::of).toList();
	}

	private static String fingerprint(List<ImageOption> images) {
		return Integer.toHexString(Objects.hash(images.toArray()));
	}

	private Map<String, String> burnerNames() {
		Map<String, String> names = new HashMap<>();
		for (BurnLink.BurnerInfo burner : this.farm.burnerList()) {
			names.put(burner.uid(), burner.name().isEmpty() ? shortUid(burner.uid()) : burner.name());
		}
		return names;
	}

	private static List<HistoryEntry> entries(List<Map<String, Object>> history, Map<String, String> names) {
		List<HistoryEntry> entries = new ArrayList<>();
		for (Map<String, Object> entry : history.reversed()) {
			Instant at = Instant.parse(String.valueOf(entry.get("at")));
			String burner = (String) entry.get("burner");
			entries.add(new HistoryEntry(at, CLOCK.format(at), String.valueOf(entry.get("event")),
					(burner != null) ? names.getOrDefault(burner, shortUid(burner)) : null,
					(String) entry.get("detail")));
		}
		return entries;
	}

	private static Object number(String text) {
		try {
			return Integer.parseInt(text.strip());
		}
		catch (NumberFormatException ex) {
			// Sent as typed: the API refuses it and names the field.
			return text;
		}
	}

	private static String checkedUid(String uid) {
		if (!uid.matches("[0-9a-fA-F]{32}")) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return uid;
	}

	private static String shortUid(String uid) {
		return uid.substring(0, Math.min(8, uid.length()));
	}

	// ---- views

	/**
	 * What the queue form shows: the values typed, the API's message per field and at the top, or what was queued.
	 */
	record QueueForm(String hash, String priority, String copies, Map<String, String> errors,
			@Nullable String problem, @Nullable String notice) {

		static final QueueForm EMPTY = new QueueForm("", "", "", Map.of(), null, null);

		public boolean invalid(String field) {
			return this.errors.containsKey(field);
		}

	}

	/**
	 * An image the queue form offers.
	 *
	 * @param hash its md5
	 * @param label file name, size and who holds it
	 */
	record ImageOption(String hash, String label) {

		static ImageOption of(BurnFarm.ImageView image) {
			StringBuilder label = new StringBuilder((image.fileName() != null) ? image.fileName() : image.hash());
			if (image.sizeBytes() != null) {
				label.append(" (").append(String.format("%.1f MB", image.sizeBytes() / 1e6)).append(')');
			}
			label.append(image.burners().isEmpty() ? " · no connected burner holds it"
					: " · on " + image.burners().size() + " burner(s)");
			return new ImageOption(image.hash(), label.toString());
		}

	}

	/**
	 * One queued job.
	 *
	 * @param position its place in burn order, from 1
	 * @param job what the farm says of it
	 * @param image its file name, or the start of its md5
	 * @param burners names of the burners on it now
	 */
	record JobRow(int position, BurnFarm.QueuedJob job, String image, List<String> burners) {

		public boolean aged() {
			return this.job.effectivePriority() != this.job.priority();
		}

	}

	/**
	 * One burner with its statistics.
	 *
	 * @param uid its UID
	 * @param shortUid the first characters of the UID
	 * @param name its friendly name, empty when none
	 * @param state the farm's state for it ({@code AVAIL}, {@code BURN}, ...)
	 * @param percent progress while burning, else {@code null}
	 * @param transport {@code tcp} or {@code link}, {@code null} when disconnected
	 * @param image what it burns now (file name), or {@code null}
	 * @param passed discs that passed
	 * @param failed discs that failed
	 * @param lastVerdicts newest first
	 */
	record BurnerRow(String uid, String shortUid, String name, String state, @Nullable Integer percent,
			@Nullable String transport, @Nullable String image, long passed, long failed,
			List<VerdictRow> lastVerdicts) {

		public String label() {
			return this.name.isEmpty() ? this.shortUid : this.name;
		}

		/** The newest verdict, shown beside the state so a PASS stays visible after the tray opens. */
		public @Nullable VerdictRow lastVerdict() {
			return this.lastVerdicts.isEmpty() ? null : this.lastVerdicts.get(0);
		}

		public boolean connected() {
			return this.transport != null;
		}

		/** Whether the state is shown as a progress bar (asked to burn, or burning). */
		public boolean burning() {
			return "BURN".equals(this.state) || "ASKED".equals(this.state);
		}

		public int progress() {
			return (this.percent != null) ? this.percent : 0;
		}

		public String badge() {
			return switch (this.state) {
				case "PASS", "AVAIL" -> "ok";
				case "FAIL", "DISCONN" -> "bad";
				case "CHECKING", "EMPTY", "OPEN", "NEW" -> "warn";
				default -> "";
			};
		}

	}

	/**
	 * One verdict in a burner's statistics.
	 *
	 * @param verdict PASS or FAIL
	 * @param at when
	 * @param time {@code at} as a clock time
	 * @param image the image's file name
	 */
	record VerdictRow(String verdict, Instant at, String time, String image) {
	}

	/**
	 * One entry of a job's history, newest first.
	 *
	 * @param at when
	 * @param time {@code at} as a clock time
	 * @param event {@code queued}, {@code assigned}, {@code pass}, {@code requeued}, {@code adopted}, {@code done},
	 * {@code cleared}
	 * @param burner the name of the burner it concerns, if any
	 * @param detail why, if said
	 */
	record HistoryEntry(Instant at, String time, String event, @Nullable String burner, @Nullable String detail) {
	}

}
