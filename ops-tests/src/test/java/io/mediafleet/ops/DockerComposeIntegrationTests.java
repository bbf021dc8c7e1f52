package io.mediafleet.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.mediafleet.schema.simul.CurveKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.mediafleet.ops.OpsFiles.list;
import static io.mediafleet.ops.OpsFiles.map;
import static io.mediafleet.ops.OpsFiles.path;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml as Docker Compose itself reads it ({@code docker-compose config}: there is no Docker engine
 * here), with the secrets {@code bin/compose-env} generates, then what operators rely on: healthchecks, memory
 * limits, start order, published ports, mounts, stores with passwords and no default secret.
 */
class DockerComposeIntegrationTests {

	/** Services that start before anything else and so wait for nobody. */
	private static final Set<String> ROOTS = Set.of("redis", "mongodb", "tracker-service");

	/** What bin/compose-env generates; compose must take each from .env and have no default for any. */
	private static final List<String> SECRETS = List.of("MEDIAFLEET_JWT_SECRET", "MEDIAFLEET_ADMIN_TOKEN",
			"REDIS_PASSWORD", "MONGODB_ROOT_PASSWORD", "GRAFANA_ADMIN_PASSWORD", "MEDIAFLEET_BURNER_TOKEN");

	/** Minted by bin/compose-env (a JWT: base64url parts joined by dots), not a random value. */
	private static final String BURNER_TOKEN = "MEDIAFLEET_BURNER_TOKEN";

	/** The simul buses' CURVE pairs bin/compose-env makes (Z85, single-quoted in .env). */
	private static final List<String> SIMUL_KEYS = List.of("MEDIAFLEET_SIMUL_MASTER_SECRET_KEY",
			"MEDIAFLEET_SIMUL_MASTER_PUBLIC_KEY", "MEDIAFLEET_SIMUL_PLAYER_SECRET_KEY",
			"MEDIAFLEET_SIMUL_PLAYER_PUBLIC_KEY");

	private static final Path COMPOSE_ENV = OpsFiles.ROOT.resolve("bin/compose-env");

	private static Map<String, Object> services = Map.of();

	private static Map<String, String> secrets = Map.of();

	@BeforeAll
	static void renderComposeFileWithGeneratedSecrets(@TempDir Path directory) {
		Path envFile = directory.resolve(".env");
		generate(envFile);
		secrets = readEnv(envFile);
		Programs.Result result = config(envFile);
		assertThat(result.exitCode()).as("docker-compose config: %s", result.describe()).isZero();
		services = map(OpsFiles.readAll(result.stdout()).get(0).get("services"));
	}

	private static Programs.Result config(Path envFile) {
		String dockerCompose = Programs.require("docker-compose", "docker-compose").toString();
		return Programs.run(List.of(dockerCompose, "--env-file", envFile.toString(), "-f",
				OpsFiles.COMPOSE_FILE.toString(), "config"), OpsFiles.ROOT, Duration.ofSeconds(60));
	}

	private static void generate(Path envFile) {
		Programs.Result result = Programs.run(List.of(COMPOSE_ENV.toString(), envFile.toString()), OpsFiles.ROOT,
				Duration.ofSeconds(30));
		assertThat(result.exitCode()).as("bin/compose-env: %s", result.describe()).isZero();
	}

	private static Map<String, String> readEnv(Path envFile) {
		try {
			Map<String, String> values = new LinkedHashMap<>();
			for (String line : Files.readAllLines(envFile)) {
				int equals = line.indexOf('=');
				if (equals > 0) {
					String value = line.substring(equals + 1);
					// Single quotes keep compose from interpolating a value (Z85 keys have '$'); they are not part of it.
					boolean quoted = value.length() >= 2 && value.startsWith("'") && value.endsWith("'");
					values.put(line.substring(0, equals), quoted ? value.substring(1, value.length() - 1) : value);
				}
			}
			return values;
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@Test
	void composeRefusesToStartWithoutTheGeneratedSecrets(@TempDir Path directory) throws Exception {
		Path empty = Files.createFile(directory.resolve(".env"));
		Programs.Result result = config(empty);
		assertThat(result.exitCode()).as(result.describe()).isNotZero();
		assertThat(result.stdout() + result.stderr()).contains("run bin/compose-env");
	}

	@Test
	void noSecretHasADefaultValueInTheComposeFile() throws Exception {
		String compose = Files.readString(OpsFiles.COMPOSE_FILE);
		Matcher reference = Pattern.compile("\\$\\{(\\w+)([^}]*)}").matcher(compose);
		Set<String> referenced = new TreeSet<>();
		while (reference.find()) {
			String name = reference.group(1);
			if (name.matches(".*(SECRET|TOKEN|PASSWORD|KEY).*")) {
				referenced.add(name);
				assertThat(reference.group(2)).as("${%s...} must refuse when unset", name).startsWith(":?");
			}
		}
		assertThat(referenced).containsAll(SECRETS).containsAll(SIMUL_KEYS);
		assertThat(secrets.keySet()).as("bin/compose-env generates every secret compose needs").containsAll(referenced);
		assertThat(compose).doesNotContainIgnoringCase("compose-dev-only").doesNotContain(":-admin}");
	}

	@Test
	void storesRunWithPasswordsAndTheServicesUseThem() {
		String redisPassword = secrets.get("REDIS_PASSWORD");
		String mongoPassword = secrets.get("MONGODB_ROOT_PASSWORD");
		assertThat(list(path(services, "redis", "command"))).containsSubsequence("--requirepass", redisPassword);
		assertThat(path(services, "redis", "environment", "REDISCLI_AUTH")).isEqualTo(redisPassword);
		assertThat(map(path(services, "mongodb", "environment"))).containsEntry("MONGO_INITDB_ROOT_USERNAME", "root")
			.containsEntry("MONGO_INITDB_ROOT_PASSWORD", mongoPassword);
		for (String service : List.of("scheduler-service", "streamer-service")) {
			assertThat(path(services, service, "environment", "SPRING_DATA_REDIS_URL")).as(service)
				.isEqualTo("redis://default:" + redisPassword + "@redis:6379");
		}
		assertThat(path(services, "scheduler-service", "environment", "SPRING_MONGODB_URI"))
			.isEqualTo("mongodb://root:" + mongoPassword + "@mongodb:27017/mediafleet?authSource=admin");
		assertThat(map(path(services, "scheduler-service", "environment")))
			.containsEntry("MEDIAFLEET_SCHEDULER_LINK_JWTSECRET", secrets.get("MEDIAFLEET_JWT_SECRET"))
			.containsEntry("MEDIAFLEET_SCHEDULER_ADMIN_TOKEN", secrets.get("MEDIAFLEET_ADMIN_TOKEN"))
			.containsEntry("MEDIAFLEET_SCHEDULER_CONSOLE_TRACKERTOKEN", secrets.get("MEDIAFLEET_ADMIN_TOKEN"))
			.as("streamers ride out a scheduler lost for a minute")
			.containsEntry("MEDIAFLEET_SCHEDULER_RADIO_ANNOUNCEHORIZON", "75s");
		assertThat(path(services, "tracker-service", "environment", "MEDIAFLEET_TRACKER_ADMIN_TOKEN"))
			.isEqualTo(secrets.get("MEDIAFLEET_ADMIN_TOKEN"));
		assertThat(path(services, "grafana", "environment", "GF_SECURITY_ADMIN_PASSWORD"))
			.isEqualTo(secrets.get("GRAFANA_ADMIN_PASSWORD"));
	}

	@Test
	void composeEnvGeneratesEachSecretOnceAndOnlyAddsTheMissingOnes(@TempDir Path directory) throws Exception {
		Path first = directory.resolve("first.env");
		generate(first);
		Map<String, String> generated = readEnv(first);
		assertThat(generated).containsKeys(SECRETS.toArray(String[]::new));
		assertThat(generated.get("MEDIAFLEET_JWT_SECRET")).hasSizeGreaterThanOrEqualTo(32).matches("[A-Za-z0-9]+");
		generated.forEach((name, value) -> {
			if (!name.equals(BURNER_TOKEN) && !SIMUL_KEYS.contains(name)) {
				assertThat(value).as(name).hasSizeGreaterThanOrEqualTo(24).matches("[A-Za-z0-9]+");
			}
		});
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first))).isEqualTo("rw-------");

		generate(first);
		assertThat(readEnv(first)).as("a second run changes nothing").isEqualTo(generated);

		Files.writeString(first, "# mine\nMEDIAFLEET_ADMIN_TOKEN=" + generated.get("MEDIAFLEET_ADMIN_TOKEN"));
		generate(first);
		Map<String, String> completed = readEnv(first);
		assertThat(completed).containsKeys(SECRETS.toArray(String[]::new))
			.containsEntry("MEDIAFLEET_ADMIN_TOKEN", generated.get("MEDIAFLEET_ADMIN_TOKEN"));
		assertThat(completed.get("REDIS_PASSWORD")).isNotEqualTo(generated.get("REDIS_PASSWORD"));
		assertThat(Files.readString(first)).startsWith("# mine\n");

		Path second = directory.resolve("second.env");
		generate(second);
		assertThat(readEnv(second).get("MEDIAFLEET_JWT_SECRET")).isNotEqualTo(generated.get("MEDIAFLEET_JWT_SECRET"));
	}

	@Test
	void theBurnerAgentAuthenticatesWithASlaveTokenSignedWithTheStacksJwtSecret() throws Exception {
		assertThat(map(path(services, "burner-agent", "environment"))).containsEntry("MEDIAFLEET_BURNER_TRANSPORT", "tcp")
			.containsEntry("MEDIAFLEET_BURNER_TCP_TOKEN", secrets.get(BURNER_TOKEN));
		assertThat(burnerRole(secrets.get(BURNER_TOKEN), secrets.get("MEDIAFLEET_JWT_SECRET"))).isEqualTo("slave");
	}

	@Test
	void composeEnvMintsTheBurnerTokenAgainWhenTheJwtSecretIsNewOrChanged(@TempDir Path directory) throws Exception {
		Path envFile = directory.resolve(".env");
		generate(envFile);
		Map<String, String> first = readEnv(envFile);
		generate(envFile);
		assertThat(readEnv(envFile).get(BURNER_TOKEN)).as("kept while the secret is").isEqualTo(first.get(BURNER_TOKEN));

		StringBuilder withoutSecret = new StringBuilder();
		first.forEach((name, value) -> {
			if (!name.equals("MEDIAFLEET_JWT_SECRET")) {
				withoutSecret.append(name).append('=').append(value).append('\n');
			}
		});
		Files.writeString(envFile, withoutSecret);
		generate(envFile);
		Map<String, String> rotated = readEnv(envFile);
		assertThat(rotated.get("MEDIAFLEET_JWT_SECRET")).isNotEqualTo(first.get("MEDIAFLEET_JWT_SECRET"));
		assertThat(rotated.get(BURNER_TOKEN)).isNotEqualTo(first.get(BURNER_TOKEN));
		assertThat(burnerRole(rotated.get(BURNER_TOKEN), rotated.get("MEDIAFLEET_JWT_SECRET"))).isEqualTo("slave");
		assertThat(Files.readAllLines(envFile).stream().filter((line) -> line.startsWith(BURNER_TOKEN + "=")))
			.as("one token line").hasSize(1);

		String changedSecret = "changedByHand" + "x".repeat(40);
		Files.writeString(envFile, Files.readString(envFile)
			.replace("MEDIAFLEET_JWT_SECRET=" + rotated.get("MEDIAFLEET_JWT_SECRET"), "MEDIAFLEET_JWT_SECRET=" + changedSecret));
		generate(envFile);
		Map<String, String> changed = readEnv(envFile);
		assertThat(changed.get("MEDIAFLEET_JWT_SECRET")).isEqualTo(changedSecret);
		assertThat(burnerRole(changed.get(BURNER_TOKEN), changedSecret)).as("signed with the changed secret")
			.isEqualTo("slave");
	}

	@Test
	void composeEnvMakesCurvePairsAndTheMasterAdmitsOnlyThePlayersPublicKey() {
		for (String role : List.of("MASTER", "PLAYER")) {
			String secret = secrets.get("MEDIAFLEET_SIMUL_" + role + "_SECRET_KEY");
			assertThat(CurveKey.isZ85(secret)).as(role + " secret key is Z85: " + secret).isTrue();
			assertThat(secrets.get("MEDIAFLEET_SIMUL_" + role + "_PUBLIC_KEY")).as(role + " public key")
				.isEqualTo(CurveKey.fromZ85(secret).publicKey().z85());
		}
		assertThat(secrets.get("MEDIAFLEET_SIMUL_MASTER_SECRET_KEY"))
			.isNotEqualTo(secrets.get("MEDIAFLEET_SIMUL_PLAYER_SECRET_KEY"));
		assertThat(composeValue("scheduler-service", "MEDIAFLEET_SCHEDULER_SIMUL_CURVE_SECRETKEY"))
			.isEqualTo(secrets.get("MEDIAFLEET_SIMUL_MASTER_SECRET_KEY"));
		assertThat(composeValue("scheduler-service", "MEDIAFLEET_SCHEDULER_SIMUL_CURVE_SLAVEKEYS"))
			.isEqualTo(secrets.get("MEDIAFLEET_SIMUL_PLAYER_PUBLIC_KEY"));
		assertThat(composeValue("player-agent", "MEDIAFLEET_PLAYER_MASTER_PUBLICKEY"))
			.isEqualTo(secrets.get("MEDIAFLEET_SIMUL_MASTER_PUBLIC_KEY"));
		assertThat(composeValue("player-agent", "MEDIAFLEET_PLAYER_SECRETKEY"))
			.isEqualTo(secrets.get("MEDIAFLEET_SIMUL_PLAYER_SECRET_KEY"));
	}

	/** A service's environment value as the container gets it ({@code config} writes a literal '$' as "$$"). */
	private static String composeValue(String service, String variable) {
		return String.valueOf(path(services, service, "environment", variable)).replace("$$", "$");
	}

	/** The role of a token that verifies as the scheduler's LinkTokens does (HS256 with the secret's UTF-8 bytes). */
	private static String burnerRole(String token, String jwtSecret) throws Exception {
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
		assertThat(jwt.verify(new MACVerifier(jwtSecret.getBytes(StandardCharsets.UTF_8)))).as("signature").isTrue();
		return jwt.getJWTClaimsSet().getStringClaim("role");
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
	void onlyTheListenerPortIsPublishedOnEveryInterfaceTheRestOnLoopback() {
		Set<String> published = new TreeSet<>();
		services.forEach((name, service) -> {
			Object ports = path(service, "ports");
			if (ports != null) {
				for (Object port : list(ports)) {
					published.add(name + ":" + describe(port));
				}
			}
		});
		assertThat(published).containsExactlyInAnyOrder("streamer-service:*:8000->8000",
				"scheduler-service:127.0.0.1:8080->8080", "scheduler-service:127.0.0.1:1337->1337",
				"scheduler-service:127.0.0.1:5556->5556", "scheduler-service:127.0.0.1:5557->5557",
				"streamer-service:127.0.0.1:8081->8081", "tracker-service:127.0.0.1:7070->7070",
				"prometheus:127.0.0.1:9090->9090", "grafana:127.0.0.1:3000->3000");
		assertThat(path(services, "redis", "ports")).isNull();
		assertThat(path(services, "mongodb", "ports")).isNull();
	}

	/**
	 * One published port as {@code host-ip:published->target} ({@code *} for every interface), from either form
	 * docker-compose 1.29 prints: the long one without a host address, the short string with one.
	 */
	private static String describe(Object port) {
		if (port instanceof String text) {
			Matcher matcher = Pattern.compile("(?:([\\d.]+):)?(\\d+):(\\d+)(?:/tcp)?").matcher(text);
			assertThat(matcher.matches()).as("port %s", text).isTrue();
			String host = (matcher.group(1) != null) ? matcher.group(1) : "*";
			return host + ":" + matcher.group(2) + "->" + matcher.group(3);
		}
		Object host = path(port, "host_ip");
		return ((host != null) ? host : "*") + ":" + path(port, "published") + "->" + path(port, "target");
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
