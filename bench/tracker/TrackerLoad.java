import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Load generator for the TSP tracker (and, for comparison, opentracker's HTTP scrape), written against the byte
 * layout of docs/protocols/tsp.md only, no project classes. Run: java bench/tracker/TrackerLoad.java tsp HOST PORT
 * [peers songsPerPeer songPool shapes seconds listEvery], or ... opentracker HOST PORT [same]. With TRACKER_PID set,
 * the tracker's CPU time is read too (from /proc, Linux), so every load phase reports both processes' CPU use.
 *
 * Phases: 1) `peers` persistent peer connections each INIT `songsPerPeer` songs drawn from a pool of `songPool`
 * (every peer keeps reading its BROADCAST_LISTs); 2) for every shape `CxP` in `shapes` (e.g. 8x2,64x8), C client
 * connections (platform threads, blocking sockets) issue INFO <random id> for `seconds`, P requests in flight each,
 * recording every latency; then the last shape again with one LIST in every `listEvery` requests (0: skipped);
 * 3) raw loopback bandwidth (this program to itself), the ceiling for a broadcast; 4) three times, one more peer
 * announces a new song and the time until every peer got a BROADCAST_LIST is measured, then again after every peer
 * subscribed to delta broadcasts (BROADCAST_LIST 1); 5) `peers` new peers announce a single song each (pool 100: the
 * small catalogue) and 4) is repeated with whole broadcasts. A summary table ends the output.
 */
public class TrackerLoad {

	static final HexFormat HEX = HexFormat.of();

	/** One request in this many is a LIST (0: INFO only). */
	static int listEvery;

	static final List<String> summary = new ArrayList<>();

	static final ProcessHandle tracker = Optional.ofNullable(System.getenv("TRACKER_PID"))
		.flatMap((pid) -> ProcessHandle.of(Long.parseLong(pid)))
		.orElse(null);

	public static void main(String[] args) throws Exception {
		String mode = args[0];
		String host = args[1];
		int port = Integer.parseInt(args[2]);
		int peers = arg(args, 3, 1000);
		int songsPerPeer = arg(args, 4, 100);
		int pool = arg(args, 5, 1000);
		String shapes = (args.length > 6) ? args[6] : "8x2,16x4,32x4,64x8";
		int seconds = arg(args, 7, 10);
		listEvery = arg(args, 8, 100);
		if (mode.equals("tsp")) {
			tsp(host, port, peers, songsPerPeer, pool, shapes, seconds);
		}
		else {
			int connections = Arrays.stream(shapes.split(",")).mapToInt((shape) -> Integer.parseInt(shape.split("x")[0]))
				.max()
				.orElse(64);
			opentracker(host, port, peers, songsPerPeer, pool, connections, seconds);
		}
	}

	static String loadavg() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	/** CPU time of the tracker (if TRACKER_PID is set) and of this load generator, in nanoseconds. */
	static long[] cpu() {
		long self = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
		long other = -1;
		if (tracker != null) {
			try {
				// utime + stime in clock ticks (100 per second on Linux)
				String[] stat = Files.readString(Path.of("/proc/" + tracker.pid() + "/stat")).split(" ");
				other = (Long.parseLong(stat[13]) + Long.parseLong(stat[14])) * 10_000_000L;
			}
			catch (IOException | RuntimeException ex) {
				other = -1;
			}
		}
		return new long[] { other, self };
	}

	static String percent(long cpuNanos, long wallNanos) {
		return (cpuNanos < 0) ? "?" : String.format("%.0f%%", 100.0 * cpuNanos / wallNanos);
	}

	static int arg(String[] args, int index, int fallback) {
		return (args.length > index) ? Integer.parseInt(args[index]) : fallback;
	}

	static String md5(int song) {
		byte[] bytes = new byte[16];
		new Random(song * 7919L + 17).nextBytes(bytes);
		return HEX.formatHex(bytes);
	}

	// ---------------------------------------------------------------- TSP

	static void tsp(String host, int port, int peers, int songsPerPeer, int pool, String shapes, int seconds)
			throws Exception {
		ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
		List<Peer> joined = new ArrayList<>();
		long start = System.nanoTime();
		Random random = new Random(1);
		for (int p = 0; p < peers; p++) {
			Peer peer = new Peer(host, port);
			peer.send(0, -1, initPayload(p, random.nextInt(pool), songsPerPeer, pool));
			joined.add(peer);
			threads.submit(peer::drain);
		}
		long joinMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		System.out.printf("joined %d peers x %d songs (pool %d) in %d ms%n", peers, songsPerPeer, pool, joinMillis);
		settle(joined);
		int songs = listSize(host, port);
		long bigCatalogue = lastListBytes;
		System.out.printf("catalogue: %d songs, LIST payload %d bytes%n", songs, lastListBytes);
		summary.add(String.format("| %d peers x %d songs, pool %d: %d songs, catalogue %d bytes | joined in %d ms |", peers,
				songsPerPeer, pool, songs, lastListBytes, joinMillis));
		System.out.println("PAUSE-FOR-MEMORY");
		System.out.flush();
		Thread.sleep(3000);

		// phase 2: INFO load, one run per shape, then the last shape with some LIST
		String[] list = shapes.split(",");
		for (String shape : list) {
			String[] cp = shape.trim().split("x");
			load(host, port, songs, Integer.parseInt(cp[0]), Integer.parseInt(cp[1]), seconds, 0);
		}
		if (listEvery > 0) {
			String[] cp = list[list.length - 1].trim().split("x");
			load(host, port, songs, Integer.parseInt(cp[0]), Integer.parseInt(cp[1]), seconds, listEvery);
		}

		// phase 3: what loopback itself carries, the ceiling for a broadcast's bytes
		double bandwidth = loopbackBandwidth(2);
		System.out.printf("loopback: %.0f MB/s (2 connections, this program to itself)%n", bandwidth / 1e6);
		summary.add(String.format("| raw loopback bandwidth, 2 connections (Java to Java) | %.0f MB/s |", bandwidth / 1e6));
		summary.add(String.format("| floor for one full broadcast: %d peers x %d bytes / loopback bandwidth | %.0f ms |",
				peers, bigCatalogue, peers * (double) bigCatalogue / bandwidth * 1000));

		// phase 4: one change, time until every peer has the new catalogue
		broadcasts(host, port, joined, pool, String.format("%d peers, catalogue %d bytes", peers, bigCatalogue), 0);

		// phase 4b: the same catalogue, every peer subscribed to the delta extension (BROADCAST_LIST 1)
		for (Peer peer : joined) {
			peer.send(7, 1, new byte[0]);
		}
		// one whole broadcast gives every subscriber its base; later ones are deltas
		joined.get(0).send(0, -1, initPayload(0, new Random(1).nextInt(pool), songsPerPeer, pool));
		settle(joined);
		broadcasts(host, port, joined, pool, String.format("%d peers subscribed to deltas, catalogue %d bytes", peers,
				bigCatalogue), 6);

		// phase 5: the small catalogue, whole broadcasts: 1000 new (unsubscribed) peers with one song of 100 each
		for (Peer peer : joined) {
			peer.socket.close();
		}
		List<Peer> small = new ArrayList<>();
		for (int p = 0; p < peers; p++) {
			Peer peer = new Peer(host, port);
			peer.send(0, -1, initPayload(p, p % 100, 1, 100));
			small.add(peer);
			threads.submit(peer::drain);
		}
		settle(small);
		listSize(host, port);
		broadcasts(host, port, small, pool, String.format("%d peers, catalogue %d bytes", peers, lastListBytes), 3);

		System.out.println();
		System.out.println("| run | figure |");
		System.out.println("|---|---|");
		summary.forEach(System.out::println);
		System.exit(0);
	}

	/** The tracker's peer token as a TOKEN line (run.sh sets MEDIAFLEET_TSP_TOKEN for our tracker only). */
	static final String TOKEN_LINE = Optional.ofNullable(System.getenv("MEDIAFLEET_TSP_TOKEN"))
		.filter((token) -> !token.isBlank())
		.map((token) -> "TOKEN\t" + token + "\n")
		.orElse("");

	static byte[] initPayload(int p, int first, int songsPerPeer, int pool) {
		StringBuilder init = new StringBuilder(TOKEN_LINE + "PEER\t10." + (p >> 16 & 255) + "." + (p >> 8 & 255) + "." + (p & 255)
				+ ":7001\n");
		for (int s = 0; s < songsPerPeer; s++) {
			int song = (first + s) % pool;
			init.append(md5(song)).append('\t').append(4_000_000 + song).append('\t').append("215.5\tSong ")
				.append(song).append("\tArtist ").append(song % 97).append("\tsong-").append(song).append(".mp3\n");
		}
		return init.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** Waits until no peer has received a broadcast for a second (the join broadcasts are over). */
	static void settle(List<Peer> joined) throws InterruptedException {
		long lastCount = -1;
		for (int i = 0; i < 120; i++) {
			Thread.sleep(1000);
			long count = joined.stream().mapToLong((peer) -> peer.broadcasts.get()).sum();
			if (count == lastCount) {
				return;
			}
			lastCount = count;
		}
	}

	static void load(String host, int port, int songs, int connections, int pipeline, int seconds, int listEvery)
			throws Exception {
		String before = loadavg();
		AtomicLongArray shared = new AtomicLongArray(200_000); // microseconds, 0..200 ms
		AtomicLong requests = new AtomicLong();
		AtomicLong lists = new AtomicLong();
		CountDownLatch connected = new CountDownLatch(connections);
		CountDownLatch go = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(connections);
		long[] deadline = new long[1];
		for (int c = 0; c < connections; c++) {
			int seed = c;
			Thread.ofPlatform().daemon().start(() -> {
				try (Socket socket = new Socket()) {
					socket.setTcpNoDelay(true);
					socket.connect(new InetSocketAddress(host, port));
					DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 8192));
					DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
					Random r = new Random(seed);
					byte[] skip = new byte[1 << 16];
					long n = 0;
					connected.countDown();
					go.await();
					while (System.nanoTime() < deadline[0]) {
						for (int i = 0; i < pipeline; i++) {
							boolean list = listEvery > 0 && (n + i) % listEvery == listEvery - 1;
							out.writeByte(list ? 1 : 2);
							out.writeInt(list ? -1 : 1 + r.nextInt(Math.max(1, songs)));
							out.writeInt(0);
						}
						long t0 = System.nanoTime();
						out.flush();
						for (int i = 0; i < pipeline; i++) {
							int type = in.readUnsignedByte();
							in.readInt();
							int length = in.readInt();
							while (length > 0) {
								int k = in.read(skip, 0, Math.min(skip.length, length));
								if (k < 0) {
									throw new IOException("tracker closed the connection");
								}
								length -= k;
							}
							long micros = (System.nanoTime() - t0) / 1000;
							shared.incrementAndGet((int) Math.min(micros, shared.length() - 1));
							if (type == 1) {
								lists.incrementAndGet();
							}
						}
						n += pipeline;
						requests.addAndGet(pipeline);
					}
				}
				catch (IOException | InterruptedException ex) {
					System.out.println("client failed: " + ex);
				}
				finally {
					connected.countDown();
					done.countDown();
				}
			});
		}
		connected.await();
		long[] cpu0 = cpu();
		long t0 = System.nanoTime();
		deadline[0] = t0 + TimeUnit.SECONDS.toNanos(seconds);
		go.countDown();
		done.await();
		long wall = System.nanoTime() - t0;
		long[] cpu1 = cpu();
		long[] histogram = new long[shared.length()];
		for (int i = 0; i < histogram.length; i++) {
			histogram[i] = shared.get(i);
		}
		double rate = requests.get() / (wall / 1e9);
		String what = (listEvery > 0) ? "INFO + 1/" + listEvery + " LIST" : "INFO only";
		String cpuText = String.format("CPU: tracker %s, load generator %s of one core", percent(cpu1[0] - cpu0[0], wall),
				percent(cpu1[1] - cpu0[1], wall));
		System.out.printf("%s, %d connections x pipeline %d: %d requests in %.1f s = %.0f per second (%d LIST)%n", what,
				connections, pipeline, requests.get(), wall / 1e9, rate, lists.get());
		System.out.printf("  latency (batch flushed to answer read): p50 %d us, p99 %d us, p99.9 %d us; %s; load %s -> %s%n",
				percentile(histogram, 0.50), percentile(histogram, 0.99), percentile(histogram, 0.999), cpuText, before,
				loadavg());
		summary.add(String.format("| %s, %d x %d | **%,.0f req/s**, p50 %.2f ms, **p99 %.2f ms**, p99.9 %.2f ms; %s; "
				+ "loadavg %s -> %s |", what, connections, pipeline, rate, percentile(histogram, 0.50) / 1000.0,
				percentile(histogram, 0.99) / 1000.0, percentile(histogram, 0.999) / 1000.0, cpuText, before, loadavg()));
	}

	/** Bytes per second one socket pair carries over loopback, {@code connections} pairs in parallel, for 2 s. */
	static double loopbackBandwidth(int connections) throws Exception {
		try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			AtomicLong received = new AtomicLong();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
			List<Thread> threads = new ArrayList<>();
			for (int c = 0; c < connections; c++) {
				Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
				Socket accepted = server.accept();
				threads.add(Thread.ofPlatform().start(() -> {
					byte[] chunk = new byte[1 << 20];
					try (client; OutputStream out = client.getOutputStream()) {
						while (System.nanoTime() < deadline) {
							out.write(chunk);
						}
					}
					catch (IOException ex) {
						// reader gone
					}
				}));
				threads.add(Thread.ofPlatform().start(() -> {
					byte[] chunk = new byte[1 << 20];
					try (accepted; InputStream in = accepted.getInputStream()) {
						int k;
						while ((k = in.read(chunk)) > 0) {
							received.addAndGet(k);
						}
					}
					catch (IOException ex) {
						// writer gone
					}
				}));
			}
			long t0 = System.nanoTime();
			for (Thread thread : threads) {
				thread.join();
			}
			return received.get() / ((System.nanoTime() - t0) / 1e9);
		}
	}

	static void broadcasts(String host, int port, List<Peer> joined, int pool, String label, int offset)
			throws Exception {
		double best = Double.MAX_VALUE;
		double worst = 0;
		String before = loadavg();
		for (int round = 0; round < 3; round++) {
			for (Peer peer : joined) {
				peer.mark();
			}
			Peer newcomer = new Peer(host, port);
			long t0 = System.nanoTime();
			newcomer.send(0, -1, (TOKEN_LINE + md5(pool + 1 + offset + round) + "\t1000\t1\tNew\tSong\tnew-" + round + ".mp3\n")
				.getBytes(StandardCharsets.UTF_8));
			long last = 0;
			for (Peer peer : joined) {
				last = Math.max(last, peer.awaitBroadcastAfterMark());
			}
			double millis = (last - t0) / 1e6;
			best = Math.min(best, millis);
			worst = Math.max(worst, millis);
			System.out.printf("broadcast round %d (%s): all %d peers had the new catalogue %.1f ms after the INIT%n", round,
					label, joined.size(), millis);
			newcomer.socket.close();
			Thread.sleep(1000);
			settle(joined);
		}
		summary.add(String.format("| BROADCAST_LIST, %s: INIT -> last peer read it (3 rounds, incl. the coalescing window) "
				+ "| **%.0f-%.0f ms**; loadavg %s -> %s |", label, best, worst, before, loadavg()));
	}

	static long lastListBytes;

	static int listSize(String host, int port) throws IOException {
		try (Socket socket = new Socket(host, port)) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
			out.writeByte(1);
			out.writeInt(-1);
			out.writeInt(0);
			out.flush();
			in.readUnsignedByte();
			in.readInt();
			byte[] payload = new byte[in.readInt()];
			in.readFully(payload);
			lastListBytes = payload.length;
			int lines = 0;
			for (byte b : payload) {
				if (b == '\n') {
					lines++;
				}
			}
			return lines;
		}
	}

	static long percentile(long[] histogram, double q) {
		long total = Arrays.stream(histogram).sum();
		long seen = 0;
		for (int i = 0; i < histogram.length; i++) {
			seen += histogram[i];
			if (seen >= q * total) {
				return i;
			}
		}
		return histogram.length;
	}

	/** A persistent peer connection that keeps reading (and timing) its BROADCAST_LISTs. */
	static final class Peer {

		final Socket socket;

		final DataOutputStream out;

		final AtomicLong broadcasts = new AtomicLong();

		volatile long marked = Long.MAX_VALUE;

		volatile long firstAfterMark;

		Peer(String host, int port) throws IOException {
			this.socket = new Socket(host, port);
			this.socket.setReceiveBufferSize(1 << 20);
			this.out = new DataOutputStream(this.socket.getOutputStream());
		}

		void send(int type, int id, byte[] payload) throws IOException {
			this.out.writeByte(type);
			this.out.writeInt(id);
			this.out.writeInt(payload.length);
			this.out.write(payload);
			this.out.flush();
		}

		void drain() {
			try (InputStream raw = this.socket.getInputStream()) {
				DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
				byte[] skip = new byte[1 << 16];
				while (true) {
					int type = in.readUnsignedByte();
					in.readInt();
					int length = in.readInt();
					while (length > 0) {
						int k = in.read(skip, 0, Math.min(skip.length, length));
						if (k < 0) {
							return;
						}
						length -= k;
					}
					long now = System.nanoTime();
					if (type == 7) {
						this.broadcasts.incrementAndGet();
						if (now > this.marked && this.firstAfterMark == 0) {
							this.firstAfterMark = now;
						}
					}
				}
			}
			catch (IOException ex) {
				// closed
			}
		}

		void mark() {
			this.firstAfterMark = 0;
			this.marked = System.nanoTime();
		}

		long awaitBroadcastAfterMark() throws InterruptedException {
			long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (this.firstAfterMark == 0 && System.nanoTime() < giveUp) {
				Thread.sleep(1);
			}
			return this.firstAfterMark;
		}

	}

	// ---------------------------------------------------------------- opentracker

	static void opentracker(String host, int port, int peers, int torrentsPerPeer, int pool, int connections,
			int seconds) throws Exception {
		long start = System.nanoTime();
		Random random = new Random(1);
		for (int p = 0; p < peers; p++) {
			int first = random.nextInt(pool);
			for (int t = 0; t < torrentsPerPeer; t++) {
				int torrent = (first + t) % pool;
				http(host, port, "/announce?info_hash=" + infoHash(torrent) + "&peer_id=" + peerId(p) + "&port=7001&left=0"
						+ "&uploaded=0&downloaded=0&compact=1&ip=10." + (p >> 16 & 255) + "." + (p >> 8 & 255) + "."
						+ (p & 255));
			}
		}
		System.out.printf("announced %d peers x %d torrents (pool %d) in %d ms%n", peers, torrentsPerPeer, pool,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
		System.out.println("PAUSE-FOR-MEMORY");
		System.out.flush();
		Thread.sleep(3000);
		ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
		AtomicLongArray histogram = new AtomicLongArray(200_000);
		AtomicLong requests = new AtomicLong();
		AtomicLong bytes = new AtomicLong();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		CountDownLatch done = new CountDownLatch(connections);
		for (int c = 0; c < connections; c++) {
			int seed = c;
			threads.submit(() -> {
				Random r = new Random(seed);
				try {
					while (System.nanoTime() < deadline) {
						long t0 = System.nanoTime();
						bytes.addAndGet(http(host, port, "/scrape?info_hash=" + infoHash(r.nextInt(pool))));
						histogram.incrementAndGet((int) Math.min((System.nanoTime() - t0) / 1000, 199_999));
						requests.incrementAndGet();
					}
				}
				catch (IOException ex) {
					System.out.println("client failed: " + ex);
				}
				finally {
					done.countDown();
				}
			});
		}
		done.await();
		long[] h = new long[histogram.length()];
		for (int i = 0; i < h.length; i++) {
			h[i] = histogram.get(i);
		}
		System.out.printf("scrapes: %d in %d s = %.0f per second, %d connections (one TCP connection per scrape), "
				+ "%.0f bytes per answer%n", requests.get(), seconds, requests.get() / (double) seconds, connections,
				bytes.get() / (double) Math.max(1, requests.get()));
		System.out.printf("latency (connect to answer read): p50 %d us, p99 %d us, p99.9 %d us%n", percentile(h, 0.50),
				percentile(h, 0.99), percentile(h, 0.999));
		System.exit(0);
	}

	static String infoHash(int torrent) {
		byte[] bytes = HEX.parseHex(md5(torrent) + "00000000");
		StringBuilder out = new StringBuilder();
		for (byte b : bytes) {
			out.append('%').append(String.format("%02x", b & 0xff));
		}
		return out.toString();
	}

	static String peerId(int peer) {
		return String.format("-MF0001-%012d", peer);
	}

	static int http(String host, int port, String path) throws IOException {
		try (Socket socket = new Socket(host, port)) {
			socket.setTcpNoDelay(true);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return socket.getInputStream().readAllBytes().length;
		}
	}

}
