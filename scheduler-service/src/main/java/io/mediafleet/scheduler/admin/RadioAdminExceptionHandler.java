package io.mediafleet.scheduler.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mediafleet.scheduler.radio.RadioAdmin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the radio admin controllers' failures into RFC 9457 problems: 400 with a {@code fields} map naming each bad
 * field, 404 for unknown ids.
 */
@RestControllerAdvice(assignableTypes = { RadioAdminController.class, SongAdminController.class,
		PlaylistAdminController.class, ShowAdminController.class, UserAdminController.class })
final class RadioAdminExceptionHandler {

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
		return badRequest("request body is not valid JSON for this endpoint", Map.of());
	}

	@ExceptionHandler
	ProblemDetail invalidReference(RadioAdmin.InvalidAdminRequest ex) {
		return badRequest("invalid request", Map.of(ex.field(), String.valueOf(ex.getMessage())));
	}

	@ExceptionHandler
	ProblemDetail invalidPathId(AdminIds.InvalidPathIdException ex) {
		return badRequest("invalid id in path", Map.of(ex.name(), String.valueOf(ex.getMessage())));
	}

	@ExceptionHandler
	ProblemDetail notFound(AdminIds.NotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, String.valueOf(ex.getMessage()));
	}

	private static ProblemDetail badRequest(String detail, Map<String, String> fields) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setProperty("fields", fields);
		return problem;
	}

}
