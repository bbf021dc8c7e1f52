package io.mediafleet.scheduler.console;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import io.mediafleet.scheduler.simul.SimulMaster;
import io.mediafleet.scheduler.simul.SimulStatus;
import io.mediafleet.scheduler.simul.SyncStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /console/simul}: the watch party. The master's state and every slave's answer are read from the
 * {@link SimulMaster} and fetched again on each {@code simul} event; setting the file, starting (now or at an
 * instant), stopping, and the group's pause, resume and seek go through the REST admin API ({@link AdminApi}).
 */
@Controller
final class SimulController {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final ObjectProvider<SimulMaster> master;

	private final AdminApi api;

	SimulController(ObjectProvider<SimulMaster> master, AdminApi api) {
		this.master = master;
		this.api = api;
	}

	@GetMapping("/console/simul")
	String page(Model model) {
		fillStatus(model);
		model.addAttribute("form", ActionForm.EMPTY);
		model.addAttribute("transport", TransportForm.EMPTY);
		model.addAttribute("page", "simul");
		return "console/simul";
	}

	@GetMapping("/console/simul/status")
	String status(Model model) {
		fillStatus(model);
		return "console/simul :: status";
	}

	@GetMapping("/console/simul/slaves")
	String slaves(Model model) {
		fillStatus(model);
		return "console/simul :: slaves";
	}

	@PostMapping("/console/simul/file")
	String file(@RequestParam(defaultValue = "") String filename, Model model) {
		ActionForm form;
		if (filename.isBlank()) {
			form = new ActionForm(filename, "", Map.of("filename", "Name the file every slave should play."), null,
					null);
		}
		else {
			form = switch (this.api.call(HttpMethod.POST, "/api/admin/simul/file", Map.of("filename", filename),
					Map.class)) {
				case AdminApi.Outcome.Done<Map> done -> new ActionForm(filename, "", Map.of(), null,
						"Every slave is looking for " + filename + ".");
				case AdminApi.Outcome.Refused<Map> refused -> (refused.status() == 400)
						? new ActionForm(filename, "", Map.of("filename", refused.detail()), null, null)
						: new ActionForm(filename, "", Map.of(), refused.detail(), null);
			};
		}
		return actions(form, model);
	}

	/** Starts now, or at {@code at} (a {@code datetime-local} value in the browser's {@code zone}) when given. */
	@PostMapping("/console/simul/start")
	String start(@RequestParam(defaultValue = "") String at, @RequestParam(defaultValue = "") String zone,
			Model model) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (!at.isBlank()) {
			try {
				ZoneId zoneId = zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone);
				body.put("at", LocalDateTime.parse(at).atZone(zoneId).toInstant().toString());
			}
			catch (DateTimeException ex) {
				return actions(new ActionForm("", at, Map.of("at", "Give a date and a time, e.g. 2026-12-06 20:00."),
						null, null), model);
			}
		}
		ActionForm form = switch (this.api.call(HttpMethod.POST, "/api/admin/simul/start", body, Map.class)) {
			case AdminApi.Outcome.Done<Map> done -> {
				Object agreed = (done.value() != null) ? done.value().get("at") : null;
				yield new ActionForm("", "", Map.of(), null,
						"Every slave starts at " + ((agreed != null) ? WHEN.format(Instant.parse(agreed.toString()))
								: "once it hears the start") + ".");
			}
			case AdminApi.Outcome.Refused<Map> refused -> (refused.status() == 400 && !at.isBlank())
					? new ActionForm("", at, Map.of("at", refused.detail()), null, null)
					: new ActionForm("", at, Map.of(), refused.detail(), null);
		};
		return actions(form, model);
	}

	@PostMapping("/console/simul/stop")
	String stop(Model model) {
		ActionForm form = switch (this.api.call(HttpMethod.POST, "/api/admin/simul/stop", null, Map.class)) {
			case AdminApi.Outcome.Done<Map> done -> new ActionForm("", "", Map.of(), null, "Stopped on every slave.");
			case AdminApi.Outcome.Refused<Map> refused -> new ActionForm("", "", Map.of(), refused.detail(), null);
		};
		return actions(form, model);
	}

	@PostMapping("/console/simul/pause")
	String pause(Model model) {
		return transport(this.api.call(HttpMethod.POST, "/api/admin/simul/pause", null, Map.class), "", "pauses at", model);
	}

	@PostMapping("/console/simul/resume")
	String resume(Model model) {
		return transport(this.api.call(HttpMethod.POST, "/api/admin/simul/resume", null, Map.class), "", "resumes from",
				model);
	}

	/** Moves every slave to {@code position} ({@code mm:ss}, {@code h:mm:ss} or seconds), as the REST API reads it. */
	@PostMapping("/console/simul/seek")
	String seek(@RequestParam(defaultValue = "") String position, Model model) {
		if (position.isBlank()) {
			return transport(new TransportForm(position, Map.of("position", "Give a position such as 1:30 (mm:ss)."),
					null, null), model);
		}
		return transport(this.api.call(HttpMethod.POST, "/api/admin/simul/seek", Map.of("position", position.strip()),
				Map.class), position, "goes to", model);
	}

	@SuppressWarnings("rawtypes")
	private String transport(AdminApi.Outcome<Map> outcome, String position, String verb, Model model) {
		TransportForm form = switch (outcome) {
			case AdminApi.Outcome.Done<Map> done -> {
				Map planned = (done.value() != null) ? done.value() : Map.of();
				Object at = planned.get("at");
				Object positionMs = planned.get("positionMs");
				yield new TransportForm("", Map.of(), null, "Every slave " + verb + " "
						+ ((positionMs instanceof Number number) ? SimulMaster.formatPosition(number.longValue()) + ", " : "")
						+ ((at != null) ? "on " + WHEN.format(Instant.parse(at.toString())) : "now") + ".");
			}
			// A position the API cannot read is the field's fault; "nothing plays" is the simul's state.
			case AdminApi.Outcome.Refused<Map> refused -> (refused.status() == 400 && !position.isBlank())
					? new TransportForm(position, Map.of("position", refused.detail()), null, null)
					: new TransportForm(position, Map.of(), refused.detail(), null);
		};
		return transport(form, model);
	}

	private String transport(TransportForm form, Model model) {
		fillStatus(model);
		model.addAttribute("transport", form);
		return "console/simul :: transport";
	}

	private String actions(ActionForm form, Model model) {
		fillStatus(model);
		model.addAttribute("form", form);
		return "console/simul :: actions";
	}

	private void fillStatus(Model model) {
		SimulMaster simul = this.master.getIfAvailable();
		model.addAttribute("simulEnabled", simul != null);
		if (simul == null) {
			return;
		}
		SimulStatus status = simul.status();
		model.addAttribute("status", status);
		model.addAttribute("startAt", (status.startAt() != null) ? WHEN.format(status.startAt()) : null);
		model.addAttribute("slaves", status.slaves().stream().map(SlaveRow::of).toList());
		SyncStatus sync = simul.sync();
		model.addAttribute("playback", !sync.running() ? null
				: (sync.paused() ? "paused at " : "playing, at ") + SimulMaster.formatPosition(sync.positionMs()));
	}

	/**
	 * What the pause, resume and seek controls show: the position typed, its error, the API's refusal or what was
	 * planned.
	 *
	 * @param position the position typed
	 * @param errors field to message
	 * @param problem the API's refusal, e.g. nothing plays
	 * @param notice what every slave will do, and when
	 */
	record TransportForm(String position, Map<String, String> errors, @Nullable String problem,
			@Nullable String notice) {

		static final TransportForm EMPTY = new TransportForm("", Map.of(), null, null);

		public boolean invalid(String field) {
			return this.errors.containsKey(field);
		}

	}

	/**
	 * What the action forms show: the values typed, a message per field or at the top, or what was done.
	 *
	 * @param filename the file typed
	 * @param at the start instant typed
	 * @param errors field to message
	 * @param problem the API's refusal, for the top of the forms
	 * @param notice what was done
	 */
	record ActionForm(String filename, String at, Map<String, String> errors, @Nullable String problem,
			@Nullable String notice) {

		static final ActionForm EMPTY = new ActionForm("", "", Map.of(), null, null);

		public boolean invalid(String field) {
			return this.errors.containsKey(field);
		}

	}

	/**
	 * One slave, in words.
	 *
	 * @param name its name
	 * @param file {@code OK}, {@code MISMATCH}, {@code MISSING} or {@code UNKNOWN}
	 * @param fileText what that means
	 * @param fileBadge badge class
	 * @param md5 the md5 it reported, if any
	 * @param startCode its start answer: {@code NONE}, {@code PENDING}, {@code STARTED}, {@code NOT_STARTED} or
	 * {@code NO_ANSWER}
	 * @param start that answer in words
	 * @param startBadge badge class
	 * @param reason why it did not start, if it said
	 * @param conflicting whether two slaves seem to use its name
	 * @param playCompleted whether it finished playing
	 * @param late what it was late for ({@code file}, {@code start}), if it was
	 * @param latencyMs the latency offset it applies to its starts, if it reports one
	 */
	record SlaveRow(String name, String file, String fileText, String fileBadge, @Nullable String md5,
			String startCode, String start, String startBadge, @Nullable String reason, boolean conflicting, boolean playCompleted,
			@Nullable String late, @Nullable Integer latencyMs) {

		static SlaveRow of(SimulStatus.SlaveStatus slave) {
			String fileText = switch (slave.file()) {
				case OK -> "has the file";
				case MISMATCH -> "has a different file (md5 differs)";
				case MISSING -> "does not have the file";
				case UNKNOWN -> "not answered yet";
			};
			String fileBadge = switch (slave.file()) {
				case OK -> "ok";
				case MISMATCH, MISSING -> "bad";
				case UNKNOWN -> "";
			};
			String start = switch (slave.start()) {
				case NONE -> "not asked";
				case PENDING -> "asked, no answer yet";
				case STARTED -> "started";
				case NOT_STARTED -> "did not start";
				case NO_ANSWER -> "no answer in time";
			};
			String startBadge = switch (slave.start()) {
				case STARTED -> "ok";
				case NOT_STARTED, NO_ANSWER -> "bad";
				case PENDING -> "warn";
				case NONE -> "";
			};
			return new SlaveRow(slave.name(), slave.file().name(), fileText, fileBadge, slave.md5(),
					slave.start().name(), start, startBadge,
					slave.reason(), slave.conflicting(), slave.playCompleted(), slave.late(), slave.latencyMs());
		}

	}

}
