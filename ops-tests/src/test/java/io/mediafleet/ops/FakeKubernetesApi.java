package io.mediafleet.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Just enough of a Kubernetes API server for Helm's {@code lookup} of Secrets while a chart renders, and for a
 * {@code helm upgrade --dry-run=server} to find its deployed release: {@code /version}, the core API's discovery,
 * {@code GET /api/v1/namespaces/{ns}/secrets/{name}} from an in-memory map (404 when absent) and the release list Helm's
 * Secret storage asks for. Apps, RBAC and the other groups are unknown to it, so an upgrade that renders ends with
 * Helm's "resource mapping not found". Helm finds it through the kubeconfig file {@link #writeKubeconfig} writes
 * where {@code KUBECONFIG} points (this module's pom). Plain HTTP on loopback, no authentication: a test double,
 * never a cluster.
 */
final class FakeKubernetesApi implements AutoCloseable {

	private static final Pattern SECRET = Pattern.compile("/api/v1/namespaces/([^/]+)/secrets/([^/?]+)");

	private static final Pattern SECRETS = Pattern.compile("/api/v1/namespaces/([^/]+)/secrets");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();

	/** Helm's storage Secret of one deployed release, by namespace. */
	private final Map<String, Object> releases = new ConcurrentHashMap<>();

	private FakeKubernetesApi(HttpServer server) {
		this.server = server;
	}

	static FakeKubernetesApi start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
			FakeKubernetesApi api = new FakeKubernetesApi(server);
			server.createContext("/", api::handle);
			server.start();
			return api;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Points the kubeconfig at {@code file} to this server. */
	void writeKubeconfig(Path file) {
		String url = "http://127.0.0.1:" + this.server.getAddress().getPort();
		String config = """
				apiVersion: v1
				kind: Config
				clusters:
				  - name: fake
				    cluster:
				      server: %s
				contexts:
				  - name: fake
				    context:
				      cluster: fake
				      user: fake
				current-context: fake
				users:
				  - name: fake
				    user: {}
				""".formatted(url);
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, config);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Stores a Secret as the cluster would hold it; {@code data} in plain text. */
	void putSecret(String namespace, String name, Map<String, String> data) {
		this.secrets.put(namespace + "/" + name, Map.copyOf(data));
	}

	/**
	 * Stores release {@code name} as deployed (revision 1 of the chart, no values), the way Helm's Secret storage
	 * holds it: the release as gzipped JSON in base64, in the Secret's {@code release} key.
	 */
	void deployedRelease(String namespace, String name) {
		String json = JSON.writeValueAsString(Map.of("name", name, "namespace", namespace, "version", 1, "info",
				Map.of("status", "deployed"), "chart",
				Map.of("metadata", Map.of("apiVersion", "v2", "name", "mediafleet", "version", "0.1.0")), "config",
				Map.of(), "manifest", ""));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			gzip.write(json.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String stored = Base64.getEncoder().encodeToString(bytes.toByteArray());
		this.releases.put(namespace, Map.of("metadata",
				Map.of("name", "sh.helm.release.v1." + name + ".v1", "namespace", namespace, "labels",
						Map.of("name", name, "owner", "helm", "status", "deployed", "version", "1")),
				"type", "helm.sh/release.v1", "data",
				Map.of("release", Base64.getEncoder().encodeToString(stored.getBytes(StandardCharsets.UTF_8)))));
	}

	void clear() {
		this.secrets.clear();
		this.releases.clear();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			Matcher secret = SECRET.matcher(path);
			Matcher secrets = SECRETS.matcher(path);
			if (path.equals("/version")) {
				reply(exchange, 200, Map.of("major", "1", "minor", "31", "gitVersion", "v1.31.0"));
			}
			else if (secrets.matches() && exchange.getRequestMethod().equals("GET")) {
				Object release = this.releases.get(secrets.group(1));
				reply(exchange, 200, Map.of("kind", "SecretList", "apiVersion", "v1", "metadata", Map.of(), "items",
						(release != null) ? List.of(release) : List.of()));
			}
			else if (path.equals("/api")) {
				reply(exchange, 200, Map.of("kind", "APIVersions", "versions", List.of("v1")));
			}
			else if (path.equals("/apis")) {
				reply(exchange, 200, Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", List.of()));
			}
			else if (path.equals("/api/v1")) {
				reply(exchange, 200, Map.of("kind", "APIResourceList", "groupVersion", "v1", "resources",
						List.of(Map.of("name", "secrets", "singularName", "secret", "namespaced", true,
								"kind", "Secret", "verbs", List.of("get", "list")))));
			}
			else if (secret.matches() && exchange.getRequestMethod().equals("GET")) {
				Map<String, String> data = this.secrets.get(secret.group(1) + "/" + secret.group(2));
				if (data == null) {
					reply(exchange, 404, Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure", "reason",
							"NotFound", "code", 404, "message",
							"secrets \"" + secret.group(2) + "\" not found"));
				}
				else {
					Map<String, String> encoded = new LinkedHashMap<>();
					data.forEach((key, value) -> encoded.put(key,
							Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
					reply(exchange, 200, Map.of("kind", "Secret", "apiVersion", "v1", "metadata",
							Map.of("name", secret.group(2), "namespace", secret.group(1)), "type", "Opaque", "data",
							encoded));
				}
			}
			else {
				reply(exchange, 404, Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure", "reason",
						"NotFound", "code", 404));
			}
		}
	}

	private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] json = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, json.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(json);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
