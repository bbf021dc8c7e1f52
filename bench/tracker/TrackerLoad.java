import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
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
 * [peers songsPerPeer songPool connections seconds pipeline listEvery], or ... opentracker HOST PORT [same].
 *
 * Phases: 1) `peers` persistent peer connections each INIT `songsPerPeer` songs drawn from a pool of `songPool`
 * (every peer keeps reading its BROADCAST_LISTs); 2) `connections` client connections issue INFO <random id>
 * (one LIST in every 100 requests) for `seconds`, `pipeline` requests in flight each, recording every latency;
 * 3) one more peer announces a new song and the time until every peer got a BROADCAST_LIST is measured.
 */
public class TrackerLoad {

	static final HexFormat HEX = HexFormat.of();

	/** One request in this many is a LIST (0: INFO only). */
	static int listEvery;

	public static void main(String[] args) throws Exception {
		String mode = args[0];
		String host = args[1];
		int port = Integer.parseInt(args[2]);
		int peers = arg(args, 3, 1000);
		int songsPerPeer = arg(args, 4, 100);
		int pool = arg(args, 5, 1000);
		int connections = arg(args, 6, 64);
		int seconds = arg(args, 7, 10);
		int pipeline = arg(args, 8, 8);
		listEvery = arg(args, 9, 100);
		if (mode.equals("tsp")) {
			tsp(host, port, peers, songsPerPeer, pool, connections, seconds, pipeline);
		}
		else {
			opentracker(host, port, peers, songsPerPeer, pool, connections, seconds);
		}
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

	static void tsp(String host, int port, int peers, int songsPerPeer, int pool, int connections, int seconds,
			int pipeline) throws Exception {
		ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
		List<Peer> joined = new ArrayList<>();
		long start = System.nanoTime();
		Random random = new Random(1);
		for (int p = 0; p < peers; p++) {
			StringBuilder init = new StringBuilder("PEER\t10." + (p >> 16 & 255) + "." + (p >> 8 & 255) + "." + (p & 255)
					+ ":7001\n");
			int first = random.nextInt(pool);
			for (int s = 0; s < songsPerPeer; s++) {
				int song = (first + s) % pool;
				init.append(md5(song)).append('\t').append(4_000_000 + song).append('\t').append("215.5\tSong ")
					.append(song).append("\tArtist ").append(song % 97).append("\tsong-").append(song).append(".mp3\n");
			}
			Peer peer = new Peer(host, port);
			peer.send(0, -1, init.toString().getBytes(StandardCharsets.UTF_8));
			joined.add(peer);
			threads.submit(peer::drain);
		}
		System.out.printf("joined %d peers x %d songs (pool %d) in %d ms%n", peers, songsPerPeer, pool,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
		// let the join broadcasts settle
		long lastCount = -1;
		while (true) {
			Thread.sleep(1000);
			long count = joined.stream().mapToLong((peer) -> peer.broadcasts.get()).sum();
			if (count == lastCount) {
				break;
			}
			lastCount = count;
		}
		int songs = listSize(host, port);
		System.out.printf("catalogue: %d songs, LIST payload %d bytes%n", songs, lastListBytes);
		System.out.println("PAUSE-FOR-MEMORY");
		System.out.flush();
		Thread.sleep(3000);

		// phase 2: INFO (and some LIST) load
		long[] histogram = new long[200_000]; // microseconds, 0..200 ms
		AtomicLongArray shared = new AtomicLongArray(histogram.length);
		AtomicLong requests = new AtomicLong();
		AtomicLong lists = new AtomicLong();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		CountDownLatch done = new CountDownLatch(connections);
		for (int c = 0; c < connections; c++) {
			int seed = c;
			threads.submit(() -> {
				try (Socket socket = new Socket()) {
					socket.setTcpNoDelay(true);
					socket.connect(new InetSocketAddress(host, port));
					DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 8192));
					DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
					Random r = new Random(seed);
					byte[] skip = new byte[1 << 16];
					long[] sent = new long[pipeline];
					long n = 0;
					while (System.nanoTime() < deadline) {
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
								length -= k;
							}
							long micros = (System.nanoTime() - t0) / 1000;
							shared.incrementAndGet((int) Math.min(micros, histogram.length - 1));
							if (type == 1) {
								lists.incrementAndGet();
							}
						}
						n += pipeline;
						requests.addAndGet(pipeline);
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
		for (int i = 0; i < histogram.length; i++) {
			histogram[i] = shared.get(i);
		}
		System.out.printf("requests: %d in %d s = %.0f per second (%d LIST), %d connections, pipeline %d%n",
				requests.get(), seconds, requests.get() / (double) seconds, lists.get(), connections, pipeline);
		System.out.printf("latency (request written to answer read): p50 %d us, p99 %d us, p99.9 %d us%n",
				percentile(histogram, 0.50), percentile(histogram, 0.99), percentile(histogram, 0.999));

		// phase 3: one change, time until every peer has the new catalogue
		for (int round = 0; round < 3; round++) {
			for (Peer peer : joined) {
				peer.mark();
			}
			Peer newcomer = new Peer(host, port);
			long t0 = System.nanoTime();
			newcomer.send(0, -1, (md5(pool + 1 + round) + "\t1000\t1\tNew\tSong\tnew-" + round + ".mp3\n")
				.getBytes(StandardCharsets.UTF_8));
			long last = 0;
			for (Peer peer : joined) {
				last = Math.max(last, peer.awaitBroadcastAfterMark());
			}
			System.out.printf("broadcast round %d: all %d peers had the new catalogue %.1f ms after the INIT%n", round,
					peers, (last - t0) / 1e6);
			newcomer.socket.close();
			Thread.sleep(1000);
		}
		System.exit(0);
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
