package io.mediafleet.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.mediafleet.ops.OpsFiles.list;
import static io.mediafleet.ops.OpsFiles.map;
import static io.mediafleet.ops.OpsFiles.path;

/**
 * The repository's Prometheus configuration, and the same configuration pointed at services on loopback.
 */
final class PrometheusConfig {

	static final String JOB = "mediafleet";

	private PrometheusConfig() {
	}

	static Map<String, Object> mediafleetJob(Map<String, Object> config) {
		for (Object job : list(config.get("scrape_configs"))) {
			if (JOB.equals(path(job, "job_name"))) {
				return map(job);
			}
		}
		throw new AssertionError("No scrape job '" + JOB + "' in " + OpsFiles.PROMETHEUS_CONFIG);
	}

	/**
	 * The shipped configuration with its {@code mediafleet} job kept as is (metrics path, labels) but each target
	 * replaced by {@code 127.0.0.1:<port>} of its {@code application}, the other jobs dropped, and a short
	 * {@code scrapeInterval} so a test sees rates within seconds.
	 */
	static Map<String, Object> retargeted(Map<String, Object> shipped, Map<String, Integer> portsByApplication,
			String scrapeInterval) {
		Map<String, Object> job = new LinkedHashMap<>(mediafleetJob(shipped));
		List<Object> groups = new ArrayList<>();
		for (Object group : list(job.get("static_configs"))) {
			Map<String, Object> copy = new LinkedHashMap<>(map(group));
			String application = (String) path(group, "labels", "application");
			Integer port = portsByApplication.get(application);
			if (port == null) {
				throw new AssertionError("The test runs no service for application " + application);
			}
			copy.put("targets", List.of("127.0.0.1:" + port));
			groups.add(copy);
		}
		job.put("static_configs", groups);
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("global", Map.of("scrape_interval", scrapeInterval, "scrape_timeout", scrapeInterval,
				"evaluation_interval", scrapeInterval));
		config.put("scrape_configs", List.of(job));
		return config;
	}

}
