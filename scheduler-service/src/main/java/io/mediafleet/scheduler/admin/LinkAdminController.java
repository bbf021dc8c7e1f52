package io.mediafleet.scheduler.admin;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mediafleet.scheduler.link.LinkTokens;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST admin of the link: mints the HS256 tokens slaves and controls register with.
 */
@RestController
@RequestMapping("/api/admin/link")
final class LinkAdminController {

	private final LinkTokens tokens;

	LinkAdminController(LinkTokens tokens) {
		this.tokens = tokens;
	}

	/**
	 * Body of {@code POST /api/admin/link/tokens}.
	 *
	 * @param role {@code slave} or {@code control}
	 * @param subject who the token is for (logged, informational)
	 * @param slaveId the only slave id the token may register; absent for any
	 * @param ttlSeconds validity, default 365 days
	 */
	record TokenRequest(@JsonProperty("role") @NotNull @Pattern(regexp = "slave|control") String role,
			@JsonProperty("subject") @NotBlank @Size(max = 200) String subject,
			@JsonProperty("slave_id") @Nullable Long slaveId,
			@JsonProperty("ttl_seconds") @Nullable @Min(1) @Max(10L * 365 * 86400) Long ttlSeconds) {
	}

	@PostMapping("/tokens")
	Map<String, String> mint(@Valid @RequestBody TokenRequest request) {
		Duration ttl = Duration.ofSeconds((request.ttlSeconds() != null) ? request.ttlSeconds() : 365L * 86400);
		return Map.of("token", this.tokens.mint(request.subject(), request.role(), request.slaveId(), ttl));
	}

}
