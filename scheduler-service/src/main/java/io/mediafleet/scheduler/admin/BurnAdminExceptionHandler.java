package io.mediafleet.scheduler.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.DatabindException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/**
 * Turns the burn admin controller's refusals into RFC 9457 problems, as the radio controllers do: 400 with a
 * {@code fields} map naming each bad field, and the reason of a 404 or 409 as the problem's {@code detail} (Spring
 * Boot's default error body would drop it).
 */
@RestControllerAdvice(assignableTypes = BurnAdminController.class)
final class BurnAdminExceptionHandler {

	@ExceptionHandler
	ProblemDetail invalidBody(MethodArgumentNotValidException ex) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			fields.merge(error.getField(), String.valueOf(error.getDefaultMessage()), (a, b) -> a + "; " + b);
		}
		return badRequest("invalid request body", fields);
	}

	@ExceptionHandler
	ProblemDetail unreadableBody(HttpMessageNotReadableException ex) {
		Map<String, String> fields = new LinkedHashMap<>();
		// A value of the wrong type ("priority": "high") names its field in Jackson's path.
		if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			String field = databind.getPath().getLast().getPropertyName();
			if (field != null) {
				fields.put(field, "must be a whole number");
			}
		}
		return badRequest("request body is not valid JSON for this endpoint", fields);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> refused(ResponseStatusException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.getStatusCode(),
				(ex.getReason() != null) ? ex.getReason() : ex.getStatusCode().toString());
		return ResponseEntity.status(ex.getStatusCode()).body(problem);
	}

	private static ProblemDetail badRequest(String detail, Map<String, String> fields) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setProperty("fields", fields);
		return problem;
	}

}
