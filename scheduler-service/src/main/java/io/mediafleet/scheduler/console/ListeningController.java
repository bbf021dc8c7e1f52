package io.mediafleet.scheduler.console;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.mediafleet.scheduler.radio.ListenerSession;
import io.mediafleet.scheduler.radio.Radio;
import io.mediafleet.scheduler.radio.RadioAdmin;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /console/listening}: listeners per radio over a time range as a chart (its points from
 * {@code /console/listening/series}), the range's sessions with their durations a page at a time, and the range as
 * CSV ({@code /console/listening/sessions.csv}). Sessions are read through {@link RadioAdmin}, as the REST API's
 * listening history is.
 */
@Controller
final class ListeningController {

	/** Sessions per page of the table. */
	static final int PAGE_SIZE = 50;

	/** Most rows one CSV export holds. */
	static final int CSV_MAX_ROWS = 100_000;

	/** Most sessions one chart counts. */
	static final int SERIES_MAX_SESSIONS = 200_000;

	/** Most points a chart line has. */
	static final int SERIES_MAX_POINTS = 2_000;

	/** Most radios drawn as lines of their own; the rest are summed into one. */
	static final int SERIES_MAX_RADIOS = 10;

	private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final RadioAdmin radios;

	private final Clock clock;

	ListeningController(RadioAdmin radios, Clock clock) {
		this.radios = radios;
		this.clock = clock;
	}

	@GetMapping("/console/listening")
	String listening(@RequestParam(required = false) @Nullable String radio,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String tz, @RequestParam(name = "p", defaultValue = "1") int pageNumber,
			Model model) {
		Instant now = this.clock.instant();
		ListeningRange range = ListeningRange.parse(from, to, tz, ZoneId.systemDefault(), now);
		Map<String, String> names = radioNames();
		Map<String, String> errors = new LinkedHashMap<>(range.errors());
		String radioUuid = (radio == null || radio.isBlank()) ? null : radio.strip();
		if (radioUuid != null && !names.containsKey(radioUuid)) {
			errors.put("radio", "This radio no longer exists (another operator may have deleted it); pick another");
		}
		model.addAttribute("page", "listening");
		model.addAttribute("radios", names);
		model.addAttribute("radio", (radioUuid != null) ? radioUuid : "");
		model.addAttribute("zone", range.zone().getId());
		model.addAttribute("errors", errors);
		model.addAttribute("fromValue", range.valid() ? range.local(range.from()) : String.valueOf(from));
		model.addAttribute("toValue", range.valid() ? range.local(range.to()) : String.valueOf(to));
		model.addAttribute("valid", errors.isEmpty());
		if (!errors.isEmpty()) {
			return "console/listening";
		}
		Instant start = range.from();
		Instant end = range.to();
		int pageIndex = Math.max(1, pageNumber);
		List<ListenerSession> found = this.radios.sessionsOverlapping(radioUuid, start, end,
				(pageIndex - 1) * PAGE_SIZE, PAGE_SIZE + 1);
		long total = this.radios.countSessionsOverlapping(radioUuid, start, end, CSV_MAX_ROWS + 1);
		List<SessionRow> rows = found.stream()
			.limit(PAGE_SIZE)
			.map((session) -> SessionRow.of(session, names.get(session.radioUuid()), range.zone(), now))
			.toList();
		model.addAttribute("rows", rows);
		model.addAttribute("total", Math.min(total, CSV_MAX_ROWS));
		model.addAttribute("totalCapped", total > CSV_MAX_ROWS);
		model.addAttribute("csvMaxRows", CSV_MAX_ROWS);
		model.addAttribute("pageNumber", pageIndex);
		model.addAttribute("firstRow", (pageIndex - 1) * PAGE_SIZE + 1);
		model.addAttribute("previousUrl", (pageIndex > 1) ? link("/console/listening", radioUuid, range, pageIndex - 1) : null);
		model.addAttribute("nextUrl", (found.size() > PAGE_SIZE) ? link("/console/listening", radioUuid, range, pageIndex + 1) : null);
		model.addAttribute("seriesUrl", link("/console/listening/series", radioUuid, range, 0));
		model.addAttribute("csvUrl", link("/console/listening/sessions.csv", radioUuid, range, 0));
		return "console/listening";
	}

	/** The chart's points: {@code times} in epoch seconds and one line per radio. */
	@GetMapping(path = "/console/listening/series", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	ResponseEntity<Map<String, Object>> series(@RequestParam(required = false) @Nullable String radio,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String tz, @RequestParam(required = false) @Nullable String step) {
		Instant now = this.clock.instant();
		ListeningRange range = ListeningRange.parse(from, to, tz, ZoneId.systemDefault(), now);
		if (!range.valid()) {
			return refused(range.errors());
		}
		Duration stepDuration;
		try {
			stepDuration = (step == null || step.isBlank()) ? ListeningBuckets.stepFor(Duration.between(range.from(), range.to()))
					: parseStep(step);
		}
		catch (IllegalArgumentException ex) {
			return refused(Map.of("step", "A step is a number of seconds or a duration such as PT5M"));
		}
		ListeningBuckets buckets;
		try {
			buckets = new ListeningBuckets(range.from(), range.to(), stepDuration, now, SERIES_MAX_POINTS);
		}
		catch (IllegalArgumentException ex) {
			return refused(Map.of("step", ex.getMessage()));
		}
		String radioUuid = (radio == null || radio.isBlank()) ? null : radio.strip();
		try (Stream<ListenerSession> sessions = this.radios.streamSessionsOverlapping(radioUuid, range.from(), range.to(),
				SERIES_MAX_SESSIONS + 1)) {
			sessions.limit(SERIES_MAX_SESSIONS)
				.forEach((session) -> buckets.add(session.radioUuid(), session.startedAt(), session.endedAt()));
		}
		Map<String, String> names = radioNames();
		List<Map<String, Object>> lines = new ArrayList<>();
		for (ListeningBuckets.Series series : buckets.series(SERIES_MAX_RADIOS)) {
			String name = ListeningBuckets.OTHERS.equals(series.radio()) ? ListeningBuckets.OTHERS
					: names.getOrDefault(series.radio(), series.radio() + " (deleted)");
			lines.add(Map.of("radio", series.radio(), "name", name, "counts", series.counts()));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("from", range.from().toString());
		body.put("to", range.to().toString());
		body.put("zone", range.zone().getId());
		body.put("stepSeconds", stepDuration.toSeconds());
		body.put("times", buckets.startsEpochSeconds());
		body.put("series", lines);
		body.put("sessions", buckets.sessions());
		body.put("capped", buckets.sessions() >= SERIES_MAX_SESSIONS);
		return ResponseEntity.ok(body);
	}

	/** The range's sessions, oldest first, written as they are read; at most {@link #CSV_MAX_ROWS}. */
	@GetMapping("/console/listening/sessions.csv")
	void csv(@RequestParam(required = false) @Nullable String radio, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String tz,
			HttpServletResponse response) throws IOException {
		Instant now = this.clock.instant();
		ListeningRange range = ListeningRange.parse(from, to, tz, ZoneId.systemDefault(), now);
		if (!range.valid()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			response.setContentType("text/plain;charset=UTF-8");
			response.getWriter().write("No export: " + String.join("; ", range.errors().values()) + "\n");
			return;
		}
		String radioUuid = (radio == null || radio.isBlank()) ? null : radio.strip();
		Map<String, String> names = radioNames();
		boolean capped = this.radios.countSessionsOverlapping(radioUuid, range.from(), range.to(), CSV_MAX_ROWS + 1) > CSV_MAX_ROWS;
		String fileName = "listening-" + ((radioUuid != null) ? "radio-" + safe(names.getOrDefault(radioUuid, radioUuid)) + "-" : "")
				+ range.from().toString().replace(':', '-') + "-" + range.to().toString().replace(':', '-')
				+ (capped ? "-first-" + CSV_MAX_ROWS : "") + ".csv";
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
		response.setHeader("X-Mediafleet-Rows-Capped", String.valueOf(capped));
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		Writer out = response.getWriter();
		ListeningCsv.line(out, ListeningCsv.HEADER);
		int written = 0;
		try (Stream<ListenerSession> sessions = this.radios.streamSessionsOverlapping(radioUuid, range.from(), range.to(),
				CSV_MAX_ROWS)) {
			for (ListenerSession session : (Iterable<ListenerSession>) sessions::iterator) {
				ListeningCsv.line(out, ListeningCsv.row(session, names.get(session.radioUuid())));
				if (++written % 1000 == 0) {
					out.flush();
				}
			}
		}
		if (capped) {
			// A comment line most CSV readers skip, and one a person reading the file cannot miss.
			ListeningCsv.line(out, "# cut at " + CSV_MAX_ROWS + " rows: this range has more sessions; export a shorter range for the rest");
		}
		out.flush();
	}

	private Map<String, String> radioNames() {
		Map<String, String> names = new LinkedHashMap<>();
		this.radios.radios()
			.stream()
			.sorted(Comparator.comparing(Radio::name, String.CASE_INSENSITIVE_ORDER).thenComparing(Radio::uuid))
			.forEach((radio) -> names.put(radio.uuid(), radio.name()));
		return names;
	}

	private static Duration parseStep(String step) {
		String value = step.strip();
		if (value.chars().allMatch(Character::isDigit)) {
			return Duration.ofSeconds(Long.parseLong(value));
		}
		try {
			return Duration.parse(value);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	private static ResponseEntity<Map<String, Object>> refused(Map<String, String> errors) {
		return ResponseEntity.badRequest().body(Map.of("errors", errors));
	}

	private static String link(String path, @Nullable String radio, ListeningRange range, int pageNumber) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromPath(path)
			.queryParam("from", range.from())
			.queryParam("to", range.to())
			.queryParam("tz", range.zone().getId());
		if (radio != null) {
			builder.queryParam("radio", radio);
		}
		if (pageNumber > 0) {
			builder.queryParam("p", pageNumber);
		}
		return builder.encode().build().toUriString();
	}

	private static String safe(String name) {
		String safe = name.replaceAll("[^A-Za-z0-9._-]+", "-");
		return safe.substring(0, Math.min(safe.length(), 40));
	}

	/**
	 * A session as the table shows it.
	 *
	 * @param radio the radio's name
	 * @param listener the user id, or "anonymous"
	 * @param streamer the streamer that served it
	 * @param started when it started, in the page's zone
	 * @param ended when it ended, empty while open
	 * @param duration how long it lasted (or has lasted so far)
	 * @param open whether the listener still listens
	 */
	record SessionRow(String radio, String listener, String streamer, String started, String ended, String duration,
			boolean open) {

		static SessionRow of(ListenerSession session, @Nullable String radioName, ZoneId zone, Instant now) {
			double seconds = (session.durationSeconds() != null) ? session.durationSeconds()
					: Math.max(0, Duration.between(session.startedAt(), (session.endedAt() != null) ? session.endedAt() : now).toMillis() / 1000.0);
			return new SessionRow((radioName != null) ? radioName : session.radioUuid() + " (deleted)",
					(session.userId() != null) ? session.userId() : "anonymous", session.streamer(),
					SHOWN.format(session.startedAt().atZone(zone)),
					(session.endedAt() != null) ? SHOWN.format(session.endedAt().atZone(zone)) : "", duration(seconds),
					session.open());
		}

		/** {@code 1:02:03}, or {@code 2 d 01:02:03} from a day on. */
		static String duration(double seconds) {
			long whole = Math.round(seconds);
			long days = whole / 86_400;
			long hours = (whole % 86_400) / 3600;
			long minutes = (whole % 3600) / 60;
			long rest = whole % 60;
			return (days > 0) ? String.format("%d d %02d:%02d:%02d", days, hours, minutes, rest)
					: String.format("%d:%02d:%02d", hours, minutes, rest);
		}

	}

}
