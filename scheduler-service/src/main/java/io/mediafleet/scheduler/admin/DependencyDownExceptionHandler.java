package io.mediafleet.scheduler.admin;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * While Redis or MongoDB is down, every admin endpoint answers {@code 503 Service Unavailable} with a problem document
 * that names the store ({@code "dependency": "redis"} or {@code "mongodb"}) and a {@code Retry-After}, never a bare
 * 500. It sits after the controllers' own handlers, which deal with bad input.
 */
@RestControllerAdvice(basePackageClasses = DependencyDownExceptionHandler.class)
@Order(Ordered.LOWEST_PRECEDENCE)
final class DependencyDownExceptionHandler {

	static final String RETRY_AFTER_SECONDS = "5";

	@ExceptionHandler({ DataAccessResourceFailureException.class, QueryTimeoutException.class })
	ResponseEntity<ProblemDetail> storeUnavailable(RuntimeException ex) {
		return unavailable(dependencyOf(ex).orElse("store"), ex);
	}

	@ExceptionHandler(com.mongodb.MongoException.class)
	ResponseEntity<ProblemDetail> mongoUnavailable(com.mongodb.MongoException ex) {
		if (ex instanceof com.mongodb.MongoSocketException || ex instanceof com.mongodb.MongoTimeoutException
				|| ex instanceof com.mongodb.MongoNotPrimaryException) {
			return unavailable("mongodb", ex);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"MongoDB refused the operation");
		return ResponseEntity.internalServerError().body(problem);
	}

	@ExceptionHandler(io.lettuce.core.RedisException.class)
	ResponseEntity<ProblemDetail> redisUnavailable(io.lettuce.core.RedisException ex) {
		return unavailable("redis", ex);
	}

	/** Which store an exception came from, by the driver exceptions in its causes. */
	static Optional<String> dependencyOf(@Nullable Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			String name = cause.getClass().getName();
			if (name.startsWith("io.lettuce.") || name.startsWith("org.springframework.data.redis.")) {
				return Optional.of("redis");
			}
			if (name.startsWith("com.mongodb.") || name.startsWith("org.springframework.data.mongodb.")) {
				return Optional.of("mongodb");
			}
		}
		return Optional.empty();
	}

	private static ResponseEntity<ProblemDetail> unavailable(String dependency, Throwable ex) {
		String store = switch (dependency) {
			case "redis" -> "Redis";
			case "mongodb" -> "MongoDB";
			default -> "a data store";
		};
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				store + " is unavailable; try again shortly");
		problem.setTitle("Dependency unavailable");
		problem.setProperty("dependency", dependency);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.body(problem);
	}

}
