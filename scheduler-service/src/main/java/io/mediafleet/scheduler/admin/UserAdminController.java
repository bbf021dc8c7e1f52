package io.mediafleet.scheduler.admin;

import java.util.List;

import io.mediafleet.scheduler.radio.RadioAdmin;
import io.mediafleet.schema.radio.RadioIds;
import io.mediafleet.scheduler.radio.User;
import io.mediafleet.scheduler.radio.UserToken;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Listener accounts and their authentication tokens; secrets are only ever returned when issued.
 */
@RestController
@RequestMapping("/api/admin/users")
final class UserAdminController {

	private final RadioAdmin admin;

	UserAdminController(RadioAdmin admin) {
		this.admin = admin;
	}

	@GetMapping
	List<UserView> users() {
		return this.admin.users().stream().map(UserView::of).toList();
	}

	@GetMapping("/{id}")
	UserView user(@PathVariable String id) {
		return UserView.of(find(id));
	}

	@PutMapping("/{id}")
	UserView save(@PathVariable String id, @Valid @RequestBody UserRequest request) {
		return UserView.of(this.admin.saveUser(AdminIds.require(id, "id"), request.username(), request.apiKey(),
				Boolean.TRUE.equals(request.hd())));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		if (!this.admin.deleteUser(AdminIds.require(id, "id"))) {
			throw new AdminIds.NotFoundException("user", id);
		}
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}/tokens")
	List<UserToken> tokens(@PathVariable String id) {
		return this.admin.tokens(find(id).id());
	}

	/** Issues a token, returned once in clear; only its SHA-256 is stored. */
	@PostMapping("/{id}/tokens")
	ResponseEntity<RadioAdmin.IssuedToken> issue(@PathVariable String id) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.admin.issueToken(find(id).id()));
	}

	@DeleteMapping("/{id}/tokens/{tokenId}")
	ResponseEntity<Void> revoke(@PathVariable String id, @PathVariable String tokenId) {
		if (!this.admin.revokeToken(find(id).id(), AdminIds.require(tokenId, "tokenId"))) {
			throw new AdminIds.NotFoundException("token", tokenId);
		}
		return ResponseEntity.noContent().build();
	}

	private User find(String id) {
		return this.admin.user(AdminIds.require(id, "id")).orElseThrow(() -> new AdminIds.NotFoundException("user", id));
	}

	/**
	 * A user to create or replace.
	 *
	 * @param username legacy login name, unique
	 * @param apiKey legacy api key, stored hashed; absent keeps the current one
	 * @param hd whether the user may listen in HD (default false)
	 */
	record UserRequest(@NotNull @Pattern(regexp = RadioIds.REGEX) String username,
			@Nullable @Size(min = 8, max = 256) String apiKey, @Nullable Boolean hd) {
	}

	/**
	 * A user as shown by the API: never the api key or its hash.
	 *
	 * @param id user id
	 * @param username legacy login name
	 * @param hasApiKey whether a legacy api key is set
	 * @param hd whether the user may listen in HD
	 */
	record UserView(String id, String username, boolean hasApiKey, boolean hd) {

		static UserView of(User user) {
			return new UserView(user.id(), user.username(), user.apiKeySha256() != null, user.hd());
		}

	}

}
