package io.mediafleet.streamer.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One listener-writing thread of the {@link ListenerServer}: owns a share of the port's listeners once their request
 * is answered, and writes each write interval's shared batch to them, one gathering write per listener.
 * <p>
 * The server's accepting thread builds every batch once per radio and interval and hands the same immutable
 * {@link SharedBatch} to every writer; listeners are spread over the writers when they join (to the one holding
 * fewest), so the system calls of one interval run on several cores at once instead of one after the other on one
 * thread. Everything a writer does arrives as a task on its queue, in order: a listener handed over before a batch
 * gets that batch (minus the frames its burst already had), so frame order and ICY metadata intervals are those of
 * a single writer. A writer never waits for a socket: what a socket does not take stays pending for the next batch,
 * and a listener with more than {@code queueLimit} bytes pending is dropped.
 */
final class ListenerWriter {

	private static final Log log = LogFactory.getLog(ListenerWriter.class);

	/** Buffers handed to one gathering write. */
	private static final int MAX_GATHER = 64;

	private final long queueLimit;

	private final StreamMetrics metrics;

	private final Consumer<ListenerSink> onClose;

	private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

	private final AtomicInteger listeners = new AtomicInteger();

	// Touched by the writer's thread only.
	private final Map<RadioBroadcaster, List<ListenerSink>> audiences = new HashMap<>();

	private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];

	private final List<Runnable> drained = new ArrayList<>();

	/** Listeners with new bytes pending since the last writes, each once. */
	private final List<ListenerSink> flushing = new ArrayList<>();

	private @Nullable Thread thread;

	private boolean stopped;

	/**
	 * @param queueLimit most bytes pending for one listener before it is dropped for lag
	 * @param onClose called on the writer's thread once for every listener it closes (bookkeeping of the server)
	 */
	ListenerWriter(long queueLimit, StreamMetrics metrics, Consumer<ListenerSink> onClose) {
		this.queueLimit = queueLimit;
		this.metrics = metrics;
		this.onClose = onClose;
	}

	void start(String name) {
		this.thread = Thread.ofPlatform().name(name).daemon().start(this::run);
	}

	/** Listeners handed to this writer and not closed yet. */
	int listeners() {
		return this.listeners.get();
	}

	/** Takes over a listener whose response head and burst are pending in it, and writes them. */
	void add(ListenerSink sink) {
		this.listeners.incrementAndGet();
		post(() -> {
			this.audiences.computeIfAbsent(sink.radio, (radio) -> new ArrayList<>()).add(sink);
			toFlush(sink);
		});
	}

	/**
	 * Writes each radio's batch to this writer's listeners of that radio. When the thread is behind (it lost its
	 * core for a while), the batches waiting for it are appended in order and written with one system call per
	 * listener, as one longer interval would be, rather than one call per batch: a busy machine does not make the
	 * port do more work.
	 */
	void write(List<RadioBroadcaster> radios, List<SharedBatch> batches) {
		post(() -> {
			for (int i = 0; i < radios.size(); i++) {
				List<ListenerSink> sinks = this.audiences.get(radios.get(i));
				if (sinks == null) {
					continue;
				}
				SharedBatch batch = batches.get(i);
				sinks.removeIf((sink) -> sink.closed);
				if (sinks.isEmpty()) {
					this.audiences.remove(radios.get(i));
					continue;
				}
				for (ListenerSink sink : sinks) {
					sink.append(batch, batch.frameStart(sink.skipFrames));
					sink.skipFrames = 0;
					toFlush(sink);
				}
			}
		});
	}

	/** Marks a listener to be written once the tasks at hand are done. */
	private void toFlush(ListenerSink sink) {
		if (!sink.flushQueued) {
			sink.flushQueued = true;
			this.flushing.add(sink);
		}
	}

	/** Closes this writer's listeners of a radio that stopped. */
	void closeRadio(RadioBroadcaster radio) {
		post(() -> {
			List<ListenerSink> sinks = this.audiences.remove(radio);
			if (sinks != null) {
				sinks.forEach(this::close);
			}
		});
	}

	/** Closes every listener, ends the thread and waits for it (at most {@code timeoutMillis}). */
	void stop(long timeoutMillis) {
		post(() -> {
			for (List<ListenerSink> sinks : this.audiences.values()) {
				sinks.forEach(this::close);
			}
			this.audiences.clear();
			this.stopped = true;
		});
		Thread thread = this.thread;
		if (thread != null) {
			try {
				thread.join(timeoutMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void post(Runnable task) {
		this.tasks.add(task);
	}

	private void run() {
		while (!this.stopped) {
			try {
				this.drained.add(this.tasks.take());
				this.tasks.drainTo(this.drained);
				for (Runnable task : this.drained) {
					try {
						task.run();
					}
					catch (RuntimeException ex) {
						log.error("Listener writer task failed (continuing)", ex);
					}
				}
				flushQueued();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			finally {
				this.drained.clear();
			}
		}
	}

	private void flushQueued() {
		long sent = 0;
		for (ListenerSink sink : this.flushing) {
			sink.flushQueued = false;
			sent += flush(sink);
		}
		this.flushing.clear();
		if (sent > 0) {
			this.metrics.bytesSent.increment(sent);
		}
	}

	/** Writes what is pending for one listener with one gathering write; returns the bytes written. */
	private long flush(ListenerSink sink) {
		if (sink.closed || sink.pending.isEmpty()) {
			return 0;
		}
		int count = 0;
		for (ByteBuffer buffer : sink.pending) {
			this.gather[count++] = buffer;
			if (count == MAX_GATHER) {
				break;
			}
		}
		long written;
		sink.writes++;
		try {
			written = (count == 1) ? sink.channel.write(this.gather[0]) : sink.channel.write(this.gather, 0, count);
		}
		catch (IOException ex) {
			// The listener went away: the normal end of a stream.
			close(sink);
			return 0;
		}
		finally {
			Arrays.fill(this.gather, 0, count, null);
		}
		sink.pendingBytes -= written;
		while (!sink.pending.isEmpty() && !sink.pending.peekFirst().hasRemaining()) {
			sink.pending.pollFirst();
		}
		if (sink.pendingBytes > this.queueLimit) {
			this.metrics.droppedForLag.increment();
			close(sink);
		}
		return written;
	}

	private void close(ListenerSink sink) {
		if (sink.closed) {
			return;
		}
		sink.closed = true;
		sink.pending.clear();
		this.listeners.decrementAndGet();
		this.onClose.accept(sink);
	}

}
