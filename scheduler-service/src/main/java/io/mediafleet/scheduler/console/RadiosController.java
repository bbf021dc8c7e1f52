package io.mediafleet.scheduler.console;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.mediafleet.scheduler.SchedulerProperties;
import io.mediafleet.scheduler.radio.Playlist;
import io.mediafleet.scheduler.radio.Radio;
import io.mediafleet.scheduler.radio.RadioAdmin;
import io.mediafleet.scheduler.radio.Show;
import io.mediafleet.scheduler.radio.Song;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * {@code /console/radios}: every radio with the song on air, its master streamer and listeners (force-stop, listen),
 * and per radio its week of shows, its shows and its default playlist. Every change is a call of the REST admin API
 * through {@link AdminApi}; reads use {@link RadioAdmin}, as the REST controllers do.
 */
@Controller
final class RadiosController {

	private static final List<String> LIST_PARTS = List.of("list", "songs", "playlists");

	/** Parts of the list page redrawn on their own when the radio configuration changes (forms beside them stay). */
	private static final List<String> LIVE_LIST_PARTS = List.of("song-list", "playlist-list");

	/** Radios per page of the list. */
	static final int PAGE_SIZE = 100;

	private static final List<String> RADIO_PARTS = List.of("status", "schedule");

	private static final Set<String> RADIO_FIELDS = Set.of("name", "defaultPlaylistId");

	private static final Set<String> SHOW_FIELDS = Set.of("name", "days", "start", "end", "playlistId");

	private final RadioAdmin radios;

	private final AdminApi api;

	private final TrackerClient tracker;

	private final @Nullable String listenTemplate;

	RadiosController(RadioAdmin radios, AdminApi api, TrackerClient tracker, SchedulerProperties properties) {
		this.radios = radios;
		this.api = api;
		this.tracker = tracker;
		this.listenTemplate = properties.console().listenUrlTemplate();
	}

	// The list

	@GetMapping({ "/console/radios", "/console/radios/" })
	String list(@RequestParam(name = "p", defaultValue = "0") int pageIndex,
			@RequestParam(name = "q", defaultValue = "") String query, Model model) {
		model.addAttribute("listPage", Math.max(0, pageIndex));
		model.addAttribute("listQuery", query.strip());
		for (String part : LIST_PARTS) {
			fillList(part, model);
		}
		model.addAttribute("page", "radios");
		return "console/radios";
	}

	/** The list page as a form's refusal redraws it: the first page, unfiltered. */
	String list(Model model) {
		return list(0, "", model);
	}

	@GetMapping("/console/radios/part/{part}")
	String listPart(@PathVariable String part, @RequestParam(name = "p", defaultValue = "0") int pageIndex,
			@RequestParam(name = "q", defaultValue = "") String query, Model model) {
		if (!LIST_PARTS.contains(part) && !LIVE_LIST_PARTS.contains(part)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		model.addAttribute("listPage", Math.max(0, pageIndex));
		model.addAttribute("listQuery", query.strip());
		fillList(part, model);
		return "console/radios :: " + part;
	}

	void fillList(String part, Model model) {
		switch (part) {
			case "list" -> {
				// One page of radios by name (optionally those whose name contains the query): a page of 1,000 rows
				// weighed 470 KB and took 290 ms to render.
				String query = String.valueOf(model.getAttribute("listQuery")).toLowerCase(Locale.ROOT);
				List<Radio> matching = this.radios.radios()
					.stream()
					.filter((radio) -> query.isEmpty() || radio.name().toLowerCase(Locale.ROOT).contains(query))
					.sorted(Comparator.comparing((Radio radio) -> radio.name().toLowerCase(Locale.ROOT))
						.thenComparing(Radio::uuid))
					.toList();
				int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
				int pageIndex = Math.min((Integer) model.getAttribute("listPage"), pages - 1);
				List<Radio> shown = matching.subList(pageIndex * PAGE_SIZE,
						Math.min(matching.size(), (pageIndex + 1) * PAGE_SIZE));
				Map<String, RadioAdmin.RadioStatus> statuses = this.radios.statuses(shown);
				Map<String, Song> songs = songsById();
				Map<String, String> playlistNames = playlistNames();
				List<RadioViews.RadioRow> rows = new ArrayList<>(shown.size());
				for (Radio radio : shown) {
					rows.add(RadioViews.RadioRow.of(radio, statuses.get(radio.uuid()), songs, playlistNames,
							this.listenTemplate));
				}
				model.addAttribute("listPage", pageIndex);
				model.addAttribute("listPages", pages);
				model.addAttribute("listMatching", matching.size());
				model.addAttribute("listFirst", matching.isEmpty() ? 0 : pageIndex * PAGE_SIZE + 1);
				model.addAttribute("listLast", pageIndex * PAGE_SIZE + shown.size());
				model.addAttribute("radioRows", rows);
				model.addAttribute("nowMs", System.currentTimeMillis());
				model.addAttribute("playlists", this.radios.playlists());
			}
			case "songs" -> {
				List<Song> songs = this.radios.songs();
				model.addAttribute("songs", songs);
				model.addAttribute("knownFiles", songs.stream().map(Song::filename).collect(Collectors.toSet()));
				model.addAttribute("catalogue", this.tracker.snapshot());
			}
			case "playlists", "playlist-list" -> model.addAttribute("playlistViews", this.radios.playlists());
			case "song-list" -> model.addAttribute("songs", this.radios.songs());
			default -> throw new IllegalArgumentException(part);
		}
	}

	@PostMapping("/console/radios")
	String create(@RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) @Nullable String defaultPlaylistId, Model model,
			HttpServletResponse response) {
		String uuid = UUID.randomUUID().toString();
		var outcome = this.api.call(HttpMethod.PUT, "/api/admin/radios/" + uuid, radioBody(name, defaultPlaylistId),
				Void.class);
		if (outcome instanceof AdminApi.Outcome.Refused<?> refused) {
			model.addAttribute("radioProblem", FormProblem.of(refused, RADIO_FIELDS));
			model.addAttribute("radioForm", Map.of("name", name, "defaultPlaylistId", nullToEmpty(defaultPlaylistId)));
			response.setStatus(refused.status());
			return list(model);
		}
		return "redirect:/console/radios/" + path(uuid);
	}

	/** Force-stop, asked from the list or the radio's page (htmx, confirmed); answers a notice. */
	@PostMapping("/console/radios/{uuid}/stop")
	String stop(@PathVariable String uuid, Model model, HttpServletResponse response) {
		var outcome = this.api.call(HttpMethod.POST, "/api/admin/radios/" + path(uuid) + "/stop", null, Void.class);
		if (outcome instanceof AdminApi.Outcome.Refused<?> refused) {
			response.setStatus(refused.status());
			model.addAttribute("message", refused.detail());
			return "console/layout :: problem";
		}
		model.addAttribute("notice", "Stopped: the radio is no longer programmed and its listeners were closed.");
		return "console/radios :: notice";
	}

	// One radio

	@GetMapping("/console/radios/{uuid}")
	String radio(@PathVariable String uuid, @RequestParam(required = false) @Nullable String show, Model model,
			HttpServletResponse response) {
		Optional<Radio> radio = this.radios.radio(uuid);
		model.addAttribute("page", "radios");
		if (radio.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("message", "This radio no longer exists: another operator may have deleted it.");
			return "console/error";
		}
		for (String part : RADIO_PARTS) {
			fillRadio(radio.get(), part, model);
		}
		model.addAttribute("radio", radio.get());
		model.addAttribute("playlists", this.radios.playlists());
		if (!model.containsAttribute("showForm")) {
			Show editing = (show != null) ? this.radios.show(show).filter((s) -> s.radioUuid().equals(uuid)).orElse(null)
					: null;
			model.addAttribute("showForm", (editing != null) ? ShowForm.of(editing) : ShowForm.empty());
		}
		if (!model.containsAttribute("radioForm")) {
			model.addAttribute("radioForm", Map.of("name", radio.get().name(), "defaultPlaylistId",
					nullToEmpty(radio.get().defaultPlaylistId())));
		}
		return "console/radio";
	}

	@GetMapping("/console/radios/{uuid}/part/{part}")
	String radioPart(@PathVariable String uuid, @PathVariable String part, Model model, HttpServletResponse response) {
		if (!RADIO_PARTS.contains(part)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		Optional<Radio> radio = this.radios.radio(uuid);
		if (radio.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("message", "This radio no longer exists: another operator may have deleted it.");
			return "console/layout :: problem";
		}
		model.addAttribute("radio", radio.get());
		fillRadio(radio.get(), part, model);
		return "console/radio :: " + part;
	}

	private void fillRadio(Radio radio, String part, Model model) {
		switch (part) {
			case "status" -> {
				RadioAdmin.RadioStatus status = this.radios.status(radio);
				model.addAttribute("row", RadioViews.RadioRow.of(radio, status, songsById(), playlistNames(),
						this.listenTemplate));
				model.addAttribute("nowMs", System.currentTimeMillis());
				Playlist playlist = (radio.defaultPlaylistId() != null)
						? this.radios.playlist(radio.defaultPlaylistId()).orElse(null) : null;
				model.addAttribute("defaultPlaylist", playlist);
				model.addAttribute("defaultPlaylistSongs", (playlist != null) ? songsOf(playlist) : List.of());
			}
			case "schedule" -> {
				List<Show> shows = this.radios.shows(radio.uuid());
				Map<String, String> names = playlistNames();
				model.addAttribute("week", RadioViews.week(shows));
				model.addAttribute("shows", shows.stream()
					.map((show) -> new ShowRow(show, RadioViews.days(show),
							names.getOrDefault(show.playlistId(), show.playlistId())))
					.toList());
			}
			default -> throw new IllegalArgumentException(part);
		}
	}

	@PostMapping("/console/radios/{uuid}/edit")
	String edit(@PathVariable String uuid, @RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) @Nullable String defaultPlaylistId, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		if (this.radios.radio(uuid).isEmpty()) {
			return gonePage(model, response, "This radio no longer exists: another operator deleted it meanwhile, so "
					+ "your changes were not saved.");
		}
		var outcome = this.api.call(HttpMethod.PUT, "/api/admin/radios/" + path(uuid), radioBody(name, defaultPlaylistId),
				Void.class);
		if (outcome instanceof AdminApi.Outcome.Refused<?> refused) {
			model.addAttribute("radioProblem", FormProblem.of(refused, RADIO_FIELDS));
			model.addAttribute("radioForm", Map.of("name", name, "defaultPlaylistId", nullToEmpty(defaultPlaylistId)));
			response.setStatus(refused.status());
			return radio(uuid, null, model, response);
		}
		redirect.addFlashAttribute("notice", "Saved.");
		return "redirect:/console/radios/" + path(uuid);
	}

	/** Deletes the radio with its shows (htmx, confirmed): back to the list. */
	@PostMapping("/console/radios/{uuid}/delete")
	String delete(@PathVariable String uuid, Model model, HttpServletResponse response) {
		var outcome = this.api.call(HttpMethod.DELETE, "/api/admin/radios/" + path(uuid), null, Void.class);
		if (outcome instanceof AdminApi.Outcome.Refused<?> refused) {
			response.setStatus(refused.status());
			model.addAttribute("message", refused.detail());
			return "console/layout :: problem";
		}
		response.setHeader("HX-Redirect", "/console/radios?deleted");
		model.addAttribute("notice", "Deleted.");
		return "console/radios :: notice";
	}

	// Shows

	@PostMapping("/console/radios/{uuid}/shows")
	String saveShow(@PathVariable String uuid, @RequestParam(required = false) @Nullable String id,
			@RequestParam(defaultValue = "") String name, @RequestParam(required = false) @Nullable List<String> days,
			@RequestParam(defaultValue = "") String start, @RequestParam(defaultValue = "") String end,
			@RequestParam(defaultValue = "") String playlistId, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		ShowForm form = new ShowForm((id == null || id.isBlank()) ? null : id, name,
				(days != null) ? List.copyOf(days) : List.of(), start, end, playlistId);
		if (this.radios.radio(uuid).isEmpty()) {
			return gonePage(model, response, "This radio no longer exists: another operator deleted it meanwhile, so "
					+ "the show was not saved.");
		}
		if (form.id() != null && this.radios.show(form.id()).isEmpty()) {
			model.addAttribute("showProblem", new FormProblem(404,
					"This show no longer exists: another operator deleted it meanwhile. Nothing was saved; "
							+ "add it again as a new show if you still want it.",
					Map.of()));
			model.addAttribute("showForm", new ShowForm(null, name, form.days(), start, end, playlistId));
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			return radio(uuid, null, model, response);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("radioUuid", uuid);
		body.put("name", name);
		body.put("days", form.days());
		body.put("start", start);
		body.put("end", end);
		body.put("playlistId", playlistId.isBlank() ? null : playlistId);
		String showId = (form.id() != null) ? form.id() : UUID.randomUUID().toString();
		var outcome = this.api.call(HttpMethod.PUT, "/api/admin/shows/" + path(showId), body, Void.class);
		if (outcome instanceof AdminApi.Outcome.Refused<?> refused) {
			FormProblem problem = FormProblem.of(refused, SHOW_FIELDS);
			model.addAttribute("showProblem", problem);
			model.addAttribute("showForm", form);
			response.setStatus(refused.status());
			return radio(uuid, null, model, response);
		}
		redirect.addFlashAttribute("notice", "Show “" + name + "” saved.");
		return "redirect:/console/radios/" + path(uuid) + "#schedule";
	}

	/** Deletes a show (htmx, confirmed): the page reloads with the week without it. */
	@PostMapping("/console/radios/{uuid}/shows/{id}/delete")
	String deleteShow(@PathVariable String uuid, @PathVariable String id, Model model, HttpServletResponse response) {
		var outcome = this.api.call(HttpMethod.DELETE, "/api/admin/shows/" + path(id), null, Void.class);
		if (outcome instanceof AdminApi.Outcome.Refused<?> refused) {
			response.setStatus(refused.status());
			model.addAttribute("message", refused.gone()
					? "This show no longer exists: another operator deleted it meanwhile." : refused.detail());
			return "console/layout :: problem";
		}
		response.setHeader("HX-Refresh", "true");
		model.addAttribute("notice", "Show deleted.");
		return "console/radios :: notice";
	}

	private String gonePage(Model model, HttpServletResponse response, String message) {
		response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		model.addAttribute("page", "radios");
		model.addAttribute("message", message);
		return "console/error";
	}

	private Map<String, Song> songsById() {
		return this.radios.songs().stream().collect(Collectors.toMap(Song::id, Function.identity(), (a, b) -> a));
	}

	private Map<String, String> playlistNames() {
		Map<String, String> names = new HashMap<>();
		for (Playlist playlist : this.radios.playlists()) {
			names.put(playlist.id(), playlist.name());
		}
		return names;
	}

	private List<Song> songsOf(Playlist playlist) {
		Map<String, Song> songs = songsById();
		List<Song> result = new ArrayList<>();
		for (String id : playlist.songIds()) {
			Song song = songs.get(id);
			if (song != null) {
				result.add(song);
			}
		}
		return result;
	}

	private static Map<String, Object> radioBody(String name, @Nullable String defaultPlaylistId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("defaultPlaylistId", (defaultPlaylistId == null || defaultPlaylistId.isBlank()) ? null : defaultPlaylistId);
		return body;
	}

	static String path(String segment) {
		return UriUtils.encodePathSegment(segment, java.nio.charset.StandardCharsets.UTF_8);
	}

	private static String nullToEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

	/**
	 * A show in the radio's list.
	 *
	 * @param show the show
	 * @param days its days, Monday first
	 * @param playlist its playlist's name
	 */
	record ShowRow(Show show, String days, String playlist) {
	}

	/**
	 * The show form's values, as typed (so a refused form comes back as it was sent).
	 *
	 * @param id the show edited, {@code null} for a new one
	 * @param name its name
	 * @param days checked days ({@code MONDAY} …)
	 * @param start start {@code HH:mm}
	 * @param end end {@code HH:mm}
	 * @param playlistId its playlist
	 */
	record ShowForm(@Nullable String id, String name, List<String> days, String start, String end, String playlistId) {

		static ShowForm empty() {
			return new ShowForm(null, "", List.of(), "", "", "");
		}

		static ShowForm of(Show show) {
			return new ShowForm(show.id(), show.name(), show.days().stream().sorted().map(DayOfWeek::name).toList(),
					show.start(), show.end(), show.playlistId());
		}

		public boolean has(DayOfWeek day) {
			return this.days.contains(day.name());
		}

	}

}
