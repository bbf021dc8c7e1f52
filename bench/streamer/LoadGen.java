import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One-process HTTP listener load generator for the streamer/Icecast benchmark (java LoadGen.java ...).
 * Opens N listeners at a fixed arrival rate, holds them, and reports failed connections, early
 * disconnects and stalls: a listener is stalled when, in any 2 s window starting 4 s after it
 * connected, it received less than 90 % of the bitrate.
 *
 * Usage: java LoadGen.java host port path listeners arrivalsPerSecond holdSeconds bitrateKbps [quietSeconds markerFile]
 * <p>
 * With {@code -Dloadgen.follow=true}, a {@code 307}/{@code 302} answer (the scheduler's one listen URL) is followed
 * once: the listener connects to the {@code Location} instead, is judged from that connection on, and the result
 * ends with one {@code share <host:port>=<listeners>} line per streamer the redirects went to.
 * <p>
 * The loop runs at most every 10 ms ({@code -Dloadgen.paceMillis}), reading every listener with data then.
 * <p>
 * With {@code quietSeconds}, the last seconds of the hold are not judged (windows ending in them do not count) and
 * {@code markerFile} is created when they begin: the benchmark measures the server there (a full GC for the live
 * heap) without its pause counting as a stall. {@code measured_listener_seconds} is the listener time up to then.
 */
public class LoadGen {

	static final long WINDOW_NANOS = 2_000_000_000L;

	static final long GRACE_NANOS = 4_000_000_000L;

	static final long SCAN_NANOS = 50_000_000L;

	/** Shortest loop (-Dloadgen.paceMillis, default 10; 0: select as soon as the last loop is done). */
	static final long PACE_NANOS = Long.getLong("loadgen.paceMillis", 10) * 1_000_000L;

	/** Diagnostics only (printed after the result line): when stalled windows ended and how short they were. */
	static long runStart;

	static final int[] stalledWindowsBySecond = new int[600];

	static final int[] stalledWindowsByTenth = new int[10];

	/** Judges and restarts every window of the listener that has ended by {@code now}. */
	static void roll(Listener listener, long now, long minWindowBytes, long judgedUntil) {
		if (now < listener.windowStart) {
			// Still in the grace period that the burst covers.
			listener.windowBytes = 0;
			return;
		}
		while (now >= listener.windowStart + WINDOW_NANOS) {
			if (listener.windowBytes < minWindowBytes && listener.windowStart + WINDOW_NANOS <= judgedUntil) {
				listener.stalled = true;
				int second = (int) ((listener.windowStart + WINDOW_NANOS - runStart) / 1_000_000_000L);
				stalledWindowsBySecond[Math.min(second, stalledWindowsBySecond.length - 1)]++;
				int percent = (int) (listener.windowBytes * 10 / (minWindowBytes / 9 * 10));
				stalledWindowsByTenth[Math.min(percent, 9)]++;
			}
			listener.windowStart += WINDOW_NANOS;
			listener.windowBytes = 0;
		}
	}

	static final class Listener {
		SocketChannel channel;
		long connectedAt;
		long windowStart;
		long windowBytes;
		long totalBytes;
		boolean stalled;
		boolean closed;
		boolean failed;
		boolean headerSeen;
		boolean redirected;
		String location;
		ByteBuffer request;

		Listener(ByteBuffer request) {
			this.request = request;
		}
	}

	public static void main(String[] args) throws Exception {
		String host = args[0];
		int port = Integer.parseInt(args[1]);
		String path = args[2];
		int count = Integer.parseInt(args[3]);
		double rate = Double.parseDouble(args[4]);
		long holdNanos = (long) (Double.parseDouble(args[5]) * 1e9);
		int bitrateKbps = Integer.parseInt(args[6]);
		long minWindowBytes = (long) (bitrateKbps * 1000 / 8 * 2 * 0.9);
		long quietNanos = (args.length > 7) ? (long) (Double.parseDouble(args[7]) * 1e9) : 0;
		java.nio.file.Path marker = (args.length > 8) ? java.nio.file.Path.of(args[8]) : null;
		byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: mediafleet-loadgen\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		boolean follow = Boolean.getBoolean("loadgen.follow");
		java.util.Map<String, Integer> shares = new java.util.TreeMap<>();
		Selector selector = Selector.open();
		List<Listener> listeners = new ArrayList<>();
		ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
		long start = System.nanoTime();
		runStart = start;
		long rampEnd = start + (long) (count / rate * 1e9);
		long end = rampEnd + holdNanos;
		long judgedUntil = end - quietNanos;
		boolean quiet = false;
		double measuredListenerSeconds = 0;
		int opened = 0;
		long lastScan = start;
		long lastLoop = start;
		List<String> loopGaps = new ArrayList<>();
		while (true) {
			long now = System.nanoTime();
			if (now >= end) {
				break;
			}
			if (!quiet && now >= judgedUntil) {
				quiet = true;
				for (Listener listener : listeners) {
					if (listener.connectedAt > 0 && !listener.failed && !listener.closed) {
						measuredListenerSeconds += (now - listener.connectedAt) / 1e9;
					}
				}
				if (marker != null) {
					java.nio.file.Files.writeString(marker, "quiet\n");
				}
			}
			int due = (int) Math.min(count, (now - start) / 1e9 * rate + 1);
			while (opened < due) {
				Listener listener = new Listener(ByteBuffer.wrap(request));
				listeners.add(listener);
				opened++;
				try {
					SocketChannel channel = SocketChannel.open();
					channel.configureBlocking(false);
					channel.setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
					listener.channel = channel;
					channel.connect(new InetSocketAddress(host, port));
					channel.register(selector, SelectionKey.OP_CONNECT, listener);
				}
				catch (IOException ex) {
					listener.failed = true;
				}
			}
			long beforeSelect = System.nanoTime();
			if (beforeSelect - lastLoop > 100_000_000L && loopGaps.size() < 50) {
				loopGaps.add(String.format("%.2f+%dms", (lastLoop - start) / 1e9, (beforeSelect - lastLoop) / 1_000_000));
			}
			// Paced: a loop at most every PACE_NANOS, so each select collects many listeners' data instead of the
			// thread sleeping in epoll_wait and being woken by (nearly) every server write. On loopback that wake-up is
			// made inside the server's write call and counted as the server's CPU, which a remote client's would not
			// be. Reads come at most PACE_NANOS late, a sixteenth of the streamer's 166 ms write interval.
			long pause = lastLoop + PACE_NANOS - beforeSelect;
			if (pause > 0) {
				Thread.sleep(pause / 1_000_000L, (int) (pause % 1_000_000L));
			}
			selector.select(20);
			lastLoop = System.nanoTime();
			Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
			while (keys.hasNext()) {
				SelectionKey key = keys.next();
				keys.remove();
				Listener listener = (Listener) key.attachment();
				try {
					if (key.isConnectable()) {
						listener.channel.finishConnect();
						listener.connectedAt = System.nanoTime();
						listener.windowStart = listener.connectedAt + GRACE_NANOS;
						key.interestOps(SelectionKey.OP_WRITE);
					}
					else if (key.isWritable()) {
						listener.channel.write(listener.request);
						if (!listener.request.hasRemaining()) {
							key.interestOps(SelectionKey.OP_READ);
						}
					}
					else if (key.isReadable()) {
						buffer.clear();
						int read = listener.channel.read(buffer);
						if (read < 0) {
							// Through the listen URL, a connection closed before its redirect never reached a streamer.
							listener.closed = !follow || listener.redirected;
							listener.failed = !listener.closed;
							key.cancel();
							listener.channel.close();
							continue;
						}
						if (!listener.headerSeen && read > 0) {
							buffer.flip();
							byte[] first = new byte[Math.min(12, buffer.remaining())];
							buffer.get(first);
							String status = new String(first, StandardCharsets.US_ASCII);
							listener.headerSeen = true;
							if (follow && !listener.redirected && (status.contains(" 307") || status.contains(" 302"))) {
								// The whole (small) redirect head is in this first read: reconnect to Location.
								buffer.rewind();
								byte[] head = new byte[buffer.remaining()];
								buffer.get(head);
								java.util.regex.Matcher location = java.util.regex.Pattern
									.compile("(?im)^location:\\s*http://([^/:]+):(\\d+)(\\S*)")
									.matcher(new String(head, StandardCharsets.ISO_8859_1));
								key.cancel();
								listener.channel.close();
								if (!location.find()) {
									listener.failed = true;
									continue;
								}
								listener.redirected = true;
								listener.headerSeen = false;
								listener.location = location.group(1) + ":" + location.group(2);
								shares.merge(listener.location, 1, Integer::sum);
								listener.request = ByteBuffer.wrap(("GET " + location.group(3) + " HTTP/1.1\r\nHost: "
										+ listener.location + "\r\nUser-Agent: mediafleet-loadgen\r\n\r\n")
									.getBytes(StandardCharsets.US_ASCII));
								SocketChannel channel = SocketChannel.open();
								channel.configureBlocking(false);
								channel.setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
								listener.channel = channel;
								listener.connectedAt = 0;
								channel.connect(new InetSocketAddress(location.group(1), Integer.parseInt(location.group(2))));
								channel.register(selector, SelectionKey.OP_CONNECT, listener);
								continue;
							}
							if (!status.contains(" 200")) {
								listener.failed = true;
								key.cancel();
								listener.channel.close();
								continue;
							}
						}
						roll(listener, System.nanoTime(), minWindowBytes, judgedUntil);
						if (System.nanoTime() >= listener.windowStart) {
							listener.windowBytes += read;
						}
						listener.totalBytes += read;
					}
				}
				catch (IOException ex) {
					if (listener.connectedAt == 0) {
						listener.failed = true;
					}
					else {
						listener.closed = true;
					}
					key.cancel();
					try {
						listener.channel.close();
					}
					catch (IOException ignored) {
					}
				}
			}
			now = System.nanoTime();
			// Reads roll their listener's window themselves; this scan only catches listeners that get nothing,
			// so it need not run on every wake-up (with 12,000 listeners that alone would starve the loop).
			if (now - lastScan >= SCAN_NANOS) {
				lastScan = now;
				for (Listener listener : listeners) {
					if (listener.connectedAt != 0 && !listener.closed && !listener.failed) {
						roll(listener, now, minWindowBytes, judgedUntil);
					}
				}
			}
		}
		int failed = 0;
		int closed = 0;
		int stalled = 0;
		long bytes = 0;
		double listenerSeconds = 0;
		long finish = System.nanoTime();
		for (Listener listener : listeners) {
			failed += listener.failed ? 1 : 0;
			closed += (listener.closed && !listener.failed) ? 1 : 0;
			stalled += listener.stalled ? 1 : 0;
			bytes += listener.totalBytes;
			if (listener.connectedAt > 0 && !listener.failed) {
				listenerSeconds += (finish - listener.connectedAt) / 1e9;
			}
			if (listener.channel != null) {
				listener.channel.close();
			}
		}
		if (!quiet) {
			measuredListenerSeconds = listenerSeconds;
		}
		// The generator's own CPU over its run, so a starved or saturated generator shows in the results.
		double cpuPercent = ProcessHandle.current().info().totalCpuDuration().map((cpu) -> cpu.toNanos()).orElse(0L)
				* 100.0 / (finish - start);
		System.out.printf(
				"listeners=%d failed=%d early_disconnects=%d stalled=%d bytes=%d listener_seconds=%.0f measured_listener_seconds=%.0f cpu_percent=%.0f%n",
				count, failed, closed, stalled, bytes, listenerSeconds, measuredListenerSeconds, cpuPercent);
		StringBuilder when = new StringBuilder("stalled windows by the second they ended (second:count):");
		for (int second = 0; second < stalledWindowsBySecond.length; second++) {
			if (stalledWindowsBySecond[second] > 0) {
				when.append(' ').append(second).append(':').append(stalledWindowsBySecond[second]);
			}
		}
		StringBuilder depth = new StringBuilder("stalled windows by share of the bitrate received (tenths 0-9):");
		for (int tenth = 0; tenth < 10; tenth++) {
			depth.append(' ').append(tenth * 10).append("%:").append(stalledWindowsByTenth[tenth]);
		}
		System.out.println(when);
		System.out.println("load generator loops longer than 100 ms (start+length): " + loopGaps);
		System.out.println(depth);
		for (java.util.Map.Entry<String, Integer> share : shares.entrySet()) {
			System.out.println("share " + share.getKey() + "=" + share.getValue());
		}
	}

}
