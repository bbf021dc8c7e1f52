package io.mediafleet.testsupport;

/**
 * Where a test server came from, in the order the sources are tried.
 */
public enum TestServerSource {

	/** An already running server named by an environment variable ({@code REDIS_URL}, {@code MONGODB_URI}). */
	ENVIRONMENT,

	/** A throw-away container of the official image, started because a Docker daemon answered. */
	TESTCONTAINERS,

	/** A server started inside or beside this JVM: embedded-redis's real binary or mongo-java-server. */
	EMBEDDED

}
