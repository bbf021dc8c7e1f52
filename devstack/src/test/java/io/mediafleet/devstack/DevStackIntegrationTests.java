package io.mediafleet.devstack;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DevStackIntegrationTests {

	private static final Path ROOT = Path.of(System.getProperty("mediafleet.root", ".."));

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<String> lines = new ArrayList<>();

	private final Output output = (source, line) -> {
		System.out.println(source + " | " + line);
		synchronized (this.lines) {
			this.lines.add(source + " | " + line);
		}
	};

	@Test
	@Timeout(value = 6, unit = TimeUnit.MINUTES)
	void wholeSuiteWithTwoStreamersStartsHealthyOnFreePortsAndStopsWithoutLeavingAProcess() throws Exception {
		DevStackSettings settings = DevStackSettings.defaults(ROOT)
			.inMemory()
			.withPorts(FreePorts.plan())
			.withStreamers(2)
			.withPlayerCommand(List.of("mpv", "--no-terminal", "--no-config", "--ao=null", "--vo=null"));
		List<ProcessHandle> started;
		try (DevStack stack = new DevStack(settings, this.output)) {
			stack.start();
			started = stack.processes();
			assertThat(started).hasSize(2 + Service.values().length).allMatch(ProcessHandle::isAlive);
			for (Service service : Service.values()) {
				JsonNode health = health(settings.ports().get(service.httpPort()));
				assertThat(health.path("status").asString()).as(service.module()).isEqualTo("UP");
			}
			JsonNode scheduler = health(settings.ports().get(Port.SCHEDULER));
			assertThat(scheduler.path("components").path("redis").path("status").asString()).isEqualTo("UP");
			assertThat(scheduler.path("components").path("mongo").path("status").asString()).isEqualTo("UP");
			JsonNode streamer = health(settings.ports().get(Port.STREAMER));
			assertThat(streamer.path("components").path("redis").path("status").asString()).isEqualTo("UP");
			assertThat(stack.endpoints()).extracting(DevStack.Endpoint::name)
				.contains("redis", "mongodb", "scheduler-service", "player-agent");
			assertThat(adminStatus(settings.ports().get(Port.SCHEDULER), stack.adminToken()))
				.as("admin API with the printed token").isEqualTo(200);
			assertThat(adminStatus(settings.ports().get(Port.SCHEDULER), "wrong-" + stack.adminToken()))
				.as("admin API with another token").isEqualTo(401);
			anonymousClientsAreRefusedOnTheBurnPortTheTrackerAndTheAdminApis(settings.ports());
			assertThat(this.lines).anyMatch((line) -> line.contains("Bearer " + stack.adminToken()));
			assertThat(this.lines).anyMatch((line) -> line.contains("mpv http://localhost:"
					+ settings.ports().get(Port.STREAMER) + "/radios/demo"));
			byte[] audio = listen(settings.ports().get(Port.STREAMER), "/radios/demo", 4096);
			assertThat(audio).as("the demo radio's first bytes, an MP3 frame sync").hasSize(4096);
			assertThat(containsFrameSync(audio)).isTrue();
			// --streamers=2: a second streamer on a port of its own, registered with the scheduler under its own id
			// (not the first one's), playing the demo radio from its own library or relaying it
			int second = stack.endpoints()
				.stream()
				.filter((endpoint) -> endpoint.name().equals("streamer-service-2"))
				.findFirst()
				.orElseThrow()
				.port();
			assertThat(second).isNotEqualTo(settings.ports().get(Port.STREAMER));
			assertThat(health(second).path("status").asString()).isEqualTo("UP");
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(streamers(settings.ports().get(Port.SCHEDULER), stack.adminToken()))
					.hasSize(2)
					.contains("devstack-streamer-2"));
			byte[] relayed = listen(second, "/radios/demo", 4096);
			assertThat(containsFrameSync(relayed)).as("the demo radio on the second streamer").isTrue();
		}
		for (ProcessHandle process : started) {
			assertThat(process.isAlive()).as("process %d after stop", process.pid()).isFalse();
		}
		assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
			.as("no child of the test JVM outlives the stack")
			.isEmpty();
		assertThat(this.lines).contains("devstack | Stopped.")
			.anyMatch((line) -> line.startsWith("scheduler-service | "));
	}

	@Test
	void missingServiceJarsAreNamedWithTheBuildCommand(@TempDir Path emptyCheckout) {
		DevStackSettings settings = DevStackSettings.defaults(emptyCheckout).inMemory().withPorts(FreePorts.plan());
		try (DevStack stack = new DevStack(settings, this.output)) {
			assertThatExceptionOfType(DevStackException.class).isThrownBy(stack::start)
				.withMessageContaining("scheduler-service.jar")
				.withMessageContaining("./mvnw -DskipTests package");
			assertThat(stack.processes()).isEmpty();
		}
	}

	@Test
	void takenPortIsNamedWithItsOptionAndNothingIsStarted() throws IOException {
		Ports ports = FreePorts.plan();
		try (ServerSocket squatter = new ServerSocket(ports.get(Port.MONGODB));
				DevStack stack = new DevStack(DevStackSettings.defaults(ROOT).inMemory().withPorts(ports),
						this.output)) {
			assertThatExceptionOfType(DevStackException.class).isThrownBy(stack::start)
				.withMessageContaining(Integer.toString(squatter.getLocalPort()))
				.withMessageContaining("--mongodb-port")
				.withMessageContaining("DEVSTACK_MONGODB_PORT");
			assertThat(stack.processes()).isEmpty();
		}
	}

	/**
	 * The first {@code bytes} of audio the streamer sends for {@code path}: the whole chain (streamer asks the
	 * scheduler over Redis, the scheduler programs the radio from MongoDB and sends {@code play}, the streamer reads
	 * the file) must have worked. Bounded by the socket's read timeout.
	 */
	private byte[] listen(int port, String path, int bytes) throws IOException {
		try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
			socket.setSoTimeout(60_000);
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
					.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			java.io.InputStream in = socket.getInputStream();
			StringBuilder head = new StringBuilder();
			while (!head.toString().endsWith("\r\n\r\n")) {
				int b = in.read();
				assertThat(b).as("response head").isNotNegative();
				head.append((char) b);
			}
			assertThat(head.toString()).startsWith("HTTP/1.1 200").containsIgnoringCase("audio/mpeg");
			return in.readNBytes(bytes);
		}
	}

	private static boolean containsFrameSync(byte[] audio) {
		for (int i = 0; i + 1 < audio.length; i++) {
			if ((audio[i] & 0xFF) == 0xFF && (audio[i + 1] & 0xE0) == 0xE0) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Issue 15's "a fresh devstack refuses every anonymous command" on the raw wire: a seed-style command client on
	 * the burn port, a seed peer's INIT on the tracker, the REST admin APIs without a token. (The simul buses refuse
	 * plain and unknown slaves: SimulCurveIntegrationTests, with devstack's CURVE settings.)
	 */
	private void anonymousClientsAreRefusedOnTheBurnPortTheTrackerAndTheAdminApis(Ports ports) throws Exception {
		try (Socket burn = new Socket("127.0.0.1", ports.get(Port.BURN))) {
			burn.setSoTimeout(10_000);
			BufferedReader in = new BufferedReader(new InputStreamReader(burn.getInputStream(), StandardCharsets.UTF_8));
			OutputStream out = burn.getOutputStream();
			assertThat(in.readLine()).isEqualTo("IDENT\tV1");
			out.write(("ID\tV1\tCOMMAND\t" + "ab".repeat(16) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			for (String command : List.of("QUEUE\t" + "cd".repeat(16) + "\t1", "QCLEAR", "OPEN")) {
				out.write((command + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
				String answer = in.readLine();
				while (answer != null && answer.isEmpty()) {
					answer = in.readLine();
				}
				assertThat(answer).as("anonymous " + command).startsWith("ERROR\tAUTH\t");
			}
		}
		try (Socket tsp = new Socket("127.0.0.1", ports.get(Port.TSP))) {
			tsp.setSoTimeout(10_000);
			byte[] payload = "PEER\t127.0.0.1:7999\nHello,World>hello.mp3\n".getBytes(StandardCharsets.UTF_8);
			DataOutputStream out = new DataOutputStream(tsp.getOutputStream());
			out.writeByte(0); // INIT
			out.writeInt(-1);
			out.writeInt(payload.length);
			out.write(payload);
			out.flush();
			DataInputStream in = new DataInputStream(tsp.getInputStream());
			assertThat(in.readByte()).as("an ERROR frame answers an INIT without the peer token").isEqualTo((byte) 6);
			in.readInt();
			byte[] text = new byte[in.readInt()];
			in.readFully(text);
			assertThat(new String(text, StandardCharsets.UTF_8)).startsWith("INIT refused");
		}
		HttpRequest trackerAdmin = HttpRequest
			.newBuilder(URI.create("http://localhost:" + ports.get(Port.TRACKER) + "/admin/tracker/songs"))
			.timeout(Duration.ofSeconds(10))
			.build();
		assertThat(this.http.send(trackerAdmin, HttpResponse.BodyHandlers.discarding()).statusCode())
			.as("tracker admin API without a token").isEqualTo(401);
		HttpRequest schedulerAdmin = HttpRequest
			.newBuilder(URI.create("http://localhost:" + ports.get(Port.SCHEDULER) + "/api/admin/burn/queue"))
			.timeout(Duration.ofSeconds(10))
			.build();
		assertThat(this.http.send(schedulerAdmin, HttpResponse.BodyHandlers.discarding()).statusCode())
			.as("scheduler admin API without a token").isEqualTo(401);
	}

	private int adminStatus(int port, String token) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/admin/radios"))
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private List<String> streamers(int port, String token) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/admin/streamers"))
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> names = new ArrayList<>();
		this.json.readTree(response.body()).forEach((streamer) -> names.add(streamer.path("name").asString()));
		return names;
	}

	private JsonNode health(int port) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
					.timeout(Duration.ofSeconds(10))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

}
