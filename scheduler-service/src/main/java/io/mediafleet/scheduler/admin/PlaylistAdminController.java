package io.mediafleet.scheduler.admin;

import java.util.List;

import io.mediafleet.scheduler.radio.Playlist;
import io.mediafleet.scheduler.radio.RadioAdmin;
import io.mediafleet.schema.radio.RadioIds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Playlists of songs, played in order or at random.
 */
@RestController
@RequestMapping("/api/admin/playlists")
final class PlaylistAdminController {

	/** Most songs in one playlist. */
	static final int MAX_SONGS = 10_000;

	private final RadioAdmin admin;

	PlaylistAdminController(RadioAdmin admin) {
		this.admin = admin;
	}

	@GetMapping
	List<Playlist> playlists() {
		return this.admin.playlists();
	}

	@GetMapping("/{id}")
	Playlist playlist(@PathVariable String id) {
		return this.admin.playlist(AdminIds.require(id, "id"))
			.orElseThrow(() -> new AdminIds.NotFoundException("playlist", id));
	}

	@PutMapping("/{id}")
	Playlist save(@PathVariable String id, @Valid @RequestBody PlaylistRequest request) {
		return this.admin
			.savePlaylist(new Playlist(AdminIds.require(id, "id"), request.name(), request.songIds(),
				Boolean.TRUE.equals(request.random())));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		if (!this.admin.deletePlaylist(AdminIds.require(id, "id"))) {
			throw new AdminIds.NotFoundException("playlist", id);
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * A playlist to create or replace.
	 *
	 * @param name display name
	 * @param songIds songs in play order; each must exist
	 * @param random whether to play at random (default false)
	 */
	record PlaylistRequest(@NotBlank @Size(max = 200) String name,
			@NotNull @Size(max = MAX_SONGS) List<@NotNull @Pattern(regexp = RadioIds.REGEX) String> songIds,
			@Nullable Boolean random) {
	}

}
