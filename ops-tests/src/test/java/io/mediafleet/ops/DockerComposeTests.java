package io.mediafleet.ops;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.mediafleet.ops.OpsFiles.list;
import static io.mediafleet.ops.OpsFiles.map;
import static io.mediafleet.ops.OpsFiles.path;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml as Docker Compose itself reads it ({@code docker-compose config}: there is no Docker engine
 * here), then what operators rely on: healthchecks, memory limits, start order, published ports, mounts.
 */
class DockerComposeTests {

	/** Services that start before anything else and so wait for nobody. */
	private static final Set<String> ROOTS = Set.of("redis", "mongodb", "tracker-service");

	private static Map<String, Object> services = Map.of();

	@BeforeAll
	static void renderComposeFile() {
		String dockerCompose = Programs.require("docker-compose", "docker-compose").toString();
		Programs.Result result = Programs.run(List.of(dockerCompose, "-f", OpsFiles.COMPOSE_FILE.toString(), "config"),
				OpsFiles.ROOT, Duration.ofSeconds(60));
		assertThat(result.exitCode()).as("docker-compose config: %s", result.describe()).isZero();
		services = map(OpsFiles.readAll(result.stdout()).get(0).get("services"));
	}

	@Test
	void composeRunsDataStoresEveryServiceOfTheRepositoryAndMonitoring() {
		assertThat(services.keySet()).containsExactlyInAnyOrder("redis", "mongodb", "scheduler-service",
				"streamer-service", "tracker-service", "burner-agent", "player-agent", "prometheus", "grafana");
	}

	@Test
	void everyServiceHasAHealthcheckCommandAndAMemoryLimit() {
		services.forEach((name, service) -> {
			Object test = path(service, "healthcheck", "test");
			assertThat(test).as("%s healthcheck.test", name).isInstanceOf(List.class);
			assertThat(list(test)).as("%s healthcheck.test", name).hasSizeGreaterThan(1).first().isEqualTo("CMD");
			assertThat(path(service, "healthcheck", "disable")).as("%s healthcheck disabled", name).isNull();
			Object memory = (path(service, "mem_limit") != null) ? path(service, "mem_limit")
					: path(service, "deploy", "resources", "limits", "memory");
			assertThat(memory).as("%s memory limit", name).isNotNull();
		});
	}

	@Test
	void everyDependencyWaitsUntilItsTargetIsHealthy() {
		services.forEach((name, service) -> {
			Object dependsOn = path(service, "depends_on");
			if (ROOTS.contains(name)) {
				assertThat(dependsOn).as("%s depends on nothing", name).isNull();
				return;
			}
			assertThat(dependsOn).as("%s depends_on", name).isInstanceOf(Map.class);
			map(dependsOn).forEach((target, condition) -> {
				assertThat(services).as("%s depends on a defined service", name).containsKey(target);
				assertThat(path(condition, "condition")).as("%s -> %s", name, target).isEqualTo("service_healthy");
			});
		});
		assertThat(map(path(services, "scheduler-service", "depends_on"))).containsOnlyKeys("redis", "mongodb");
		assertThat(map(path(services, "prometheus", "depends_on"))).containsOnlyKeys(OpsFiles.MODULES);
		assertThat(map(path(services, "grafana", "depends_on"))).containsOnlyKeys("prometheus");
	}

	@Test
	void everyServiceOfTheRepositoryIsBuiltFromTheSharedDockerfileWithItsModule() {
		for (String module : OpsFiles.MODULES) {
			Object build = path(services, module, "build");
			assertThat(path(build, "context")).as(module).isEqualTo(OpsFiles.ROOT.toString());
			assertThat(path(build, "dockerfile")).as(module).isEqualTo("Dockerfile");
			assertThat(path(build, "args", "MODULE")).as(module).isEqualTo(module);
			assertThat(OpsFiles.ROOT.resolve(module).resolve("pom.xml")).as(module).isRegularFile();
			assertThat(list(path(services, module, "healthcheck", "test"))).as(module)
				.containsExactly("CMD", "healthcheck", path(services, module, "environment", "SERVER_PORT"));
		}
		assertThat(OpsFiles.ROOT.resolve("Dockerfile")).content()
			.contains("ARG MODULE", "-Djarmode=tools", "extract --layers", "USER 10001", "ops/docker/healthcheck.sh");
		assertThat(Files.isExecutable(OpsFiles.ROOT.resolve("ops/docker/healthcheck.sh"))).isTrue();
	}

	@Test
	void onlyThePortsUsersNeedArePublished() {
		Set<String> published = new TreeSet<>();
		services.forEach((name, service) -> {
			Object ports = path(service, "ports");
			if (ports != null) {
				for (Object port : list(ports)) {
					published.add(name + ":" + path(port, "published") + "->" + path(port, "target"));
				}
			}
		});
		assertThat(published).containsExactlyInAnyOrder("scheduler-service:8080->8080", "scheduler-service:1337->1337",
				"scheduler-service:5556->5556", "scheduler-service:5557->5557", "streamer-service:8000->8000", "streamer-service:8081->8081",
				"tracker-service:7070->7070", "prometheus:9090->9090", "grafana:3000->3000");
	}

	@Test
	void grafanaReadsTheChartsDashboardsAndPrometheusTheRepositoryConfig() {
		assertThat(list(path(services, "grafana", "volumes")))
			.contains(OpsFiles.DASHBOARDS + ":/etc/mediafleet/dashboards:ro",
					OpsFiles.ROOT.resolve("ops/grafana/provisioning") + ":/etc/grafana/provisioning:ro");
		assertThat(list(path(services, "prometheus", "volumes")))
			.contains(OpsFiles.PROMETHEUS_CONFIG + ":/etc/prometheus/prometheus.yml:ro");
		Map<String, Object> provider = map(list(path(OpsFiles.readYaml(
				OpsFiles.ROOT.resolve("ops/grafana/provisioning/dashboards/mediafleet.yml")), "providers")).get(0));
		assertThat(path(provider, "options", "path")).isEqualTo("/etc/mediafleet/dashboards");
		Map<String, Object> datasource = map(list(path(OpsFiles.readYaml(
				OpsFiles.ROOT.resolve("ops/grafana/provisioning/datasources/prometheus.yml")), "datasources")).get(0));
		assertThat(datasource).containsEntry("uid", Dashboards.DATASOURCE_UID)
			.containsEntry("url", "http://prometheus:9090");
	}

	@Test
	void prometheusScrapesEveryServiceOnItsComposePortUnderItsApplicationName() {
		Map<String, Object> job = PrometheusConfig.mediafleetJob(OpsFiles.readYaml(OpsFiles.PROMETHEUS_CONFIG));
		assertThat(job).containsEntry("metrics_path", "/actuator/prometheus");
		Set<String> targets = new TreeSet<>();
		for (Object group : list(job.get("static_configs"))) {
			String application = (String) path(group, "labels", "application");
			for (Object target : list(path(group, "targets"))) {
				targets.add(application + "=" + target);
			}
		}
		Set<String> expected = new TreeSet<>();
		for (String module : OpsFiles.MODULES) {
			expected.add(module + "=" + module + ":" + path(services, module, "environment", "SERVER_PORT"));
		}
		assertThat(targets).isEqualTo(expected);
	}

}
