package io.mediafleet.testsupport;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Which source serves a test server, decided from the environment and a Docker probe alone so the decision can be
 * tested without touching either.
 *
 * @param source where the server comes from
 * @param url the server's URL when the environment named it, otherwise {@code null} (known only once started)
 */
public record TestServerChoice(TestServerSource source, @Nullable String url) {

	/** Environment variable naming an external Redis, e.g. {@code redis://localhost:6379}. */
	public static final String REDIS_URL = "REDIS_URL";

	/** Environment variable naming an external MongoDB, e.g. {@code mongodb://localhost:27017}. */
	public static final String MONGODB_URI = "MONGODB_URI";

	public TestServerChoice {
		if ((source == TestServerSource.ENVIRONMENT) != (url != null)) {
			throw new IllegalArgumentException("A URL is given exactly when the source is the environment");
		}
	}

	/**
	 * Picks the source: a non-blank {@code variable} in {@code environment} wins, then Testcontainers when
	 * {@code docker} says a daemon answers, then the embedded server. The probe is not consulted when the environment
	 * already decided.
	 */
	public static TestServerChoice resolve(Map<String, String> environment, String variable, DockerProbe docker) {
		String url = environment.get(variable);
		if (url != null && !url.isBlank()) {
			return new TestServerChoice(TestServerSource.ENVIRONMENT, url.strip());
		}
		if (docker.isDockerAvailable()) {
			return new TestServerChoice(TestServerSource.TESTCONTAINERS, null);
		}
		return new TestServerChoice(TestServerSource.EMBEDDED, null);
	}

	/** The URL the environment named; fails for choices that have none. */
	public String requiredUrl() {
		if (this.url == null) {
			throw new IllegalStateException("A " + this.source + " server has no URL before it is started");
		}
		return this.url;
	}

}
