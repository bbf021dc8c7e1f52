package io.mediafleet.ops;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * No empty panel: runs the whole suite with devstack (as {@code bin/devstack} does, on free ports and a fresh data
 * directory), a real Prometheus scraping it with the repository's scrape job, does what a user does that a quiet
 * suite never shows ({@link DemoTraffic}: a listener on the demo radio, a burn, a simul), asks Prometheus every
 * query of every dashboard, and checks that every {@code mediafleet_*} series the suite exposes is on some
 * dashboard. The same Prometheus loads the alerting rules: each must evaluate without error against the real suite,
 * and every metric an alert selects must be one the suite exposes. While the suite runs, it also proves the
 * container health check script on a real service.
 */
class DashboardQueriesIntegrationTests {

	/** Devstack's port options, in the order {@link #freePorts(int)} hands them out. */
	private static final List<String> DEVSTACK_PORTS = List.of("redis", "mongodb", "scheduler", "streamer", "tracker",
			"burner-agent", "player-agent", "burn", "simul-advise", "simul-command", "tsp", "tsp-peer");

	/** Which devstack port option serves each application's HTTP (and so its /actuator/prometheus). */
	/**
	 * Metrics an alert selects that devstack's configuration cannot show, with why: checked against the services'
	 * sources by {@link AlertRulesIntegrationTests} instead.
	 */
	private static final Map<String, String> ALERT_METRICS_DEVSTACK_LACKS = Map.of("mediafleet_leader_leader",
			"only a scheduler with leader election on exports it, and devstack runs one scheduler without");

	private static final Map<String, String> HTTP_PORT_OPTION = Map.of("scheduler-service", "scheduler",
			"streamer-service", "streamer", "tracker-service", "tracker", "burner-agent", "burner-agent",
			"player-agent", "player-agent");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void everyQueryOfEveryDashboardReturnsDataFromTheRunningSuite(@TempDir Path work) throws Exception {
		Path prometheus = Programs.require("prometheus", "prometheus");
		Path promtool = Programs.require("promtool", "prometheus");
		Programs.Result check = Programs.run(
				List.of(promtool.toString(), "check", "config", OpsFiles.PROMETHEUS_CONFIG.toString()), OpsFiles.ROOT,
				Duration.ofSeconds(30));
		assertThat(check.exitCode()).as("promtool check config: %s", check.describe()).isZero();
		Path devstackJar = OpsFiles.ROOT.resolve("devstack/target/devstack.jar");
		assertThat(devstackJar).as("devstack's jar; build it with ./mvnw -DskipTests package").isRegularFile();

		List<Integer> ports = freePorts(DEVSTACK_PORTS.size() + 1);
		Map<String, Integer> devstackPorts = new LinkedHashMap<>();
		for (int i = 0; i < DEVSTACK_PORTS.size(); i++) {
			devstackPorts.put(DEVSTACK_PORTS.get(i), ports.get(i));
		}
		int prometheusPort = ports.get(DEVSTACK_PORTS.size());

		List<String> devstackCommand = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", devstackJar.toString(),
				"--root=" + OpsFiles.ROOT, "--data-dir=" + work.resolve("data"), "--timeout=200"));
		devstackPorts.forEach((option, port) -> devstackCommand.add("--" + option + "-port=" + port));
		Path devstackLog = work.resolve("devstack.log");
		Process devstack = start(devstackCommand, devstackLog);
		Process prometheusProcess = null;
		List<ProcessHandle> started = new ArrayList<>();
		try {
			await("devstack up").atMost(Duration.ofSeconds(210)).pollInterval(Duration.ofSeconds(1)).until(() -> {
				String log = Files.readString(devstackLog);
				if (!devstack.isAlive()) {
					fail("devstack exited with " + devstack.exitValue() + ":\n" + log);
				}
				return log.contains("Mediafleet devstack is up");
			});
			devstack.descendants().forEach(started::add);
			containerHealthcheckPassesOnlyOnAReadyService(devstackPorts.get("scheduler"), devstackPorts.get("redis"));

			Map<String, Integer> portsByApplication = new LinkedHashMap<>();
			HTTP_PORT_OPTION.forEach((application, option) -> portsByApplication.put(application,
					devstackPorts.get(option)));
			Map<String, Object> config = PrometheusConfig.retargeted(OpsFiles.readYaml(OpsFiles.PROMETHEUS_CONFIG),
					portsByApplication, "1s");
			config.put("rule_files", List.of(OpsFiles.ALERT_RULES.toString()));
			Path configFile = work.resolve("prometheus.yml");
			Files.writeString(configFile, OpsFiles.yaml().dump(config));
			prometheusProcess = start(List.of(prometheus.toString(), "--config.file=" + configFile,
					"--storage.tsdb.path=" + work.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prometheusPort,
					"--log.level=warn"), work.resolve("prometheus.log"));
			Process prometheusRunning = prometheusProcess;
			String base = "http://127.0.0.1:" + prometheusPort;

			await("every service scraped").atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.ignoreException(IOException.class)
				.until(() -> {
					if (!prometheusRunning.isAlive()) {
						fail("prometheus exited:\n" + Files.readString(work.resolve("prometheus.log")));
					}
					return scrapedApplications(base, "up{job=\"mediafleet\"} == 1").equals(new TreeSet<>(OpsFiles.MODULES));
				});
			assertThat(scrapedApplications(base, "count by (application) (process_uptime_seconds)"))
				.as("the dashboards' application variable lists every service")
				.isEqualTo(new TreeSet<>(OpsFiles.MODULES));

			List<Dashboards.Query> queries = Dashboards.queries();
			assertThat(queries).hasSizeGreaterThan(10);
			// devstack keeps the admin token in its data directory, as it does for a user.
			String adminToken = Files.readString(work.resolve("data").resolve("admin-token")).strip();
			try (DemoTraffic traffic = new DemoTraffic(devstackPorts.get("scheduler"), adminToken)) {
				traffic.listen(devstackPorts.get("streamer"), "demo");
				traffic.burnAndFailOnce(devstackPorts.get("burn"));
				traffic.simulFile("01-a440-sine.mp3");
				await("the demo radio streams").atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(200))
					.until(() -> traffic.listenedBytes() > 0);
				try {
					await("every dashboard query returns data").atMost(Duration.ofSeconds(60))
						.pollInterval(Duration.ofSeconds(1))
						.until(() -> withoutData(base, queries).isEmpty());
				}
				catch (ConditionTimeoutException ex) {
					assertThat(withoutData(base, queries)).as("dashboard queries that return no data").isEmpty();
				}
				assertThat(unchartedMeters(base, queries)).as("mediafleet meters the suite exposes that no dashboard charts")
					.isEmpty();
				await("every alert rule evaluated").atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofSeconds(1))
					.until(() -> alertRulesNotEvaluatedCleanly(base).isEmpty());
				assertThat(alertMetricsNotExposed(base)).as("metrics alert rules select that the running suite lacks")
					.isEmpty();
			}
		}
		finally {
			if (prometheusProcess != null) {
				stop(prometheusProcess, Duration.ofSeconds(20));
			}
			// SIGTERM: devstack's shutdown hook stops every service, MongoDB and Redis before it exits.
			stop(devstack, Duration.ofSeconds(90));
		}
		assertThat(started).as("devstack started its children").isNotEmpty();
		for (ProcessHandle child : started) {
			child.onExit().get(30, TimeUnit.SECONDS);
			assertThat(child.isAlive()).as("devstack child %d after stop", child.pid()).isFalse();
		}
	}

	/** The image's health check script (docker compose runs it) against a real service, and against a non-HTTP port. */
	private static void containerHealthcheckPassesOnlyOnAReadyService(int httpPort, int otherPort) {
		String script = OpsFiles.ROOT.resolve("ops/docker/healthcheck.sh").toString();
		Programs.Result ready = Programs.run(List.of("bash", script, Integer.toString(httpPort)), OpsFiles.ROOT,
				Duration.ofSeconds(20));
		assertThat(ready.exitCode()).as("healthcheck on the scheduler: %s", ready.describe()).isZero();
		Programs.Result missing = Programs.run(List.of("bash", script, Integer.toString(httpPort), "/actuator/nothing"),
				OpsFiles.ROOT, Duration.ofSeconds(20));
		assertThat(missing.exitCode()).as("healthcheck on a missing path").isNotZero();
		Programs.Result notHttp = Programs.run(List.of("bash", script, Integer.toString(otherPort)), OpsFiles.ROOT,
				Duration.ofSeconds(20));
		assertThat(notHttp.exitCode()).as("healthcheck on Redis' port").isNotZero();
	}

	/** Queries (as Grafana would send them) that return no sample with a finite value. */
	private List<String> withoutData(String base, List<Dashboards.Query> queries) throws Exception {
		List<String> empty = new ArrayList<>();
		for (Dashboards.Query query : queries) {
			boolean data = false;
			for (JsonNode series : query(base, query.promql())) {
				double value = Double.parseDouble(series.path("value").get(1).asString());
				data |= Double.isFinite(value);
			}
			if (!data) {
				empty.add(query + ": " + query.promql());
			}
		}
		return empty;
	}

	/**
	 * The suite's own series ({@code mediafleet_*}) Prometheus holds that no dashboard query names; a timer's or
	 * summary's {@code _count}, {@code _sum} and {@code _max} count as charted when any of its series is.
	 */
	private List<String> unchartedMeters(String base, List<Dashboards.Query> queries) throws Exception {
		List<String> expressions = queries.stream().map(Dashboards.Query::expression).toList();
		List<String> uncharted = new ArrayList<>();
		for (JsonNode name : get(base + "/api/v1/label/__name__/values")) {
			String metric = name.asString();
			if (!metric.startsWith("mediafleet_")) {
				continue;
			}
			String family = metric.replaceFirst("_(count|sum|max)$", "");
			if (expressions.stream().noneMatch((expression) -> expression.contains(family))) {
				uncharted.add(metric);
			}
		}
		return uncharted;
	}

	/** Alerting rules Prometheus has not (yet) evaluated with health {@code ok}, with their error. */
	private List<String> alertRulesNotEvaluatedCleanly(String base) throws Exception {
		List<String> unhealthy = new ArrayList<>();
		int rules = 0;
		for (JsonNode group : get(base + "/api/v1/rules?type=alert").path("groups")) {
			for (JsonNode rule : group.path("rules")) {
				rules++;
				if (!"ok".equals(rule.path("health").asString())) {
					unhealthy.add(rule.path("name").asString() + ": " + rule.path("health").asString() + " "
							+ rule.path("lastError").asString());
				}
			}
		}
		if (rules != AlertRules.alerts().size()) {
			unhealthy.add("Prometheus loaded " + rules + " alerting rules of " + AlertRules.alerts().size());
		}
		return unhealthy;
	}

	/** Metric names alert expressions select that Prometheus holds no series of (the known exceptions aside). */
	private List<String> alertMetricsNotExposed(String base) throws Exception {
		TreeSet<String> exposed = new TreeSet<>();
		for (JsonNode name : get(base + "/api/v1/label/__name__/values")) {
			exposed.add(name.asString());
		}
		List<String> missing = new ArrayList<>();
		for (String metric : AlertRules.metrics()) {
			if (!exposed.contains(metric) && !ALERT_METRICS_DEVSTACK_LACKS.containsKey(metric)) {
				missing.add(metric);
			}
		}
		return missing;
	}

	private TreeSet<String> scrapedApplications(String base, String promql) throws Exception {
		TreeSet<String> applications = new TreeSet<>();
		for (JsonNode series : query(base, promql)) {
			applications.add(series.path("metric").path("application").asString());
		}
		return applications;
	}

	private JsonNode query(String base, String promql) throws IOException, InterruptedException {
		return get(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
			.path("result");
	}

	/** The {@code data} of a Prometheus HTTP API answer, failing unless it is a success. */
	private JsonNode get(String url) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s -> %s", url, response.body()).isEqualTo(200);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.path("status").asString()).as(url).isEqualTo("success");
		return body.path("data");
	}

	private static Process start(List<String> command, Path log) throws IOException {
		return new ProcessBuilder(command).directory(OpsFiles.ROOT.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
			.start();
	}

	private static void stop(Process process, Duration grace) throws InterruptedException {
		process.destroy();
		if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			fail(process.info().command().orElse("process") + " did not stop within " + grace.toSeconds() + " s");
		}
	}

	/** Distinct free loopback ports: all sockets are held open together so the kernel hands out distinct ones. */
	private static List<Integer> freePorts(int count) throws IOException {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			List<Integer> ports = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0);
				sockets.add(socket);
				ports.add(socket.getLocalPort());
			}
			return ports;
		}
		finally {
			for (ServerSocket socket : sockets) {
				socket.close();
			}
		}
	}

}
