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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
 * default and non-default values, and the schema's refusals. Helm's {@code lookup} asks a {@link FakeKubernetesApi}
 * (through the kubeconfig {@code KUBECONFIG} names, see this module's pom), which holds no Secret unless a test puts
 * one there.
 */
class HelmChartIntegrationTests {

	private static final String NAMESPACE = "media";

	private static @org.jspecify.annotations.Nullable FakeKubernetesApi cluster;

	@BeforeAll
	static void startFakeKubernetesApi() {
		cluster = FakeKubernetesApi.start();
		String kubeconfig = System.getenv("KUBECONFIG");
		assertThat(kubeconfig).as("KUBECONFIG (set by this module's pom)").isNotBlank().isNotEqualTo("/dev/null");
		cluster.writeKubeconfig(Path.of(kubeconfig));
	}

	@AfterAll
	static void stopFakeKubernetesApi() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@BeforeEach
	void noSecretInTheCluster() {
		cluster().clear();
	}

	private static FakeKubernetesApi cluster() {
		return java.util.Objects.requireNonNull(cluster);
	}

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
		assertThat(manifests.names("PrometheusRule")).isEmpty();
		Map<String, Object> scheduler = manifests.get("Deployment", "fleet-mediafleet-scheduler");
		assertThat(env(scheduler, "SPRING_DATA_REDIS_URL")).containsEntry("value",
				"redis://default:$(REDIS_PASSWORD)@fleet-mediafleet-redis:6379");
		assertThat(env(scheduler, "SPRING_MONGODB_URI")).containsEntry("value",
				"mongodb://root:$(MONGODB_ROOT_PASSWORD)@fleet-mediafleet-mongodb:27017/mediafleet?authSource=admin");
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
		for (Manifests manifests : List.of(render(UnaryOperator.identity()), render(HelmChartIntegrationTests::external))) {
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
	void aBurnerAgentTokenReachesTheBurnPortTransportAsWellAsTheLink() {
		Manifests manifests = render((helm) -> helm.set("burnerAgent.transport", "tcp").set("burnerAgent.token", "jwt"));
		Map<String, Object> burner = manifests.get("Deployment", "fleet-mediafleet-burner-agent");
		for (String variable : List.of("MEDIAFLEET_BURNER_TCP_TOKEN", "MEDIAFLEET_BURNER_LINK_TOKEN")) {
			assertThat(path(env(burner, variable), "valueFrom", "secretKeyRef")).as(variable)
				.isEqualTo(Map.of("name", "fleet-mediafleet-burner-agent", "key", "token"));
		}
		assertThat(path(manifests.get("Secret", "fleet-mediafleet-burner-agent"), "data", "token"))
			.isEqualTo(Base64.getEncoder().encodeToString("jwt".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void externalStoresIngressServiceMonitorAndDatasourceRenderWhenAskedFor() {
		Manifests manifests = render(HelmChartIntegrationTests::external);
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
			if (path(service, "metadata", "name").equals("fleet-mediafleet-scheduler-agents")) {
				assertThat(path(service, "metadata", "labels", "mediafleet.io/metrics")).as("no http port").isNull();
				continue;
			}
			assertThat(path(service, "metadata", "labels", "mediafleet.io/metrics")).isEqualTo("true");
			assertThat((String) path(service, "metadata", "labels", "application")).isIn(OpsFiles.MODULES);
		}
		assertThat(manifests.names("ConfigMap")).contains("fleet-mediafleet-datasource");
	}

	@Test
	void prometheusRuleShipsTheAlertRulesFileAsItIsWhenAskedFor() {
		Manifests manifests = render((helm) -> helm.set("metrics.prometheusRule.enabled", true)
			.set("metrics.prometheusRule.labels.release", "kube-prometheus-stack"));
		Map<String, Object> rule = manifests.get("PrometheusRule", "fleet-mediafleet");
		assertThat(path(rule, "metadata", "labels", "release")).isEqualTo("kube-prometheus-stack");
		assertThat(path(rule, "metadata", "labels", "app.kubernetes.io/part-of")).isEqualTo("mediafleet");
		assertThat(map(rule.get("spec"))).as("the PrometheusRule's spec is the rules file, the one compose mounts")
			.isEqualTo(OpsFiles.readYaml(OpsFiles.ALERT_RULES));
	}

	@Test
	void prometheusRuleRunbookLinksTakeTheConfiguredBaseUrl() {
		Manifests manifests = render((helm) -> helm.set("metrics.prometheusRule.enabled", true)
			.set("metrics.prometheusRule.runbookBaseUrl", "https://git.example.org/ops/mediafleet/blob/main/"));
		Map<String, Object> rule = manifests.get("PrometheusRule", "fleet-mediafleet");
		List<Object> rules = list(path(list(path(rule, "spec", "groups")).get(0), "rules"));
		assertThat(rules).hasSize(AlertRules.alerts().size());
		for (Object alert : rules) {
			assertThat(path(alert, "annotations", "runbook_url")).isEqualTo(
					"https://git.example.org/ops/mediafleet/blob/main/docs/runbook.md#"
							+ ((String) path(alert, "alert")).toLowerCase(java.util.Locale.ROOT));
		}
	}

	@Test
	void theTrackerRequiresAndTheStreamerSendsTheTspPeerTokenOfTheSecret() {
		Manifests manifests = render(UnaryOperator.identity());
		assertThat(decode(path(manifests.get("Secret", "fleet-mediafleet-secrets"), "data", "tsp-token")))
			.hasSizeGreaterThanOrEqualTo(16);
		Map<String, String> tspToken = Map.of("name", "fleet-mediafleet-secrets", "key", "tsp-token");
		assertThat(path(env(manifests.get("Deployment", "fleet-mediafleet-tracker"), "MEDIAFLEET_TRACKER_PEERS_TOKEN"),
				"valueFrom", "secretKeyRef")).isEqualTo(tspToken);
		assertThat(path(env(manifests.get("Deployment", "fleet-mediafleet-streamer"), "MEDIAFLEET_STREAMER_TRACKER_TOKEN"),
				"valueFrom", "secretKeyRef")).isEqualTo(tspToken);

		Manifests chosen = render((helm) -> helm.set("secrets.jwtSecret", "j".repeat(32))
			.set("secrets.adminToken", "a".repeat(16))
			.set("secrets.tspToken", "t".repeat(16)));
		assertThat(decode(path(chosen.get("Secret", "fleet-mediafleet-secrets"), "data", "tsp-token")))
			.isEqualTo("t".repeat(16));
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
	void theSchedulerAnnouncesTracks75SecondsAheadUnlessToldOtherwise() {
		Map<String, Object> config = map(path(render(UnaryOperator.identity()).get("ConfigMap",
				"fleet-mediafleet-scheduler"), "data"));
		assertThat(config).as("streamers ride out a scheduler lost for a minute")
			.containsEntry("MEDIAFLEET_SCHEDULER_RADIO_ANNOUNCEHORIZON", "75s");
		Map<String, Object> seed = map(path(render((helm) -> helm.set("scheduler.radio.announceHorizon", "0s"))
			.get("ConfigMap", "fleet-mediafleet-scheduler"), "data"));
		assertThat(seed).as("the seed's one pending play").containsEntry("MEDIAFLEET_SCHEDULER_RADIO_ANNOUNCEHORIZON", "0s");
	}

	@Test
	void aSchedulerStandbyIsAllowedOnlyWithLeaderElection() {
		Manifests manifests = render((helm) -> helm.set("scheduler.replicaCount", 2)
			.set("scheduler.leaderElection.enabled", true)
			.set("scheduler.leaderElection.leaseDuration", "20s"));
		Map<String, Object> scheduler = manifests.get("Deployment", "fleet-mediafleet-scheduler");
		assertThat(path(scheduler, "spec", "replicas")).isEqualTo(2);
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
			scheduler.podAntiAffinity  | sometimes         | at '/scheduler/podAntiAffinity'
			scheduler.radio.announceHorizon | a minute     | at '/scheduler/radio/announceHorizon'
			scheduler.agentService.loadBalancerSourceRanges[0] | everyone | at '/scheduler/agentService/loadBalancerSourceRanges/0'
			scheduler.agentService.type | Headless         | at '/scheduler/agentService/type'
			scheduler.leaderElection.labeler.intervalSeconds | 0 | at '/scheduler/leaderElection/labeler/intervalSeconds'
			redis.auth.password        | short             | at '/redis/auth/password'
			redis.auth.password        | with@at-and:colon-in-a-url | at '/redis/auth/password'
			mongodb.auth.rootPassword  | short             | at '/mongodb/auth/rootPassword'
			mongodb.auth.rootUser      | root:me           | at '/mongodb/auth/rootUser'
			networkPolicy.enabled      | maybe             | at '/networkPolicy/enabled'
			networkPolicy.agentSources[0].ipBlock.cidr | 10.0.0.1 | at '/networkPolicy/agentSources/0/ipBlock/cidr'
			networkPolicy.everyone     | true              | additional properties 'everyone' not allowed
			metrics.prometheusRule.runbookBaseUrl | docs.example.org | at '/metrics/prometheusRule/runbookBaseUrl'
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
		Manifests on = render(HelmChartIntegrationTests::external);
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
		Manifests manifests = render(HelmChartIntegrationTests::external);
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

	@Test
	void networkPoliciesLetOnlyAgentsAndStreamersReachTheAgentPortsAndOnlyTheirUsersReachTheStores() {
		Manifests manifests = render(UnaryOperator.identity());
		assertThat(manifests.names("NetworkPolicy")).containsExactlyInAnyOrder("fleet-mediafleet-scheduler",
				"fleet-mediafleet-streamer", "fleet-mediafleet-tracker", "fleet-mediafleet-burner-agent",
				"fleet-mediafleet-player-agent", "fleet-mediafleet-redis", "fleet-mediafleet-mongodb");
		for (Map<String, Object> policy : manifests.all("NetworkPolicy")) {
			String component = ((String) path(policy, "metadata", "name")).substring("fleet-mediafleet-".length());
			assertThat(path(policy, "spec", "podSelector", "matchLabels", "app.kubernetes.io/component")).isEqualTo(component);
			assertThat(list(path(policy, "spec", "policyTypes"))).containsExactly("Ingress");
		}
		assertThat(rules(manifests, "scheduler")).containsExactlyInAnyOrder("http <- anyone",
				"burn,simul-advise,simul-command <- burner-agent,player-agent,streamer");
		assertThat(rules(manifests, "streamer")).containsExactlyInAnyOrder("http,listeners <- anyone",
				"tsp-peer <- streamer");
		assertThat(rules(manifests, "tracker")).containsExactlyInAnyOrder("http <- anyone", "tsp <- streamer");
		assertThat(rules(manifests, "redis")).containsExactly("redis <- scheduler,streamer");
		assertThat(rules(manifests, "mongodb")).containsExactly("mongodb <- scheduler");
		// Every named port of a rule is a port of the pods it selects.
		assertThat(containerPorts(manifests, "Deployment", "fleet-mediafleet-scheduler")).contains("http", "burn",
				"simul-advise", "simul-command");
		assertThat(containerPorts(manifests, "Deployment", "fleet-mediafleet-tracker")).contains("http", "tsp");
		assertThat(containerPorts(manifests, "StatefulSet", "fleet-mediafleet-redis")).contains("redis");
		assertThat(containerPorts(manifests, "StatefulSet", "fleet-mediafleet-mongodb")).contains("mongodb");

		Manifests narrowed = render((helm) -> helm.set("networkPolicy.agentSources[0].ipBlock.cidr", "192.0.2.0/24")
			.set("networkPolicy.httpSources[0].namespaceSelector.matchLabels.name", "ingress")
			.set("networkPolicy.tspSources[0].ipBlock.cidr", "198.51.100.0/24")
			.set("redis.enabled", false)
			.set("redis.external.url", "redis://redis.example:6379"));
		assertThat(rules(narrowed, "scheduler")).containsExactlyInAnyOrder(
				"http <- burner-agent,player-agent,streamer,namespace{name=ingress}",
				"burn,simul-advise,simul-command <- burner-agent,player-agent,streamer,192.0.2.0/24");
		assertThat(rules(narrowed, "tracker")).containsExactlyInAnyOrder("http <- scheduler,namespace{name=ingress}",
				"tsp <- streamer,198.51.100.0/24");
		assertThat(rules(narrowed, "streamer")).contains("http,listeners <- anyone");
		assertThat(narrowed.names("NetworkPolicy")).doesNotContain("fleet-mediafleet-redis");

		assertThat(render((helm) -> helm.set("networkPolicy.enabled", false)).names("NetworkPolicy")).isEmpty();
	}

	@Test
	void bundledStoresRunWithPasswordsFromTheReleasesSecretAndTheServicesUseThem() {
		Manifests manifests = render(UnaryOperator.identity());
		Map<String, Object> secret = manifests.get("Secret", "fleet-mediafleet-secrets");
		assertThat(map(path(secret, "data"))).containsOnlyKeys("jwt-secret", "admin-token", "tsp-token",
				"redis-password", "mongodb-root-password");
		assertThat(decode(path(secret, "data", "redis-password"))).hasSize(32).matches("[A-Za-z0-9]+");
		assertThat(decode(path(secret, "data", "mongodb-root-password"))).hasSize(32).matches("[A-Za-z0-9]+");
		assertThat(path(secret, "metadata", "annotations", "helm.sh/resource-policy")).isEqualTo("keep");

		Map<String, Object> redis = manifests.get("StatefulSet", "fleet-mediafleet-redis");
		Map<String, Object> redisContainer = map(list(path(redis, "spec", "template", "spec", "containers")).get(0));
		assertThat(list(redisContainer.get("args"))).containsSubsequence("--requirepass", "$(REDIS_PASSWORD)");
		assertThat(path(env(redis, "REDIS_PASSWORD"), "valueFrom", "secretKeyRef"))
			.isEqualTo(Map.of("name", "fleet-mediafleet-secrets", "key", "redis-password"));
		assertThat(path(env(redis, "REDISCLI_AUTH"), "valueFrom", "secretKeyRef", "key")).isEqualTo("redis-password");
		Map<String, Object> mongodb = manifests.get("StatefulSet", "fleet-mediafleet-mongodb");
		assertThat(env(mongodb, "MONGO_INITDB_ROOT_USERNAME")).containsEntry("value", "root");
		assertThat(path(env(mongodb, "MONGO_INITDB_ROOT_PASSWORD"), "valueFrom", "secretKeyRef"))
			.isEqualTo(Map.of("name", "fleet-mediafleet-secrets", "key", "mongodb-root-password"));

		for (String service : List.of("fleet-mediafleet-scheduler", "fleet-mediafleet-streamer")) {
			Map<String, Object> deployment = manifests.get("Deployment", service);
			List<String> names = envNames(deployment);
			assertThat(names).as("%s: Kubernetes expands $(REDIS_PASSWORD) only from a variable defined before", service)
				.containsSubsequence("REDIS_PASSWORD", "SPRING_DATA_REDIS_URL");
			assertThat(path(env(deployment, "REDIS_PASSWORD"), "valueFrom", "secretKeyRef", "key"))
				.isEqualTo("redis-password");
		}
		Map<String, Object> scheduler = manifests.get("Deployment", "fleet-mediafleet-scheduler");
		assertThat(envNames(scheduler)).containsSubsequence("MONGODB_ROOT_PASSWORD", "SPRING_MONGODB_URI");
		assertThat(envNames(manifests.get("Deployment", "fleet-mediafleet-tracker"))).doesNotContain("REDIS_PASSWORD",
				"MONGODB_ROOT_PASSWORD");

		Manifests external = render(HelmChartIntegrationTests::external);
		assertThat(map(path(external.get("Secret", "fleet-mediafleet-secrets"), "data")))
			.containsOnlyKeys("jwt-secret", "admin-token", "tsp-token");
	}

	@Test
	void externalStoresTakeTlsAndTheirOwnCaCertificate() {
		Manifests manifests = render((helm) -> external(helm).set("redis.external.tls.enabled", true)
			.set("redis.external.tls.caSecret", "redis-ca")
			.set("mongodb.external.tls.enabled", true)
			.set("mongodb.external.tls.caSecret", "mongo-ca"));
		Map<String, Object> scheduler = manifests.get("Deployment", "fleet-mediafleet-scheduler");
		assertThat(env(scheduler, "SPRING_DATA_REDIS_SSL_ENABLED")).containsEntry("value", "true");
		assertThat(env(scheduler, "SPRING_DATA_REDIS_SSL_BUNDLE")).containsEntry("value", "redis");
		assertThat(env(scheduler, "SPRING_SSL_BUNDLE_PEM_REDIS_TRUSTSTORE_CERTIFICATE")).containsEntry("value",
				"file:/etc/mediafleet/tls/redis/ca.crt");
		assertThat(env(scheduler, "SPRING_MONGODB_SSL_ENABLED")).containsEntry("value", "true");
		assertThat(env(scheduler, "SPRING_MONGODB_SSL_BUNDLE")).containsEntry("value", "mongodb");
		assertThat(env(scheduler, "SPRING_SSL_BUNDLE_PEM_MONGODB_TRUSTSTORE_CERTIFICATE")).containsEntry("value",
				"file:/etc/mediafleet/tls/mongodb/ca.crt");
		assertThat(mounts(scheduler)).contains("redis-ca:/etc/mediafleet/tls/redis", "mongodb-ca:/etc/mediafleet/tls/mongodb");
		assertThat(list(path(scheduler, "spec", "template", "spec", "volumes")))
			.contains(Map.of("name", "redis-ca", "secret", Map.of("secretName", "redis-ca")),
					Map.of("name", "mongodb-ca", "secret", Map.of("secretName", "mongo-ca")));
		Map<String, Object> streamer = manifests.get("Deployment", "fleet-mediafleet-streamer");
		assertThat(mounts(streamer)).contains("redis-ca:/etc/mediafleet/tls/redis")
			.doesNotContain("mongodb-ca:/etc/mediafleet/tls/mongodb");
		assertThat(envNames(streamer)).doesNotContain("SPRING_MONGODB_SSL_ENABLED");

		Map<String, Object> plain = render(HelmChartIntegrationTests::external).get("Deployment", "fleet-mediafleet-scheduler");
		assertThat(envNames(plain)).doesNotContain("SPRING_DATA_REDIS_SSL_ENABLED", "SPRING_MONGODB_SSL_ENABLED");
	}

	@Test
	void generatedSecretsAreReadBackFromTheClusterSoEveryRenderKeepsThem() {
		cluster().putSecret(NAMESPACE, "fleet-mediafleet-secrets", Map.of("jwt-secret", "j".repeat(48), "admin-token",
				"admin-token-from-the-cluster", "tsp-token", "tsp-token-from-the-cluster", "redis-password",
				"redisFromTheCluster", "mongodb-root-password", "mongoFromTheCluster"));
		String first = template(UnaryOperator.identity());
		String second = template(UnaryOperator.identity());
		assertThat(second).as("two renders with the same Secret in the cluster").isEqualTo(first);
		Map<String, Object> secret = new Manifests(OpsFiles.readAll(first)).get("Secret", "fleet-mediafleet-secrets");
		assertThat(decode(path(secret, "data", "jwt-secret"))).isEqualTo("j".repeat(48));
		assertThat(decode(path(secret, "data", "admin-token"))).isEqualTo("admin-token-from-the-cluster");
		assertThat(decode(path(secret, "data", "tsp-token"))).isEqualTo("tsp-token-from-the-cluster");
		assertThat(decode(path(secret, "data", "redis-password"))).isEqualTo("redisFromTheCluster");
		assertThat(decode(path(secret, "data", "mongodb-root-password"))).isEqualTo("mongoFromTheCluster");

		// A Secret from an older chart lacks the store passwords: those are added, the others kept.
		cluster().putSecret(NAMESPACE, "fleet-mediafleet-secrets", Map.of("jwt-secret", "j".repeat(48), "admin-token",
				"admin-token-from-the-cluster"));
		Map<String, Object> upgraded = render(UnaryOperator.identity()).get("Secret", "fleet-mediafleet-secrets");
		assertThat(decode(path(upgraded, "data", "admin-token"))).isEqualTo("admin-token-from-the-cluster");
		assertThat(decode(path(upgraded, "data", "redis-password"))).hasSize(32);

		// A value given in values wins over the cluster's.
		Map<String, Object> given = render((helm) -> helm.set("secrets.adminToken", "an-admin-token-given-here"))
			.get("Secret", "fleet-mediafleet-secrets");
		assertThat(decode(path(given, "data", "admin-token"))).isEqualTo("an-admin-token-given-here");
	}

	@Test
	void oneRenderUsesOneSetOfGeneratedSecretsAndGivenValuesRenderIdentically() {
		Manifests manifests = render(UnaryOperator.identity());
		List<Object> checksums = new ArrayList<>();
		for (String kind : List.of("Deployment", "StatefulSet")) {
			for (Map<String, Object> workload : manifests.all(kind)) {
				checksums.add(path(workload, "spec", "template", "metadata", "annotations", "checksum/secret"));
			}
		}
		assertThat(checksums).hasSize(7).doesNotContainNull();
		assertThat(Set.copyOf(checksums)).as("every pod sees the same generated Secret").hasSize(1);

		UnaryOperator<TemplateCommand> given = (helm) -> helm.set("secrets.jwtSecret", "j".repeat(40))
			.set("secrets.adminToken", "a".repeat(20))
			.set("secrets.tspToken", "t".repeat(20))
			.set("redis.auth.password", "r".repeat(20))
			.set("mongodb.auth.rootPassword", "m".repeat(20));
		assertThat(template(given)).isEqualTo(template(given));
		assertThat(template(UnaryOperator.identity())).as("nothing given, nothing in the cluster: an install generates")
			.isNotEqualTo(template(UnaryOperator.identity()));
	}

	@Test
	void anUpgradeThatCannotFindTheCredentialsSecretFailsInsteadOfGeneratingNewOnes() {
		cluster().deployedRelease(NAMESPACE, RELEASE);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this::upgradeDryRun)
			.withMessageContaining("helm upgrade would replace the release's credentials (jwt-secret, admin-token, "
					+ "tsp-token, redis-password, mongodb-root-password): the Secret fleet-mediafleet-secrets is not in namespace media");

		// With the Secret there, the chart renders and Helm goes on to map the manifests, which the fake API cannot.
		cluster().putSecret(NAMESPACE, "fleet-mediafleet-secrets", Map.of("jwt-secret", "j".repeat(48), "admin-token",
				"admin-token-from-the-cluster"));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this::upgradeDryRun)
			.withMessageContaining("resource mapping not found")
			.withMessageNotContaining("would replace");
	}

	private void upgradeDryRun() {
		new Helm(OpsFiles.CHART).upgrade()
			.withName(RELEASE)
			.withNamespace(NAMESPACE)
			.withKubeConfig(Path.of(System.getenv("KUBECONFIG")))
			.withDryRunOption(com.marcnuri.helm.DryRun.SERVER)
			.disableOpenApiValidation()
			.call();
	}

	@Test
	void existingSecretIsUsedForEveryCredentialAndMustHoldEveryKeyTheReleaseNeeds() {
		cluster().putSecret(NAMESPACE, "fleet-secrets", Map.of("jwt-secret", "j".repeat(48), "admin-token", "token"));
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> template((helm) -> helm.set("secrets.existingSecret", "fleet-secrets")))
			.withMessageContaining("secrets.existingSecret fleet-secrets has no key");

		cluster().putSecret(NAMESPACE, "fleet-secrets", Map.of("jwt-secret", "j".repeat(48), "admin-token", "token",
				"tsp-token", "t", "redis-password", "r", "mongodb-root-password", "m"));
		String first = template((helm) -> helm.set("secrets.existingSecret", "fleet-secrets"));
		assertThat(template((helm) -> helm.set("secrets.existingSecret", "fleet-secrets"))).isEqualTo(first);
		Manifests manifests = new Manifests(OpsFiles.readAll(first));
		assertThat(manifests.names("Secret")).isEmpty();
		assertThat(path(env(manifests.get("StatefulSet", "fleet-mediafleet-redis"), "REDIS_PASSWORD"), "valueFrom",
				"secretKeyRef")).isEqualTo(Map.of("name", "fleet-secrets", "key", "redis-password"));
		assertThat(path(env(manifests.get("StatefulSet", "fleet-mediafleet-mongodb"), "MONGO_INITDB_ROOT_PASSWORD"),
				"valueFrom", "secretKeyRef")).isEqualTo(Map.of("name", "fleet-secrets", "key", "mongodb-root-password"));

		// The Secret not created yet (made by another tool later): rendered, nothing generated, nothing checked.
		cluster().clear();
		assertThat(render((helm) -> helm.set("secrets.existingSecret", "fleet-secrets")).names("Secret")).isEmpty();
	}

	@Test
	void everyPodRunsWithAReadOnlyRootFilesystemWritableTmpAndNoServiceAccountToken() {
		for (Manifests manifests : List.of(render(UnaryOperator.identity()), render(HelmChartIntegrationTests::external))) {
			List<Map<String, Object>> workloads = new ArrayList<>(manifests.all("Deployment"));
			workloads.addAll(manifests.all("StatefulSet"));
			for (Map<String, Object> workload : workloads) {
				String name = (String) path(workload, "metadata", "name");
				assertThat(path(workload, "spec", "template", "spec", "automountServiceAccountToken")).as(name)
					.isEqualTo(false);
				assertThat(path(workload, "spec", "template", "spec", "securityContext", "runAsNonRoot")).as(name)
					.isEqualTo(true);
				for (Object container : list(path(workload, "spec", "template", "spec", "containers"))) {
					assertThat(path(container, "securityContext", "readOnlyRootFilesystem")).as(name).isEqualTo(true);
					assertThat(path(container, "securityContext", "allowPrivilegeEscalation")).as(name).isEqualTo(false);
				}
			}
			for (Map<String, Object> deployment : manifests.all("Deployment")) {
				assertThat(mounts(deployment)).as((String) path(deployment, "metadata", "name"))
					.contains("tmp:/tmp", "data:/data");
			}
		}
		assertThat(mounts(render(UnaryOperator.identity()).get("StatefulSet", "fleet-mediafleet-mongodb")))
			.contains("tmp:/tmp", "configdb:/data/configdb", "data:/data/db");
	}

	@Test
	void theAgentPortsHaveAServiceOfTheirOwnThatALoadBalancerLimitsToSourceRanges() {
		Manifests manifests = render(UnaryOperator.identity());
		assertThat(ports(manifests.get("Service", "fleet-mediafleet-scheduler"))).containsExactly("http:8080");
		Map<String, Object> agents = manifests.get("Service", "fleet-mediafleet-scheduler-agents");
		assertThat(ports(agents)).containsExactly("burn:1337", "simul-advise:5556", "simul-command:5557");
		assertThat(path(agents, "spec", "type")).isEqualTo("ClusterIP");
		assertThat(map(path(agents, "spec"))).doesNotContainKeys("loadBalancerSourceRanges", "externalTrafficPolicy");
		assertThat(path(manifests.get("ConfigMap", "fleet-mediafleet-burner-agent"), "data", "MEDIAFLEET_BURNER_TCP_HOST"))
			.isEqualTo("fleet-mediafleet-scheduler-agents");
		assertThat(path(manifests.get("ConfigMap", "fleet-mediafleet-player-agent"), "data",
				"MEDIAFLEET_PLAYER_MASTER_HOST")).isEqualTo("fleet-mediafleet-scheduler-agents");

		Map<String, Object> exposed = render((helm) -> helm.set("scheduler.agentService.type", "LoadBalancer")
			.set("scheduler.agentService.loadBalancerSourceRanges[0]", "192.0.2.0/24")
			.set("scheduler.agentService.externalTrafficPolicy", "Local")
			.set("scheduler.agentService.annotations.service\\.beta\\.kubernetes\\.io/internal", "internal"))
			.get("Service", "fleet-mediafleet-scheduler-agents");
		assertThat(path(exposed, "spec", "type")).isEqualTo("LoadBalancer");
		assertThat(list(path(exposed, "spec", "loadBalancerSourceRanges"))).containsExactly("192.0.2.0/24");
		assertThat(path(exposed, "spec", "externalTrafficPolicy")).isEqualTo("Local");
		assertThat(path(exposed, "metadata", "annotations")).isEqualTo(Map.of("service.beta.kubernetes.io/internal", "internal"));
	}

	@Test
	void aStandbyIsReadySoDrainsAndUpgradesFinishWhileOnlyTheLabelledLeaderTakesTraffic() {
		Manifests manifests = render((helm) -> helm.set("scheduler.replicaCount", 2)
			.set("scheduler.leaderElection.enabled", true));
		Map<String, Object> scheduler = manifests.get("Deployment", "fleet-mediafleet-scheduler");
		Map<String, Object> podSpec = map(path(scheduler, "spec", "template", "spec"));
		Map<String, Object> container = map(list(podSpec.get("containers")).get(0));
		assertThat(path(container, "readinessProbe", "httpGet", "path")).as("a standby answers liveness only")
			.isEqualTo("/actuator/health/liveness");
		assertThat(path(scheduler, "spec", "strategy")).isEqualTo(Map.of("type", "RollingUpdate", "rollingUpdate",
				Map.of("maxSurge", 0, "maxUnavailable", 1)));
		assertThat(path(manifests.get("PodDisruptionBudget", "fleet-mediafleet-scheduler"), "spec", "maxUnavailable"))
			.isEqualTo(1);
		Map<String, Object> preferred = map(list(path(podSpec, "affinity", "podAntiAffinity",
				"preferredDuringSchedulingIgnoredDuringExecution")).get(0));
		assertThat(path(preferred, "podAffinityTerm", "topologyKey")).isEqualTo("kubernetes.io/hostname");
		assertThat(path(preferred, "podAffinityTerm", "labelSelector", "matchLabels", "app.kubernetes.io/component"))
			.isEqualTo("scheduler");
		for (String service : List.of("fleet-mediafleet-scheduler", "fleet-mediafleet-scheduler-agents")) {
			assertThat(map(path(manifests.get("Service", service), "spec", "selector"))).as(service)
				.containsEntry("mediafleet.io/scheduler-role", "leader")
				.containsEntry("app.kubernetes.io/component", "scheduler");
		}
		// The labeler: the scheduler's own readiness decides the label; only it holds an API token, for pods only.
		Map<String, Object> labeler = map(list(podSpec.get("containers")).get(1));
		assertThat(labeler).containsEntry("name", "leader-labeler");
		assertThat(String.join("\n", list(labeler.get("args")).stream().map(String::valueOf).toList()))
			.contains("/actuator/health/readiness", "kubectl label pod \"${POD_NAME}\" \"mediafleet.io/scheduler-role=${next}\"");
		assertThat(podSpec).containsEntry("automountServiceAccountToken", false)
			.containsEntry("serviceAccountName", "fleet-mediafleet-scheduler");
		assertThat(mounts(labeler)).contains("kube-api-access:/var/run/secrets/kubernetes.io/serviceaccount");
		assertThat(mounts(container)).doesNotContain("kube-api-access:/var/run/secrets/kubernetes.io/serviceaccount");
		assertThat(path(labeler, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
		Map<String, Object> role = manifests.get("Role", "fleet-mediafleet-scheduler");
		assertThat(list(path(role, "rules"))).containsExactly(Map.of("apiGroups", List.of(""), "resources",
				List.of("pods"), "verbs", List.of("get", "patch")));
		assertThat(path(manifests.get("ServiceAccount", "fleet-mediafleet-scheduler"), "automountServiceAccountToken"))
			.isEqualTo(false);
		assertThat(path(manifests.get("RoleBinding", "fleet-mediafleet-scheduler"), "roleRef", "name"))
			.isEqualTo("fleet-mediafleet-scheduler");

		Map<String, Object> hard = render((helm) -> helm.set("scheduler.replicaCount", 2)
			.set("scheduler.leaderElection.enabled", true)
			.set("scheduler.podAntiAffinity", "hard")).get("Deployment", "fleet-mediafleet-scheduler");
		assertThat(path(hard, "spec", "template", "spec", "affinity", "podAntiAffinity",
				"requiredDuringSchedulingIgnoredDuringExecution")).isNotNull();

		// Without election: one scheduler, replaced (never two at once), readiness as the application says.
		Manifests single = render(UnaryOperator.identity());
		Map<String, Object> one = single.get("Deployment", "fleet-mediafleet-scheduler");
		assertThat(path(one, "spec", "strategy", "type")).isEqualTo("Recreate");
		assertThat(path(map(list(path(one, "spec", "template", "spec", "containers")).get(0)), "readinessProbe",
				"httpGet", "path")).isEqualTo("/actuator/health/readiness");
		assertThat(list(path(one, "spec", "template", "spec", "containers"))).hasSize(1);
		assertThat(map(path(single.get("Service", "fleet-mediafleet-scheduler"), "spec", "selector")))
			.doesNotContainKey("mediafleet.io/scheduler-role");
		assertThat(single.names("Role")).isEmpty();
		assertThat(single.names("ServiceAccount")).isEmpty();
	}

	/** A NetworkPolicy's ingress rules as "port,port <- peer,peer" (release pods by component, else CIDR/namespace). */
	private static List<String> rules(Manifests manifests, String component) {
		Map<String, Object> policy = manifests.get("NetworkPolicy", "fleet-mediafleet-" + component);
		List<String> rules = new ArrayList<>();
		for (Object rule : list(path(policy, "spec", "ingress"))) {
			String ports = String.join(",", list(path(rule, "ports")).stream().map((p) -> (String) path(p, "port")).toList());
			Object from = path(rule, "from");
			String peers = (from == null) ? "anyone" : String.join(",", list(from).stream().map((peer) -> {
				if (path(peer, "podSelector") != null) {
					assertThat(path(peer, "podSelector", "matchLabels", "app.kubernetes.io/instance")).isEqualTo(RELEASE);
					return (String) path(peer, "podSelector", "matchLabels", "app.kubernetes.io/component");
				}
				if (path(peer, "ipBlock") != null) {
					return (String) path(peer, "ipBlock", "cidr");
				}
				return "namespace" + map(path(peer, "namespaceSelector", "matchLabels")).toString();
			}).toList());
			rules.add(ports + " <- " + peers);
		}
		return rules;
	}

	private static List<String> containerPorts(Manifests manifests, String kind, String name) {
		Map<String, Object> container = map(list(path(manifests.get(kind, name), "spec", "template", "spec",
				"containers")).get(0));
		return list(container.get("ports")).stream().map((port) -> (String) path(port, "name")).toList();
	}

	private static List<String> ports(Map<String, Object> service) {
		return list(path(service, "spec", "ports")).stream()
			.map((port) -> path(port, "name") + ":" + path(port, "port"))
			.toList();
	}

	/** Volume mounts of a workload's first container (or of a container) as "volume:path". */
	private static List<String> mounts(Map<String, Object> workloadOrContainer) {
		Object containers = path(workloadOrContainer, "spec", "template", "spec", "containers");
		Object container = (containers != null) ? list(containers).get(0) : workloadOrContainer;
		Object mounts = path(container, "volumeMounts");
		if (mounts == null) {
			return List.of();
		}
		return list(mounts).stream().map((mount) -> path(mount, "name") + ":" + path(mount, "mountPath")).toList();
	}

	private static List<String> envNames(Map<String, Object> workload) {
		Map<String, Object> container = map(list(path(workload, "spec", "template", "spec", "containers")).get(0));
		Object env = container.get("env");
		return (env == null) ? List.of() : list(env).stream().map((variable) -> (String) path(variable, "name")).toList();
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
		return values.apply(new Helm(OpsFiles.CHART).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION)).call();
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
