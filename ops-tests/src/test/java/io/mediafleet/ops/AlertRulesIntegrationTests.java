package io.mediafleet.ops;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static io.mediafleet.ops.OpsFiles.list;
import static io.mediafleet.ops.OpsFiles.map;
import static io.mediafleet.ops.OpsFiles.path;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerting rules ({@code helm/mediafleet/alerts/mediafleet-alerts.yml}): valid for Prometheus ({@code promtool
 * check rules}), each alert proven firing and not firing by {@code promtool test rules}, each linked to its own
 * section of {@code docs/runbook.md}, naming only meters the services define, and loaded by compose's Prometheus.
 * The chart's PrometheusRule is checked in {@link HelmChartIntegrationTests}; the metric names against the running suite in
 * {@link DashboardQueriesIntegrationTests}.
 */
class AlertRulesIntegrationTests {

	/** The alerts issue 15 asks for, by name: none may silently disappear. */
	private static final Set<String> REQUIRED = Set.of("MediafleetServiceDown", "MediafleetNoSchedulerLeader",
			"MediafleetRadioSchedulingLagHigh", "MediafleetRadioMessagesDroppedOverloaded",
			"MediafleetWriteBehindFailing", "MediafleetBurnJobsStranded", "MediafleetListenersDroppedForLag",
			"MediafleetHeapNearLimit");

	private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
			"group_right", "and", "or", "unless", "bool", "offset", "inf", "nan");

	@Test
	void promtoolAcceptsTheRules() {
		Path promtool = Programs.require("promtool", "prometheus");
		Programs.Result check = Programs.run(
				List.of(promtool.toString(), "check", "rules", OpsFiles.ALERT_RULES.toString()), OpsFiles.ROOT,
				Duration.ofSeconds(30));
		assertThat(check.exitCode()).as("promtool check rules: %s", check.describe()).isZero();
		assertThat(check.stdout()).contains("SUCCESS: " + AlertRules.alerts().size() + " rules found");
	}

	@Test
	void promtoolUnitTestsPass() {
		Path promtool = Programs.require("promtool", "prometheus");
		Programs.Result test = Programs.run(
				List.of(promtool.toString(), "test", "rules", OpsFiles.ALERT_RULE_TESTS.toString()), OpsFiles.ROOT,
				Duration.ofSeconds(60));
		assertThat(test.exitCode()).as("promtool test rules: %s", test.describe()).isZero();
		assertThat(test.stdout()).contains("SUCCESS");
	}

	@Test
	void everyRequiredAlertExistsAndIsUnitTestedFiringAndNotFiring() {
		Set<String> alerts = alertNames();
		assertThat(alerts).containsAll(REQUIRED);
		Set<String> firing = new TreeSet<>();
		Set<String> quiet = new TreeSet<>();
		Map<String, Object> tests = OpsFiles.readYaml(OpsFiles.ALERT_RULE_TESTS);
		assertThat(list(tests.get("rule_files"))).hasSize(1);
		assertThat(OpsFiles.ALERT_RULE_TESTS.getParent().resolve((String) list(tests.get("rule_files")).get(0)))
			.as("the unit tests load the shipped rules file")
			.satisfies((file) -> assertThat(Files.isSameFile(file, OpsFiles.ALERT_RULES)).isTrue());
		for (Object test : list(tests.get("tests"))) {
			for (Object check : list(map(test).get("alert_rule_test"))) {
				String alert = (String) path(check, "alertname");
				Object expected = path(check, "exp_alerts");
				if (expected == null || list(expected).isEmpty()) {
					quiet.add(alert);
				}
				else {
					firing.add(alert);
				}
			}
		}
		assertThat(firing).as("alerts a unit test expects firing").isEqualTo(alerts);
		assertThat(quiet).as("alerts a unit test expects quiet").isEqualTo(alerts);
	}

	@Test
	void everyAlertLinksToItsOwnRunbookSectionThatSaysWhatToDo() throws IOException {
		String runbook = Files.readString(OpsFiles.RUNBOOK);
		Map<String, String> sections = runbookSections(runbook);
		assertThat(sections.keySet()).as("runbook sections named after alerts").isEqualTo(alertNames());
		for (Map<String, Object> alert : AlertRules.alerts()) {
			String name = (String) alert.get("alert");
			assertThat(path(alert, "annotations", "runbook_url")).as(name)
				.isEqualTo("docs/runbook.md#" + name.toLowerCase(Locale.ROOT));
			assertThat(path(alert, "annotations", "summary")).as(name).isNotNull();
			assertThat(path(alert, "labels", "severity")).as(name).isIn("critical", "warning");
			assertThat(sections.get(name)).as("runbook section " + name)
				.contains("**What it means.**", "**How to confirm.**", "**What to do.**");
		}
	}

	@Test
	void everyMetricSelectorIsWrittenWithBraces() {
		for (Map<String, Object> alert : AlertRules.alerts()) {
			String expression = (String) alert.get("expr");
			assertThat(bareIdentifiers(expression)).as("metric names without {} in %s: %s", alert.get("alert"),
					expression)
				.isEmpty();
			assertThat(AlertRules.metrics(expression)).as(expression).isNotEmpty();
		}
	}

	/**
	 * Each {@code mediafleet_*} metric an alert selects is a meter some service registers: its Micrometer name
	 * (Prometheus' name less the {@code _total}, {@code _seconds} or {@code _bytes} suffix, dots for underscores)
	 * appears in a service's main sources. The running suite's own exposition is checked in
	 * {@link DashboardQueriesIntegrationTests}.
	 */
	@Test
	void everyMediafleetMetricAnAlertNamesIsAMeterAServiceRegisters() throws IOException {
		String sources = mainSources();
		List<String> unknown = new ArrayList<>();
		for (String metric : AlertRules.metrics()) {
			if (!metric.startsWith("mediafleet_")) {
				continue;
			}
			String meter = metric.replaceFirst("_(total|seconds|bytes)$", "").replace('_', '.');
			if (!sources.contains("\"" + meter + "\"")) {
				unknown.add(metric + " (meter \"" + meter + "\")");
			}
		}
		assertThat(unknown).isEmpty();
		assertThat(AlertRules.metrics()).contains("up", "mediafleet_burn_jobs_stranded",
				"mediafleet_radio_scheduling_lag_seconds");
	}

	@Test
	void composePrometheusMountsTheRulesWhereItsConfigurationLooksForThem() {
		Map<String, Object> prometheus = map(path(OpsFiles.readYaml(OpsFiles.COMPOSE_FILE), "services", "prometheus"));
		String configFile = list(prometheus.get("command")).stream()
			.map(String::valueOf)
			.filter((argument) -> argument.startsWith("--config.file="))
			.map((argument) -> argument.substring("--config.file=".length()))
			.findFirst()
			.orElseThrow();
		String rulesMount = list(prometheus.get("volumes")).stream()
			.map(String::valueOf)
			.filter((volume) -> volume.startsWith("./helm/mediafleet/alerts/mediafleet-alerts.yml:"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("compose's prometheus does not mount the alerting rules"));
		assertThat(OpsFiles.ROOT.resolve(rulesMount.split(":")[0])).isRegularFile();
		Path inContainer = Path.of(rulesMount.split(":")[1]);
		List<Object> ruleFiles = list(OpsFiles.readYaml(OpsFiles.PROMETHEUS_CONFIG).get("rule_files"));
		boolean loaded = ruleFiles.stream().map(String::valueOf).anyMatch((glob) -> {
			// Prometheus reads relative rule_files against the directory of its configuration file.
			Path pattern = Path.of(configFile).getParent().resolve(glob);
			PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
			return matcher.matches(inContainer);
		});
		assertThat(loaded).as("%s matches one of rule_files %s read from %s", inContainer, ruleFiles, configFile)
			.isTrue();
	}

	private static Set<String> alertNames() {
		return AlertRules.alerts()
			.stream()
			.map((alert) -> (String) alert.get("alert"))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	/** The runbook's {@code ## Mediafleet...} sections by heading, each with its text up to the next heading. */
	private static Map<String, String> runbookSections(String runbook) {
		Map<String, String> sections = new java.util.TreeMap<>();
		Matcher heading = Pattern.compile("(?m)^## (Mediafleet\\w+)\\s*$").matcher(runbook);
		List<int[]> starts = new ArrayList<>();
		List<String> names = new ArrayList<>();
		while (heading.find()) {
			starts.add(new int[] { heading.start(), heading.end() });
			names.add(heading.group(1));
		}
		for (int i = 0; i < names.size(); i++) {
			int end = runbook.indexOf("\n## ", starts.get(i)[1]);
			sections.put(names.get(i), runbook.substring(starts.get(i)[1], (end < 0) ? runbook.length() : end));
		}
		return sections;
	}

	/** Identifiers that are neither a selector ({@code name{}}), a function, a label list nor a PromQL word. */
	private static List<String> bareIdentifiers(String expression) {
		String stripped = expression.replaceAll("\\{[^}]*}", "{}")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
			.replaceAll("\\[[^\\]]*]", " ");
		List<String> bare = new ArrayList<>();
		Matcher identifier = Pattern.compile("(?<![\\w.])([A-Za-z_:][A-Za-z0-9_:]*)(\\s*)(.?)").matcher(stripped);
		while (identifier.find()) {
			String name = identifier.group(1);
			String next = identifier.group(3);
			if (next.equals("{") && identifier.group(2).isEmpty() || next.equals("(")
					|| PROMQL_WORDS.contains(name.toLowerCase(Locale.ROOT))) {
				continue;
			}
			bare.add(name);
		}
		return bare;
	}

	private static String mainSources() throws IOException {
		StringBuilder all = new StringBuilder();
		for (String module : OpsFiles.MODULES) {
			try (Stream<Path> files = Files.walk(OpsFiles.ROOT.resolve(module).resolve("src/main/java"))) {
				for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
					all.append(Files.readString(file)).append('\n');
				}
			}
		}
		return all.toString();
	}

}
