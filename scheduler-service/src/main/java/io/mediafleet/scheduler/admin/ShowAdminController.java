package io.mediafleet.scheduler.admin;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Set;

import io.mediafleet.scheduler.radio.RadioAdmin;
import io.mediafleet.schema.radio.RadioIds;
import io.mediafleet.scheduler.radio.Show;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Weekly shows of a radio; a window whose end is at or before its start runs past midnight.
 */
@RestController
@RequestMapping("/api/admin/shows")
final class ShowAdminController {

	private static final String TIME = "([01][0-9]|2[0-3]):[0-5][0-9]";

	private final RadioAdmin admin;

	ShowAdminController(RadioAdmin admin) {
		this.admin = admin;
	}

	@GetMapping
	List<Show> shows(@RequestParam(required = false) @Nullable String radio) {
		return this.admin.shows((radio != null) ? AdminIds.require(radio, "radio") : null);
	}

	@GetMapping("/{id}")
	Show show(@PathVariable String id) {
		return this.admin.show(AdminIds.require(id, "id")).orElseThrow(() -> new AdminIds.NotFoundException("show", id));
	}

	@PutMapping("/{id}")
	Show save(@PathVariable String id, @Valid @RequestBody ShowRequest request) {
		return this.admin.saveShow(new Show(AdminIds.require(id, "id"), request.radioUuid(), request.name(),
				request.days(), request.start(), request.end(), request.playlistId()));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		if (!this.admin.deleteShow(AdminIds.require(id, "id"))) {
			throw new AdminIds.NotFoundException("show", id);
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * A show to create or replace.
	 *
	 * @param radioUuid the radio
	 * @param name display name
	 * @param days days on which it starts, e.g. {@code ["FRIDAY"]}
	 * @param start start time {@code HH:mm}
	 * @param end end time {@code HH:mm}; at or before the start means the next day
	 * @param playlistId playlist during the show
	 */
	record ShowRequest(@NotNull @Pattern(regexp = RadioIds.REGEX) String radioUuid,
			@NotBlank @Size(max = 200) String name, @NotEmpty Set<DayOfWeek> days,
			@NotNull @Pattern(regexp = TIME, message = "must be a time of day HH:mm") String start,
			@NotNull @Pattern(regexp = TIME, message = "must be a time of day HH:mm") String end,
			@NotNull @Pattern(regexp = RadioIds.REGEX) String playlistId) {
	}

}
