package io.mediafleet.scheduler.admin;

import java.util.List;

import io.mediafleet.scheduler.radio.RadioAdmin;
import io.mediafleet.scheduler.radio.Song;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
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
 * Songs the radios can play.
 */
@RestController
@RequestMapping("/api/admin/songs")
final class SongAdminController {

	private final RadioAdmin admin;

	SongAdminController(RadioAdmin admin) {
		this.admin = admin;
	}

	@GetMapping
	List<Song> songs() {
		return this.admin.songs();
	}

	@GetMapping("/{id}")
	Song song(@PathVariable String id) {
		return this.admin.song(AdminIds.require(id, "id")).orElseThrow(() -> new AdminIds.NotFoundException("song", id));
	}

	@PutMapping("/{id}")
	Song save(@PathVariable String id, @Valid @RequestBody SongRequest request) {
		return this.admin.saveSong(new Song(AdminIds.require(id, "id"), request.filename(), request.durationSeconds(),
				(request.md5() != null) ? request.md5().toLowerCase(java.util.Locale.ROOT) : null, request.title()));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		if (!this.admin.deleteSong(AdminIds.require(id, "id"))) {
			throw new AdminIds.NotFoundException("song", id);
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * A song to create or replace.
	 *
	 * @param filename file on the streamers, unique, without control characters
	 * @param durationSeconds track length
	 * @param md5 hex md5 of the file, optional
	 * @param title display title, optional
	 */
	record SongRequest(@NotBlank @Size(max = 1024) @Pattern(regexp = "[^\\p{Cntrl}]*") String filename,
			@NotNull @Positive Double durationSeconds, @Nullable @Pattern(regexp = "[0-9a-fA-F]{32}") String md5,
			@Nullable @Size(max = 200) String title) {
	}

}
