package io.mediafleet.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Where the operations files are and how to read them.
 */
final class OpsFiles {

	/** The checkout's root, set by the build (see this module's pom). */
	static final Path ROOT = Path.of(System.getProperty("mediafleet.root", "..")).toAbsolutePath().normalize();

	static final Path CHART = ROOT.resolve("helm/mediafleet");

	/** The only copy of the Grafana dashboards: the chart ships them, compose mounts the same folder. */
	static final Path DASHBOARDS = CHART.resolve("dashboards");

	static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.yml");

	static final Path PROMETHEUS_CONFIG = ROOT.resolve("ops/prometheus/prometheus.yml");

	/** The only copy of the alerting rules: the chart ships them, compose mounts the same file. */
	static final Path ALERT_RULES = CHART.resolve("alerts/mediafleet-alerts.yml");

	/** promtool unit tests of {@link #ALERT_RULES}. */
	static final Path ALERT_RULE_TESTS = ROOT.resolve("ops-tests/src/test/resources/alerts/mediafleet-alerts.test.yml");

	static final Path RUNBOOK = ROOT.resolve("docs/runbook.md");

	/** The services built from this repository: module directory = image = application tag. */
	static final List<String> MODULES = List.of("scheduler-service", "streamer-service", "tracker-service",
			"burner-agent", "player-agent");

	private OpsFiles() {
	}

	static Yaml yaml() {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		return new Yaml(options);
	}

	static Map<String, Object> readYaml(Path file) {
		try {
			return yaml().load(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every YAML document in {@code text}, skipping empty ones. */
	static List<Map<String, Object>> readAll(String text) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : yaml().loadAll(text)) {
			if (document != null) {
				documents.add(map(document));
			}
		}
		return documents;
	}

	static List<Path> dashboardFiles() {
		try (Stream<Path> files = Files.list(DASHBOARDS)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".json")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object value) {
		return (List<Object>) value;
	}

	/** Follows {@code keys} through nested maps; {@code null} when any step is missing. */
	static @Nullable Object path(Object root, String... keys) {
		@Nullable Object current = root;
		for (String key : keys) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return current;
	}

}
