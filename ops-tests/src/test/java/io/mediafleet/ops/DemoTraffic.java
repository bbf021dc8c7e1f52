package io.mediafleet.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user does to a running devstack that some dashboard panels chart and a quiet suite never shows: a listener
 * on the demo radio (a radio streams only while someone listens), a burn queued through the REST admin API for a
 * burner speaking the line protocol, and a simul asked for through the REST admin API.
 */
final class DemoTraffic implements AutoCloseable {

	/** The image the test burner holds: any 32 hex digits, as md5s are. */
	static final String HASH = "0123456789abcdef0123456789abcdef";

	/** The test burner's persistent identity. */
	static final String BURNER_UID = "fedcba9876543210fedcba9876543210";

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String adminToken;

	private final int schedulerPort;

	private final List<AutoCloseable> open = new ArrayList<>();

	private final AtomicLong listenedBytes = new AtomicLong();

	DemoTraffic(int schedulerPort, String adminToken) {
		this.schedulerPort = schedulerPort;
		this.adminToken = adminToken;
	}

	/**
	 * Listens to {@code radio} on the streamer until {@link #close()}, reading and dropping the audio in a daemon
	 * thread; fails unless the streamer answers 200.
	 */
	void listen(int streamerPort, String radio) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + streamerPort + "/radios/" + radio))
			.timeout(TIMEOUT)
			.build();
		HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		InputStream audio = response.body();
		this.open.add(audio);
		assertThat(response.statusCode()).as("GET /radios/%s on the streamer", radio).isEqualTo(200);
		Thread.ofPlatform().daemon().name("dashboard-listener").start(() -> {
			byte[] buffer = new byte[8192];
			try {
				for (int read = audio.read(buffer); read >= 0; read = audio.read(buffer)) {
					this.listenedBytes.addAndGet(read);
				}
			}
			catch (IOException ex) {
				// Closed by close(): the listener leaves.
			}
		});
	}

	/** Bytes of audio the listener has received so far. */
	long listenedBytes() {
		return this.listenedBytes.get();
	}

	/**
	 * Connects a DVD burner holding {@link #HASH} to the burn farm's line port, queues that image at priority 5
	 * through {@code POST /api/admin/burn/queue}, burns it when told to and reports a failed verification, so the
	 * job goes back in the queue. The burner stays connected (tray open, silent) until {@link #close()}.
	 */
	void burnAndFailOnce(int burnPort) throws IOException, InterruptedException {
		Socket socket = new Socket();
		this.open.add(socket);
		socket.connect(new InetSocketAddress("127.0.0.1", burnPort), (int) TIMEOUT.toMillis());
		socket.setSoTimeout((int) TIMEOUT.toMillis());
		BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
		OutputStream out = socket.getOutputStream();
		// The burn port wants a slave token after ID (AUTH), minted by the admin API.
		HttpResponse<String> minted = admin("POST", "/api/admin/link/tokens",
				"{\"role\":\"slave\",\"subject\":\"dashboard-test\",\"ttl_seconds\":600}");
		assertThat(minted.statusCode()).as("mint a burner token: %s", minted.body()).isEqualTo(200);
		String token = minted.body().replaceAll("(?s).*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
		expect(in, "IDENT\tV1");
		send(out, "ID\tV1\tBURNDVD\t" + BURNER_UID);
		send(out, "AUTH\t" + token);
		expect(in, "CAPAB");
		send(out, "CAP\tBURNDVD\t" + HASH);
		expect(in, "WHATIS\t" + HASH);
		send(out, "INFO\t" + HASH + "\tdashboard-test.iso\tAn image only the dashboard test holds");
		send(out, "STATUS\tDVD\tAVAIL");
		HttpResponse<String> queued = admin("POST", "/api/admin/burn/queue",
				"{\"hash\":\"" + HASH + "\",\"priority\":5}");
		assertThat(queued.statusCode()).as("queue a burn: %s", queued.body()).isEqualTo(201);
		expect(in, "BURN\t" + HASH);
		send(out, "STATUS\t" + HASH + "\t50");
		send(out, "STATUS\t" + HASH + "\t100\tTIME\t2");
		send(out, "STATUS\t" + HASH + "\tFAIL");
		expect(in, "OPEN");
	}

	/** Asks every slave for {@code filename} through {@code POST /api/admin/simul/file}. */
	void simulFile(String filename) throws IOException, InterruptedException {
		HttpResponse<String> response = admin("POST", "/api/admin/simul/file", "{\"filename\":\"" + filename + "\"}");
		assertThat(response.statusCode()).as("simul file: %s", response.body()).isEqualTo(202);
	}

	private HttpResponse<String> admin(String method, String path, String json)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.schedulerPort + path))
			.header("Authorization", "Bearer " + this.adminToken)
			.header("Content-Type", "application/json")
			.timeout(TIMEOUT)
			.method(method, HttpRequest.BodyPublishers.ofString(json))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static void send(OutputStream out, String message) throws IOException {
		out.write((message + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/** Reads messages until one equals {@code wanted}; the farm may send others (an idle {@code STATUS} request). */
	private static void expect(BufferedReader in, String wanted) throws IOException {
		List<String> seen = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String message = readMessage(in);
			if (message == null) {
				throw new AssertionError("The burn farm closed the connection waiting for " + wanted + ", after " + seen);
			}
			if (message.equals(wanted)) {
				return;
			}
			seen.add(message);
		}
		throw new AssertionError("The burn farm never sent " + wanted + ", only " + seen);
	}

	private static @Nullable String readMessage(BufferedReader in) throws IOException {
		StringBuilder message = new StringBuilder();
		for (String line = in.readLine(); line != null; line = in.readLine()) {
			if (line.isEmpty()) {
				if (message.length() > 0) {
					return message.toString();
				}
				continue;
			}
			message.append((message.length() > 0) ? "\n" : "").append(line);
		}
		return null;
	}

	@Override
	public void close() {
		IllegalStateException failure = null;
		for (AutoCloseable each : this.open) {
			try {
				each.close();
			}
			catch (Exception ex) {
				failure = (failure != null) ? failure : new IllegalStateException("Could not close " + each, ex);
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

}
