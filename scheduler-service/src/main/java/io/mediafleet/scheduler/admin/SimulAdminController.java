package io.mediafleet.scheduler.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.mediafleet.schema.simul.SimulFile;
import io.mediafleet.scheduler.simul.SimulCommandException;
import io.mediafleet.scheduler.simul.SimulMaster;
import io.mediafleet.scheduler.simul.SimulStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST admin API of the simul master: the same operations as the IRC bot ({@code !simul}, {@code !start},
 * {@code !stop}, {@code !status}, {@code !slaves}).
 *
 * <p>Every request must carry {@code Authorization: Bearer <mediafleet.scheduler.admin.token>} (else 401); with
 * no token configured the API answers 403 to everyone. (A shared admin token filter may take this check over.)
 */
@RestController
@ConditionalOnBooleanProperty(name = "mediafleet.scheduler.simul.enabled", matchIfMissing = true)
@RequestMapping("/api/admin/simul")
final class SimulAdminController {

	static final String SOURCE = "rest";

	private final SimulMaster master;

	private final byte @Nullable [] token;

	SimulAdminController(SimulMaster master, @Value("${mediafleet.scheduler.admin.token:}") String token) {
		this.master = master;
		this.token = token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Body of {@code POST /file}.
	 *
	 * @param filename the file every slave should look for
	 * @param dest one slave to ask again about the current simul's file, or {@code null} for a new simul
	 */
	record FileRequest(@Nullable String filename, @Nullable String dest) {
	}

	@GetMapping
	SimulStatus status(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String auth) {
		authorize(auth);
		return this.master.status();
	}

	@GetMapping("/slaves")
	List<SimulStatus.SlaveStatus> slaves(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String auth) {
		authorize(auth);
		return this.master.status().slaves();
	}

	@PostMapping("/file")
	ResponseEntity<SimulStatus> file(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String auth,
			@RequestBody FileRequest request) {
		authorize(auth);
		if (request.filename() == null) {
			throw new BadRequest("missing required field 'filename'");
		}
		try {
			// The schema's rules for names apply before anything is published.
			new SimulFile(request.dest(), request.filename());
		}
		catch (RuntimeException ex) {
			throw new BadRequest(ex.getMessage());
		}
		this.master.simulFile(request.filename(), request.dest(), SOURCE);
		return ResponseEntity.accepted().body(this.master.status());
	}

	@PostMapping("/start")
	Map<String, Instant> start(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String auth) {
		authorize(auth);
		return Map.of("at", this.master.start(SOURCE));
	}

	@PostMapping("/stop")
	SimulStatus stop(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String auth) {
		authorize(auth);
		this.master.stop(SOURCE);
		return this.master.status();
	}

	@ExceptionHandler(SimulCommandException.class)
	ResponseEntity<Map<String, String>> conflict(SimulCommandException ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", String.valueOf(ex.getMessage())));
	}

	@ExceptionHandler(BadRequest.class)
	ResponseEntity<Map<String, String>> badRequest(BadRequest ex) {
		return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(ex.getMessage())));
	}

	@ExceptionHandler(Forbidden.class)
	ResponseEntity<Map<String, String>> forbidden(Forbidden ex) {
		return ResponseEntity.status(ex.status).body(Map.of("error", String.valueOf(ex.getMessage())));
	}

	private void authorize(@Nullable String authorization) {
		byte[] expected = this.token;
		if (expected == null) {
			throw new Forbidden(HttpStatus.FORBIDDEN, "the admin API is disabled: set mediafleet.scheduler.admin.token");
		}
		String prefix = "Bearer ";
		if (authorization == null || !authorization.startsWith(prefix)
				|| !MessageDigest.isEqual(expected,
						authorization.substring(prefix.length()).getBytes(StandardCharsets.UTF_8))) {
			throw new Forbidden(HttpStatus.UNAUTHORIZED, "missing or wrong admin token");
		}
	}

	private static final class BadRequest extends RuntimeException {

		BadRequest(@Nullable String message) {
			super(message);
		}

	}

	private static final class Forbidden extends RuntimeException {

		final HttpStatus status;

		Forbidden(HttpStatus status, String message) {
			super(message);
			this.status = status;
		}

	}

}
