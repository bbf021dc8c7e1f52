package io.mediafleet.scheduler.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.mediafleet.scheduler.radio.Playlist;
import io.mediafleet.scheduler.radio.RadioAdmin;
import io.mediafleet.scheduler.radio.Song;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The radios' songs and playlists in the console: a song is chosen from the tracker's catalogue (never a typed
 * path) and created with the file name, length, md5 and title the tracker knows; a playlist is named, ordered or
 * random, and its songs added, moved up or down and removed. Every change is a call of the REST admin API.
 */
@Controller
final class RadioLibraryController {

	private static final Set<String> SONG_FIELDS = Set.of("trackerSong");

	private static final Set<String> PLAYLIST_FIELDS = Set.of("name", "random", "songIds");

	private final RadioAdmin radios;

	private final AdminApi api;

	private final TrackerClient tracker;

	private final RadiosController list;

	RadioLibraryController(RadioAdmin radios, AdminApi api, TrackerClient tracker, RadiosController list) {
		this.radios = radios;
		this.api = api;
		this.tracker = tracker;
		this.list = list;
	}

	// Songs

	/** Creates the scheduler's song from the tracker's catalogue entry {@code trackerSong}. */
	@PostMapping("/console/radios/songs")
	String addSong(@RequestParam(required = false) @Nullable Integer trackerSong, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Optional<TrackerClient.TrackerSong> entry = this.tracker.snapshot()
			.songs()
			.stream()
			.filter((song) -> trackerSong != null && song.id() == trackerSong)
			.findFirst();
		FormProblem problem = null;
		if (trackerSong == null) {
			problem = FormProblem.field("trackerSong", "choose a song of the tracker's catalogue");
		}
		else if (entry.isEmpty()) {
			problem = FormProblem.field("trackerSong", "the tracker no longer lists this song; choose another");
		}
		else if (entry.get().durationSeconds() == null || entry.get().durationSeconds() <= 0) {
			problem = FormProblem.field("trackerSong",
					"the tracker does not know this song's length, which the scheduler needs to program it");
		}
		if (problem == null) {
			TrackerClient.TrackerSong song = entry.get();
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("filename", song.fileName());
			body.put("durationSeconds", song.durationSeconds());
			body.put("md5", song.md5());
			String title = (song.artist() != null && !song.artist().isBlank())
					? song.artist() + " – " + song.title() : song.title();
			body.put("title", (title.length() > 200) ? title.substring(0, 200) : title);
			var outcome = this.api.call(HttpMethod.PUT, "/api/admin/songs/" + UUID.randomUUID(), body, Void.class);
			if (outcome instanceof AdminApi.Outcome.Refused<?> refused) {
				// The request's fields are the catalogue entry's, not the form's: every message belongs to the picker.
				String message = refused.fields().isEmpty() ? refused.detail()
						: refused.fields().entrySet().stream().map((e) -> e.getKey() + " " + e.getValue())
							.collect(Collectors.joining("; "));
				problem = new FormProblem(refused.status(), refused.detail(), Map.of("trackerSong", message));
			}
		}
		if (problem != null) {
			model.addAttribute("songProblem", problem);
			model.addAttribute("chosenSong", trackerSong);
			response.setStatus(problem.status());
			return this.list.list(model);
		}
		redirect.addFlashAttribute("notice", "Song “" + entry.get().title() + "” added.");
		return "redirect:/console/radios#songs";
	}

	/** Deletes a song (htmx, confirmed). */
	@PostMapping("/console/radios/songs/{id}/delete")
	String deleteSong(@PathVariable String id, Model model, HttpServletResponse response) {
		var outcome = this.api.call(HttpMethod.DELETE, "/api/admin/songs/" + RadiosController.path(id), null, Void.class);
		if (outcome instanceof AdminApi.Outcome.Refused<?> refused) {
			response.setStatus(refused.status());
			model.addAttribute("message", refused.gone()
					? "This song no longer exists: another operator deleted it meanwhile." : refused.detail());
			return "console/layout :: problem";
		}
		response.setHeader("HX-Refresh", "true");
		model.addAttribute("notice", "Song deleted.");
		return "console/radios :: notice";
	}

	// Playlists

	@PostMapping("/console/radios/playlists")
	String createPlaylist(@RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "false") boolean random, Model model, HttpServletResponse response) {
		String id = UUID.randomUUID().toString();
		var outcome = this.api.call(HttpMethod.PUT, "/api/admin/playlists/" + id, playlistBody(name, List.of(), random),
				Void.class);
		if (outcome instanceof AdminApi.Outcome.Refused<?> refused) {
			model.addAttribute("playlistProblem", FormProblem.of(refused, PLAYLIST_FIELDS));
			model.addAttribute("playlistForm", Map.of("name", name));
			response.setStatus(refused.status());
			return this.list.list(model);
		}
		return "redirect:/console/radios/playlists/" + id;
	}

	@GetMapping("/console/radios/playlists/{id}")
	String playlist(@PathVariable String id, Model model, HttpServletResponse response) {
		model.addAttribute("page", "radios");
		Optional<Playlist> playlist = this.radios.playlist(id);
		if (playlist.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("message", "This playlist no longer exists: another operator may have deleted it.");
			return "console/error";
		}
		fillPlaylist(playlist.get(), model);
		if (!model.containsAttribute("playlistForm")) {
			model.addAttribute("playlistForm", Map.of("name", playlist.get().name()));
		}
		return "console/radios-playlist";
	}

	/** The playlist's songs in order, redrawn on each {@code radios} event (another operator's change). */
	@GetMapping("/console/radios/playlists/{id}/part/entries")
	String playlistEntries(@PathVariable String id, Model model, HttpServletResponse response) {
		Optional<Playlist> playlist = this.radios.playlist(id);
		if (playlist.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("message", "This playlist no longer exists: another operator may have deleted it.");
			return "console/layout :: problem";
		}
		fillPlaylist(playlist.get(), model);
		return "console/radios-playlist :: entries";
	}

	private void fillPlaylist(Playlist playlist, Model model) {
		List<Song> all = this.radios.songs();
		Map<String, Song> byId = all.stream().collect(Collectors.toMap(Song::id, Function.identity(), (a, b) -> a));
		List<Entry> entries = new ArrayList<>();
		List<String> ids = playlist.songIds();
		for (int i = 0; i < ids.size(); i++) {
			entries.add(new Entry(i, ids.get(i), byId.get(ids.get(i))));
		}
		model.addAttribute("playlist", playlist);
		model.addAttribute("entries", entries);
		model.addAttribute("songs", all);
	}

	@PostMapping("/console/radios/playlists/{id}/edit")
	String editPlaylist(@PathVariable String id, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "false") boolean random, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		return change(id, model, response, redirect, (playlist) -> playlistBody(name, playlist.songIds(), random),
				Map.of("name", name), "Saved.");
	}

	@PostMapping("/console/radios/playlists/{id}/songs")
	String addToPlaylist(@PathVariable String id, @RequestParam(defaultValue = "") String songId, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		return change(id, model, response, redirect, (playlist) -> {
			List<String> songs = new ArrayList<>(playlist.songIds());
			songs.add(songId);
			return playlistBody(playlist.name(), songs, playlist.random());
		}, null, "Song added.");
	}

	/** Moves the song at {@code index} up or down, or removes it; {@code songId} guards against a stale page. */
	@PostMapping("/console/radios/playlists/{id}/songs/{index}/{move}")
	String moveInPlaylist(@PathVariable String id, @PathVariable int index, @PathVariable String move,
			@RequestParam(defaultValue = "") String songId, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		return change(id, model, response, redirect, (playlist) -> {
			List<String> songs = new ArrayList<>(playlist.songIds());
			if (index < 0 || index >= songs.size() || !songs.get(index).equals(songId)) {
				throw new StalePage();
			}
			switch (move) {
				case "up" -> {
					if (index > 0) {
						songs.add(index - 1, songs.remove(index));
					}
				}
				case "down" -> {
					if (index < songs.size() - 1) {
						songs.add(index + 1, songs.remove(index));
					}
				}
				case "remove" -> songs.remove(index);
				default -> throw new StalePage();
			}
			return playlistBody(playlist.name(), songs, playlist.random());
		}, null, null);
	}

	/** Deletes a playlist (htmx, confirmed): back to the list. */
	@PostMapping("/console/radios/playlists/{id}/delete")
	String deletePlaylist(@PathVariable String id, Model model, HttpServletResponse response) {
		var outcome = this.api.call(HttpMethod.DELETE, "/api/admin/playlists/" + RadiosController.path(id), null,
				Void.class);
		if (outcome instanceof AdminApi.Outcome.Refused<?> refused) {
			response.setStatus(refused.status());
			model.addAttribute("message", refused.gone()
					? "This playlist no longer exists: another operator deleted it meanwhile." : refused.detail());
			return "console/layout :: problem";
		}
		response.setHeader("HX-Redirect", "/console/radios#playlists");
		model.addAttribute("notice", "Playlist deleted.");
		return "console/radios :: notice";
	}

	private String change(String id, Model model, HttpServletResponse response, RedirectAttributes redirect,
			Function<Playlist, Map<String, Object>> changed, @Nullable Map<String, String> form,
			@Nullable String notice) {
		Optional<Playlist> current = this.radios.playlist(id);
		if (current.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("page", "radios");
			model.addAttribute("message",
					"This playlist no longer exists: another operator deleted it meanwhile, so nothing was changed.");
			return "console/error";
		}
		Map<String, Object> body;
		try {
			body = changed.apply(current.get());
		}
		catch (StalePage stale) {
			redirect.addFlashAttribute("problem",
					"The playlist changed since this page was loaded (another operator?): nothing was moved; try again.");
			return "redirect:/console/radios/playlists/" + RadiosController.path(id);
		}
		var outcome = this.api.call(HttpMethod.PUT, "/api/admin/playlists/" + RadiosController.path(id), body,
				Void.class);
		if (outcome instanceof AdminApi.Outcome.Refused<?> refused) {
			model.addAttribute("playlistProblem", FormProblem.of(refused, PLAYLIST_FIELDS));
			if (form != null) {
				model.addAttribute("playlistForm", form);
			}
			response.setStatus(refused.status());
			String page = playlist(id, model, response);
			response.setStatus(refused.status());
			return page;
		}
		if (notice != null) {
			redirect.addFlashAttribute("notice", notice);
		}
		return "redirect:/console/radios/playlists/" + RadiosController.path(id) + "#songs";
	}

	private static Map<String, Object> playlistBody(String name, List<String> songIds, boolean random) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("songIds", songIds);
		body.put("random", random);
		return body;
	}

	/** The page asked to move a song that is no longer where it showed it. */
	private static final class StalePage extends RuntimeException {

		StalePage() {
			super(null, null, false, false);
		}

	}

	/**
	 * A song at its place in a playlist.
	 *
	 * @param index its place, from 0
	 * @param songId its id
	 * @param song the song, {@code null} if it was deleted
	 */
	record Entry(int index, String songId, @Nullable Song song) {

		public String label() {
			if (this.song == null) {
				return "(deleted song " + this.songId + ")";
			}
			return (this.song.title() != null && !this.song.title().isBlank()) ? this.song.title() : this.song.filename();
		}

	}

}
