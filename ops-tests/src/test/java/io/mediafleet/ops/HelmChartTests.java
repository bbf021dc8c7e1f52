package io.mediafleet.ops;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.mediafleet.ops.OpsFiles.list;
import static io.mediafleet.ops.OpsFiles.map;
import static io.mediafleet.ops.OpsFiles.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Helm chart through Helm itself (helm-java runs Helm's Go code in-process, no cluster): lint, render with
 * default and non-default values, and the schema's refusals.
 */
class HelmChartTests {

	private static final String RELEASE = "fleet";

	/** A current Kubernetes; Helm's offline default is older than the chart's kubeVersion floor. */
	private static final String KUBE_VERSION = "1.31.0";

	private static final List<String> SERVICE_COMPONENTS = List.of("scheduler", "streamer", "tracker", "burner-agent",
			"player-agent");

	@Test
	void chartLintsWithoutWarnings() {
		LintResult result = new Helm(OpsFiles.CHART).lint().strict().call();
		assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
	}

	@Test
	void everyKeyOfValuesYamlIsDocumentedByTheCommentAboveIt() throws Exception {
		// Keys inside these are the Kubernetes objects' own fields (documented by Kubernetes), not chart settings.
		Set<String> freeForm = Set.of("podSecurityContext", "containerSecurityContext", "resources", "labels");
		List<String> undocumented = new ArrayList<>();
		Deque<Map.Entry<Integer, String>> parents = new ArrayDeque<>();
		String previous = "";
		for (String line : Files.readAllLines(OpsFiles.CHART.resolve("values.yaml"))) {
			Matcher key = Pattern.compile("^( *)([A-Za-z_][\\w.-]*):").matcher(line);
			if (key.find()) {
				int indent = key.group(1).length();
				while (!parents.isEmpty() && parents.peek().getKey() >= indent) {
					parents.pop();
				}
				boolean insideFreeForm = parents.stream().anyMatch((parent) -> freeForm.contains(parent.getValue()));
				if (!insideFreeForm && !previous.strip().startsWith("#")) {
					undocumented.add(line.strip());
				}
				parents.push(Map.entry(indent, key.group(2)));
			}
			if (!line.isBlank()) {
				previous = line;
			}
		}
		assertThat(undocumented).isEmpty();
	}

	@Test
	void defaultsRenderEveryComponentWithBundledRedisAndMongoDb() {
		Manifests manifests = render(UnaryOperator.identity());
		assertThat(manifests.names("Deployment")).containsExactlyInAnyOrder("fleet-mediafleet-scheduler",
				"fleet-mediafleet-streamer", "fleet-mediafleet-tracker", "fleet-mediafleet-burner-agent",
				"fleet-mediafleet-player-agent");
		assertThat(manifests.names("StatefulSet")).containsExactlyInAnyOrder("fleet-mediafleet-redis",
				"fleet-mediafleet-mongodb");
		assertThat(manifests.names("PodDisruptionBudget")).hasSize(SERVICE_COMPONENTS.size());
		assertThat(manifests.names("Ingress")).isEmpty();
		assertThat(manifests.names("ServiceMonitor")).isEmpty();
		Map<String, Object> scheduler = manifests.get("Deployment", "fleet-mediafleet-scheduler");
		assertThat(env(scheduler, "SPRING_DATA_REDIS_URL")).containsEntry("value", "redis://fleet-mediafleet-redis:6379");
		assertThat(env(scheduler, "SPRING_MONGODB_URI")).containsEntry("value",
				"mongodb://fleet-mediafleet-mongodb:27017/mediafleet");
		assertThat(path(env(scheduler, "MEDIAFLEET_SCHEDULER_LINK_JWTSECRET"), "valueFrom", "secretKeyRef"))
			.isEqualTo(Map.of("name", "fleet-mediafleet-secrets", "key", "jwt-secret"));
		assertThat(path(scheduler, "spec", "strategy", "type")).isEqualTo("Recreate");
		Map<String, Object> secret = manifests.get("Secret", "fleet-mediafleet-secrets");
		assertThat(decode(path(secret, "data", "jwt-secret"))).hasSizeGreaterThanOrEqualTo(32);
		assertThat(decode(path(secret, "data", "admin-token"))).isNotBlank();
		assertThat(path(manifests.get("ConfigMap", "fleet-mediafleet-scheduler"), "data", "SERVER_PORT"))
			.isEqualTo("8080");
	}

	@Test
	void everyContainerHasProbesAndResourceRequestsWithDefaultAndNonDefaultValues() {
		for (Manifests manifests : List.of(render(UnaryOperator.identity()), render(HelmChartTests::external))) {
			List<Map<String, Object>> workloads = new ArrayList<>(manifests.all("Deployment"));
			workloads.addAll(manifests.all("StatefulSet"));
			assertThat(workloads).isNotEmpty();
			for (Map<String, Object> workload : workloads) {
				for (Object container : list(path(workload, "spec", "template", "spec", "containers"))) {
					String name = path(workload, "metadata", "name") + "/" + path(container, "name");
					assertThat(path(container, "livenessProbe")).as("%s livenessProbe", name).isNotNull();
					assertThat(path(container, "readinessProbe")).as("%s readinessProbe", name).isNotNull();
					assertThat(path(container, "resources", "requests", "cpu")).as("%s cpu request", name).isNotNull();
					assertThat(path(container, "resources", "requests", "memory")).as("%s memory request", name)
						.isNotNull();
					assertThat(path(container, "resources", "limits", "memory")).as("%s memory limit", name)
						.isNotNull();
				}
			}
		}
	}

	@Test
	void servicesProbeTheActuatorGroupsAndRollWhenTheirConfigChanges() {
		Manifests manifests = render(UnaryOperator.identity());
		for (Map<String, Object> deployment : manifests.all("Deployment")) {
			String name = (String) path(deployment, "metadata", "name");
			Map<String, Object> container = map(list(path(deployment, "spec", "template", "spec", "containers")).get(0));
			assertThat(path(container, "livenessProbe", "httpGet", "path")).as(name)
				.isEqualTo("/actuator/health/liveness");
			assertThat(path(container, "readinessProbe", "httpGet", "path")).as(name)
				.isEqualTo("/actuator/health/readiness");
			assertThat(path(container, "livenessProbe", "httpGet", "port")).as(name).isEqualTo("http");
			assertThat(map(path(deployment, "spec", "template", "metadata", "annotations"))).as(name)
				.containsKeys("checksum/config", "checksum/secret");
			assertThat(path(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot")).as(name)
				.isEqualTo(true);
		}
		String before = checksum(manifests, "fleet-mediafleet-streamer");
		String after = checksum(render((helm) -> helm.set("streamer.listenerLimit", 50)), "fleet-mediafleet-streamer");
		assertThat(after).isNotEqualTo(before);
	}

	@Test
	void simulKeysComeFromTheGivenSecretToTheSchedulerAndThePlayerAgents() {
		Manifests defaults = render(UnaryOperator.identity());
		assertThat(env(defaults.get("Deployment", "fleet-mediafleet-scheduler"), "MEDIAFLEET_SCHEDULER_SIMUL_SECURITY"))
			.containsEntry("value", "curve");

		Manifests manifests = render((helm) -> helm.set("simul.existingSecret", "simul-keys"));
		Map<String, Object> scheduler = manifests.get("Deployment", "fleet-mediafleet-scheduler");
		assertThat(path(env(scheduler, "MEDIAFLEET_SCHEDULER_SIMUL_CURVE_SECRETKEY"), "valueFrom", "secretKeyRef"))
			.isEqualTo(Map.of("name", "simul-keys", "key", "master-secret-key"));
		assertThat(path(env(scheduler, "MEDIAFLEET_SCHEDULER_SIMUL_CURVE_SLAVEKEYS"), "valueFrom", "secretKeyRef"))
			.isEqualTo(Map.of("name", "simul-keys", "key", "player-public-key"));
		Map<String, Object> player = manifests.get("Deployment", "fleet-mediafleet-player-agent");
		assertThat(path(env(player, "MEDIAFLEET_PLAYER_MASTER_PUBLICKEY"), "valueFrom", "secretKeyRef"))
			.isEqualTo(Map.of("name", "simul-keys", "key", "master-public-key"));
		assertThat(path(env(player, "MEDIAFLEET_PLAYER_SECRETKEY"), "valueFrom", "secretKeyRef"))
			.isEqualTo(Map.of("name", "simul-keys", "key", "player-secret-key"));
	}

	@Test
	void externalStoresIngressServiceMonitorAndDatasourceRenderWhenAskedFor() {
		Manifests manifests = render(HelmChartTests::external);
		assertThat(manifests.names("StatefulSet")).isEmpty();
		Map<String, Object> scheduler = manifests.get("Deployment", "fleet-mediafleet-scheduler");
		assertThat(path(env(scheduler, "SPRING_DATA_REDIS_URL"), "valueFrom", "secretKeyRef"))
			.isEqualTo(Map.of("name", "fleet-mediafleet-external", "key", "redis-url"));
		assertThat(path(env(scheduler, "SPRING_MONGODB_URI"), "valueFrom", "secretKeyRef"))
			.isEqualTo(Map.of("name", "mongo-credentials", "key", "uri"));
		Map<String, Object> external = manifests.get("Secret", "fleet-mediafleet-external");
		assertThat(decode(path(external, "data", "redis-url"))).isEqualTo("redis://redis.example:6379");
		assertThat(map(path(external, "data"))).doesNotContainKey("mongodb-uri");
		assertThat(path(manifests.get("Deployment", "fleet-mediafleet-streamer"), "spec", "replicas")).isEqualTo(4);

		Map<String, Object> ingress = manifests.get("Ingress", "fleet-mediafleet");
		Map<String, Object> rule = map(list(path(ingress, "spec", "rules")).get(0));
		assertThat(rule).containsEntry("host", "radio.example.org");
		assertThat(list(path(rule, "http", "paths"))).extracting((p) -> path(p, "backend", "service", "name"))
			.containsExactly("fleet-mediafleet-streamer", "fleet-mediafleet-scheduler", "fleet-mediafleet-scheduler",
					"fleet-mediafleet-scheduler", "fleet-mediafleet-scheduler");

		Map<String, Object> monitor = manifests.get("ServiceMonitor", "fleet-mediafleet");
		assertThat(path(monitor, "metadata", "labels", "release")).isEqualTo("kube-prometheus-stack");
		assertThat(list(path(monitor, "spec", "targetLabels"))).containsExactly("application");
		assertThat(path(map(list(path(monitor, "spec", "endpoints")).get(0)), "path")).isEqualTo("/actuator/prometheus");
		for (Map<String, Object> service : manifests.all("Service")) {
			assertThat(path(service, "metadata", "labels", "mediafleet.io/metrics")).isEqualTo("true");
			assertThat((String) path(service, "metadata", "labels", "application")).isIn(OpsFiles.MODULES);
		}
		assertThat(manifests.names("ConfigMap")).contains("fleet-mediafleet-datasource");
	}

	@Test
	void existingSecretReplacesTheGeneratedOneAndDisabledAgentsRenderNothing() {
		Manifests manifests = render((helm) -> helm.set("secrets.existingSecret", "fleet-secrets")
			.set("burnerAgent.enabled", false)
			.set("playerAgent.enabled", false));
		assertThat(manifests.names("Secret")).isEmpty();
		assertThat(path(env(manifests.get("Deployment", "fleet-mediafleet-scheduler"), "MEDIAFLEET_SCHEDULER_ADMIN_TOKEN"),
				"valueFrom", "secretKeyRef", "name"))
			.isEqualTo("fleet-secrets");
		assertThat(manifests.names("Deployment")).containsExactlyInAnyOrder("fleet-mediafleet-scheduler",
				"fleet-mediafleet-streamer", "fleet-mediafleet-tracker");
		assertThat(manifests.names("PodDisruptionBudget")).hasSize(3);
	}

	@Test
	void dashboardConfigMapsCarryTheSameFilesComposeMounts() throws Exception {
		Manifests manifests = render(UnaryOperator.identity());
		List<Map<String, Object>> dashboards = manifests.all("ConfigMap")
			.stream()
			.filter((configMap) -> "1".equals(path(configMap, "metadata", "labels", "grafana_dashboard")))
			.toList();
		assertThat(dashboards).hasSize(OpsFiles.dashboardFiles().size());
		for (Path file : OpsFiles.dashboardFiles()) {
			String name = file.getFileName().toString();
			Object content = dashboards.stream()
				.map((configMap) -> path(configMap, "data", name))
				.filter((value) -> value != null)
				.findFirst()
				.orElseThrow(() -> new AssertionError("No ConfigMap carries " + name));
			assertThat(content).isEqualTo(Files.readString(file, StandardCharsets.UTF_8).stripTrailing());
		}
	}

	@Test
	void aSchedulerStandbyIsAllowedOnlyWithLeaderElection() {
		Manifests manifests = render((helm) -> helm.set("scheduler.replicaCount", 2)
			.set("scheduler.leaderElection.enabled", true)
			.set("scheduler.leaderElection.leaseDuration", "20s"));
		Map<String, Object> scheduler = manifests.get("Deployment", "fleet-mediafleet-scheduler");
		assertThat(path(scheduler, "spec", "replicas")).isEqualTo(2);
		assertThat(path(scheduler, "spec", "strategy", "type")).isEqualTo("Recreate");
		assertThat(path(env(scheduler, "MEDIAFLEET_SCHEDULER_LEADER_HOLDERID"), "valueFrom", "fieldRef", "fieldPath"))
			.isEqualTo("metadata.name");
		Map<String, Object> config = map(path(manifests.get("ConfigMap", "fleet-mediafleet-scheduler"), "data"));
		assertThat(config).containsEntry("MEDIAFLEET_SCHEDULER_LEADER_ENABLED", "true")
			.containsEntry("MEDIAFLEET_SCHEDULER_LEADER_LEASEDURATION", "20s")
			.containsEntry("MEDIAFLEET_SCHEDULER_LEADER_RENEWINTERVAL", "5s");

		Map<String, Object> single = map(path(render(UnaryOperator.identity()).get("ConfigMap",
				"fleet-mediafleet-scheduler"), "data"));
		assertThat(single).containsEntry("MEDIAFLEET_SCHEDULER_LEADER_ENABLED", "false");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> template((helm) -> helm.set("scheduler.replicaCount", 2)
				.set("scheduler.leaderElection.enabled", false)))
			.withMessageContaining("at '/scheduler/replicaCount': maximum");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> template((helm) -> helm.set("scheduler.replicaCount", 3)
				.set("scheduler.leaderElection.enabled", true)))
			.withMessageContaining("at '/scheduler/replicaCount': maximum");
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			streamer.replicaCount      | -1                | at '/streamer/replicaCount': minimum
			scheduler.replicaCount     | 2                 | at '/scheduler/replicaCount': maximum
			tracker.replicaCount       | 3                 | at '/tracker/replicaCount': maximum
			scheduler.service.httpPort | 70000             | at '/scheduler/service/httpPort': maximum
			streamer.service.type      | Headless          | at '/streamer/service/type'
			image.pullPolicy           | Sometimes         | at '/image/pullPolicy'
			secrets.jwtSecret          | too-short         | at '/secrets/jwtSecret'
			burnerAgent.transport      | carrier-pigeon    | at '/burnerAgent/transport'
			redis.external.url         | http://redis:6379 | at '/redis/external/url'
			schedular.replicaCount     | 1                 | additional properties 'schedular' not allowed
			scheduler.console.maxConsoles | 0              | at '/scheduler/console/maxConsoles': minimum
			scheduler.console.listenUrlTemplate | ftp://x/{radio_uuid} | at '/scheduler/console/listenUrlTemplate'
			scheduler.console.sessionTimeout | soon         | at '/scheduler/console/sessionTimeout'
			scheduler.console.services.Burner-Agent | http://b:8083 | invalid propertyName 'Burner-Agent'
			""")
	void schemaRejectsBadValuesNamingTheKey(String key, String value, String complaint) {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> template((helm) -> helm.set(key, value)))
			.withMessageContaining("values don't meet the specifications of the schema")
			.withMessageContaining(complaint);
	}

	@Test
	void externalRedisWithoutAnAddressIsRefusedWithTheKeyToSet() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> template((helm) -> helm.set("redis.enabled", false)))
			.withMessageContaining("redis.external.url (or redis.external.existingSecret) is required");
	}

	@Test
	void listenersReachTheStreamersDedicatedListenerPortUnlessItIsTurnedOff() {
		Manifests on = render(HelmChartTests::external);
		assertThat(path(on.get("ConfigMap", "fleet-mediafleet-streamer"), "data",
				"MEDIAFLEET_STREAMER_STREAM_LISTENERPORT")).isEqualTo("8000");
		assertThat(list(path(on.get("Service", "fleet-mediafleet-streamer"), "spec", "ports")))
			.extracting((port) -> path(port, "name") + ":" + path(port, "port") + "->" + path(port, "targetPort"))
			.contains("listeners:8000->listeners", "http:8081->http");
		Map<String, Object> streamer = map(list(path(on.get("Deployment", "fleet-mediafleet-streamer"), "spec",
				"template", "spec", "containers")).get(0));
		assertThat(list(path(streamer, "ports"))).extracting((port) -> path(port, "name") + ":" + path(port, "containerPort"))
			.contains("listeners:8000");
		Map<String, Object> ingressOn = map(list(path(map(list(path(on.get("Ingress", "fleet-mediafleet"), "spec",
				"rules")).get(0)), "http", "paths")).get(0));
		assertThat(path(ingressOn, "backend", "service", "port", "name")).isEqualTo("listeners");

		Manifests off = render((helm) -> external(helm).set("streamer.service.listenerPort", 0));
		assertThat(map(path(off.get("ConfigMap", "fleet-mediafleet-streamer"), "data")))
			.doesNotContainKey("MEDIAFLEET_STREAMER_STREAM_LISTENERPORT");
		assertThat(list(path(off.get("Service", "fleet-mediafleet-streamer"), "spec", "ports")))
			.extracting((port) -> path(port, "name")).doesNotContain("listeners");
		Map<String, Object> ingressOff = map(list(path(map(list(path(off.get("Ingress", "fleet-mediafleet"), "spec",
				"rules")).get(0)), "http", "paths")).get(0));
		assertThat(path(ingressOff, "backend", "service", "port", "name")).isEqualTo("http");
	}

	@Test
	void theIngressRoutesTheConsoleItsAssetsAndTheApiToTheScheduler() {
		Manifests manifests = render(HelmChartTests::external);
		assertThat(ingressPaths(manifests)).containsExactly("/radios -> fleet-mediafleet-streamer:listeners",
				"/api -> fleet-mediafleet-scheduler:http", "/console -> fleet-mediafleet-scheduler:http",
				"/webjars -> fleet-mediafleet-scheduler:http", "/assets -> fleet-mediafleet-scheduler:http");
		Map<String, Object> ingress = manifests.get("Ingress", "fleet-mediafleet");
		assertThat(map(path(ingress, "spec"))).doesNotContainKeys("tls", "ingressClassName");
		Map<String, Object> config = map(path(manifests.get("ConfigMap", "fleet-mediafleet-scheduler"), "data"));
		assertThat(config).doesNotContainKey("SERVER_SERVLET_SESSION_COOKIE_SECURE")
			.containsEntry("MEDIAFLEET_SCHEDULER_CONSOLE_LISTENURLTEMPLATE", "http://radio.example.org/radios/{radio_uuid}");

		Manifests apiOff = render((helm) -> external(helm).set("ingress.paths.scheduler", ""));
		assertThat(ingressPaths(apiOff)).containsExactly("/radios -> fleet-mediafleet-streamer:listeners",
				"/console -> fleet-mediafleet-scheduler:http", "/webjars -> fleet-mediafleet-scheduler:http",
				"/assets -> fleet-mediafleet-scheduler:http");
		Manifests everything = render((helm) -> external(helm).set("ingress.paths.scheduler", "/"));
		assertThat(ingressPaths(everything)).contains("/ -> fleet-mediafleet-scheduler:http",
				"/console -> fleet-mediafleet-scheduler:http");
	}

	@Test
	void tlsOnTheIngressMarksTheConsoleSessionCookieSecure() {
		Manifests manifests = render((helm) -> external(helm).set("ingress.tls.enabled", true)
			.set("ingress.tls.secretName", "radio-tls")
			.set("ingress.className", "nginx")
			.set("ingress.annotations.nginx\\.ingress\\.kubernetes\\.io/proxy-body-size", "8m"));
		Map<String, Object> ingress = manifests.get("Ingress", "fleet-mediafleet");
		assertThat(path(ingress, "spec", "ingressClassName")).isEqualTo("nginx");
		assertThat(path(ingress, "metadata", "annotations"))
			.isEqualTo(Map.of("nginx.ingress.kubernetes.io/proxy-body-size", "8m"));
		assertThat(list(path(ingress, "spec", "tls")))
			.containsExactly(Map.of("hosts", List.of("radio.example.org"), "secretName", "radio-tls"));
		Map<String, Object> config = map(path(manifests.get("ConfigMap", "fleet-mediafleet-scheduler"), "data"));
		assertThat(config).containsEntry("SERVER_SERVLET_SESSION_COOKIE_SECURE", "true")
			.containsEntry("MEDIAFLEET_SCHEDULER_CONSOLE_LISTENURLTEMPLATE", "https://radio.example.org/radios/{radio_uuid}");

		Manifests withoutIngress = render((helm) -> helm.set("ingress.tls.enabled", true));
		assertThat(map(path(withoutIngress.get("ConfigMap", "fleet-mediafleet-scheduler"), "data")))
			.as("no Ingress, no TLS in front of the console").doesNotContainKey("SERVER_SERVLET_SESSION_COOKIE_SECURE");
	}

	@Test
	void theConsoleKnowsThisReleasesTrackerAndServicesWithTheAdminToken() {
		Manifests manifests = render(UnaryOperator.identity());
		Map<String, Object> config = map(path(manifests.get("ConfigMap", "fleet-mediafleet-scheduler"), "data"));
		assertThat(config).containsEntry("MEDIAFLEET_SCHEDULER_CONSOLE_ENABLED", "true")
			.containsEntry("MEDIAFLEET_SCHEDULER_CONSOLE_SESSIONTIMEOUT", "30m")
			.containsEntry("MEDIAFLEET_SCHEDULER_CONSOLE_REFRESHINTERVAL", "500ms")
			.containsEntry("MEDIAFLEET_SCHEDULER_CONSOLE_HEALTHINTERVAL", "5s")
			.containsEntry("MEDIAFLEET_SCHEDULER_CONSOLE_MAXCONSOLES", "200")
			.containsEntry("MEDIAFLEET_SCHEDULER_CONSOLE_TRACKERURL", "http://fleet-mediafleet-tracker:8082")
			.containsEntry("MEDIAFLEET_SCHEDULER_CONSOLE_SERVICES_STREAMER", "http://fleet-mediafleet-streamer:8081")
			.containsEntry("MEDIAFLEET_SCHEDULER_CONSOLE_SERVICES_TRACKER", "http://fleet-mediafleet-tracker:8082")
			.containsEntry("MEDIAFLEET_SCHEDULER_CONSOLE_SERVICES_BURNER", "http://fleet-mediafleet-burner-agent:8083")
			.containsEntry("MEDIAFLEET_SCHEDULER_CONSOLE_SERVICES_PLAYER", "http://fleet-mediafleet-player-agent:8084")
			.as("no Ingress: no URL a browser could reach").doesNotContainKey("MEDIAFLEET_SCHEDULER_CONSOLE_LISTENURLTEMPLATE");
		assertThat(path(env(manifests.get("Deployment", "fleet-mediafleet-scheduler"),
				"MEDIAFLEET_SCHEDULER_CONSOLE_TRACKERTOKEN"), "valueFrom", "secretKeyRef"))
			.isEqualTo(Map.of("name", "fleet-mediafleet-secrets", "key", "admin-token"));
		assertThat(path(env(manifests.get("Deployment", "fleet-mediafleet-tracker"), "MEDIAFLEET_TRACKER_ADMIN_TOKEN"),
				"valueFrom", "secretKeyRef")).isEqualTo(Map.of("name", "fleet-mediafleet-secrets", "key", "admin-token"));

		Manifests chosen = render((helm) -> helm.set("burnerAgent.enabled", false)
			.set("scheduler.console.trackerUrl", "http://tracker.example:8082")
			.set("scheduler.console.listenUrlTemplate", "https://listen.example/radios/{radio_uuid}")
			.set("scheduler.console.services.grafana", "http://grafana.monitoring:3000")
			.set("scheduler.console.services.streamer", "http://streamer.example:8081"));
		assertThat(map(path(chosen.get("ConfigMap", "fleet-mediafleet-scheduler"), "data")))
			.containsEntry("MEDIAFLEET_SCHEDULER_CONSOLE_TRACKERURL", "http://tracker.example:8082")
			.containsEntry("MEDIAFLEET_SCHEDULER_CONSOLE_LISTENURLTEMPLATE", "https://listen.example/radios/{radio_uuid}")
			.containsEntry("MEDIAFLEET_SCHEDULER_CONSOLE_SERVICES_GRAFANA", "http://grafana.monitoring:3000")
			.containsEntry("MEDIAFLEET_SCHEDULER_CONSOLE_SERVICES_STREAMER", "http://streamer.example:8081")
			.doesNotContainKey("MEDIAFLEET_SCHEDULER_CONSOLE_SERVICES_BURNER");
	}

	private static List<String> ingressPaths(Manifests manifests) {
		Map<String, Object> rule = map(list(path(manifests.get("Ingress", "fleet-mediafleet"), "spec", "rules")).get(0));
		return list(path(rule, "http", "paths")).stream()
			.map((p) -> path(p, "path") + " -> " + path(p, "backend", "service", "name") + ":"
					+ path(p, "backend", "service", "port", "name"))
			.toList();
	}

	private static TemplateCommand external(TemplateCommand helm) {
		return helm.set("redis.enabled", false)
			.set("redis.external.url", "redis://redis.example:6379")
			.set("mongodb.enabled", false)
			.set("mongodb.external.existingSecret", "mongo-credentials")
			.set("mongodb.external.existingSecretKey", "uri")
			.set("streamer.replicaCount", 4)
			.set("ingress.enabled", true)
			.set("ingress.host", "radio.example.org")
			.set("metrics.serviceMonitor.enabled", true)
			.set("metrics.serviceMonitor.labels.release", "kube-prometheus-stack")
			.set("grafana.datasource.enabled", true);
	}

	private static String template(UnaryOperator<TemplateCommand> values) {
		return values.apply(new Helm(OpsFiles.CHART).template().withName(RELEASE).withNamespace("media").withKubeVersion(KUBE_VERSION)).call();
	}

	private static Manifests render(UnaryOperator<TemplateCommand> values) {
		return new Manifests(OpsFiles.readAll(template(values)));
	}

	private static Map<String, Object> env(Map<String, Object> workload, String name) {
		Map<String, Object> container = map(list(path(workload, "spec", "template", "spec", "containers")).get(0));
		Object env = container.get("env");
		if (env != null) {
			for (Object variable : list(env)) {
				if (name.equals(path(variable, "name"))) {
					return map(variable);
				}
			}
		}
		throw new AssertionError("No env " + name + " in " + path(workload, "metadata", "name"));
	}

	private static String checksum(Manifests manifests, String deployment) {
		return (String) path(manifests.get("Deployment", deployment), "spec", "template", "metadata", "annotations",
				"checksum/config");
	}

	private static String decode(Object base64) {
		return new String(Base64.getDecoder().decode((String) base64), StandardCharsets.UTF_8);
	}

	/** Rendered manifests by kind and name. */
	private record Manifests(List<Map<String, Object>> documents) {

		List<Map<String, Object>> all(String kind) {
			return this.documents.stream().filter((document) -> kind.equals(document.get("kind"))).toList();
		}

		List<String> names(String kind) {
			return all(kind).stream().map((document) -> (String) path(document, "metadata", "name")).toList();
		}

		Map<String, Object> get(String kind, String name) {
			return all(kind).stream()
				.filter((document) -> name.equals(path(document, "metadata", "name")))
				.findFirst()
				.orElseThrow(() -> new AssertionError("No " + kind + " " + name + " among " + names(kind)));
		}

	}

}
