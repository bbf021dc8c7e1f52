package io.mediafleet.streamer.stream;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.mediafleet.streamer.hls.HlsSessions;
import io.mediafleet.streamer.hls.SegmentWindow;
import io.mediafleet.streamer.mp3.Mp3FrameHeader;
import io.mediafleet.streamer.stream.SchedulerLink.ListenerIdentity;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The HLS side of the radios: one {@link SegmentWindow} per radio with HLS listeners, fed by the radio's
 * broadcaster, and the HLS listener sessions. A session holds what an MP3 listener holds while it lasts: one of the
 * streamer's listener slots, a membership of the radio (which keeps it playing), a {@code register_listener} with the
 * scheduler and a place in the radio's listener count; all are given back when the session expires (its player
 * stopped fetching the media playlist for {@code sessionTimeout}). The last session of a radio removes its window.
 */
final class HlsRadios {

	private static final Log log = LogFactory.getLog(HlsRadios.class);

	private static final AtomicLong EPOCHS = new AtomicLong();

	private final RadioHub hub;

	private final SchedulerLink link;

	private final Duration segmentDuration;

	private final int playlistSegments;

	private final HlsSessions<Listener> sessions;

	private final Map<String, HlsRadio> radios = new HashMap<>();

	private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
			Thread.ofPlatform().daemon().name("hls-sessions").factory());

	HlsRadios(RadioHub hub, SchedulerLink link, StreamSettings settings, Duration segmentDuration,
			int playlistSegments, Duration sessionTimeout) {
		this.hub = hub;
		this.link = link;
		this.segmentDuration = segmentDuration;
		this.playlistSegments = playlistSegments;
		SecureRandom random = new SecureRandom();
		this.sessions = new HlsSessions<>(sessionTimeout.toNanos(), settings.listenerLimit(), () -> {
			byte[] id = new byte[16];
			random.nextBytes(id);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
		});
		long sweep = Math.max(100, Math.min(1000, sessionTimeout.toMillis() / 10));
		this.sweeper.scheduleWithFixedDelay(this::expire, sweep, sweep, TimeUnit.MILLISECONDS);
	}

	/**
	 * Opens a session for a listener already admitted ({@link RadioHub#tryAdmit}) and joined to the radio
	 * ({@link RadioHub#join}); {@code null} when no session can be opened (the caller gives both back).
	 */
	@Nullable Listener open(RadioBroadcaster broadcaster, ListenerIdentity identity, @Nullable InetAddress source) {
		HlsRadio radio;
		synchronized (this) {
			radio = this.radios.get(broadcaster.radioUuid());
			if (radio == null || radio.broadcaster != broadcaster) {
				if (radio != null) {
					radio.broadcaster.tapForHls(null);
				}
				radio = new HlsRadio(broadcaster, new SegmentWindow(epoch(), this.segmentDuration,
						this.playlistSegments));
				SegmentWindow window = radio.window;
				broadcaster.tapForHls((frame) -> window.add(frame.data(), frame.offset(), frame.length(),
						frame.durationNanos(), format(frame), frame.song().title()));
				this.radios.put(broadcaster.radioUuid(), radio);
			}
			radio.sessions++;
		}
		HlsRadio joined = radio;
		Listener listener = this.sessions.open((id) -> new Listener(id, joined, identity, source), System.nanoTime());
		if (listener == null) {
			leaveWindow(joined);
			return null;
		}
		broadcaster.countHlsListener(1);
		this.link.registerListener(broadcaster.radioUuid(), listener.sessionId(), identity.userId());
		return listener;
	}

	/** The session's listener, marked seen now; {@code null} for an unknown or expired session. */
	@Nullable Listener seen(String sessionId) {
		return this.sessions.seen(sessionId, System.nanoTime());
	}

	/** The segment window of a radio with HLS listeners, else {@code null}. */
	synchronized @Nullable SegmentWindow window(String radioUuid) {
		HlsRadio radio = this.radios.get(radioUuid);
		return (radio != null) ? radio.window : null;
	}

	/** HLS sessions open now. */
	int sessionCount() {
		return this.sessions.size();
	}

	private void expire() {
		try {
			this.sessions.expire(System.nanoTime()).forEach(this::close);
		}
		catch (RuntimeException ex) {
			log.warn("Expiring HLS sessions failed", ex);
		}
	}

	private void close(Listener listener) {
		RadioBroadcaster broadcaster = listener.radio().broadcaster;
		broadcaster.countHlsListener(-1);
		this.link.unregisterListener(broadcaster.radioUuid(), listener.sessionId(), listener.identity().userId());
		leaveWindow(listener.radio());
		this.hub.leave(broadcaster.radioUuid());
		this.hub.release(listener.source());
	}

	private synchronized void leaveWindow(HlsRadio radio) {
		if (--radio.sessions <= 0) {
			radio.broadcaster.tapForHls(null);
			this.radios.remove(radio.broadcaster.radioUuid(), radio);
		}
	}

	/** Ends every session (service shutdown). */
	void shutdown() {
		this.sweeper.shutdownNow();
		this.sessions.closeAll().forEach(this::close);
	}

	/** What must stay the same within one segment: MPEG version, sample rate and channel mode. */
	private static int format(Frame frame) {
		Mp3FrameHeader header = Mp3FrameHeader.parse(frame.data(), frame.offset());
		if (header == null) {
			return 0;
		}
		return (header.version().ordinal() << 24) | (header.sampleRate() << 1) | (header.mono() ? 1 : 0);
	}

	private static String epoch() {
		return Long.toString(System.currentTimeMillis(), 36) + Long.toString(EPOCHS.incrementAndGet(), 36);
	}

	/**
	 * One HLS listener.
	 *
	 * @param sessionId its id, in its media playlist's URL
	 * @param radio the radio's HLS state
	 * @param identity who the scheduler says it is
	 * @param source its address, holding one of the address's listener slots
	 */
	record Listener(String sessionId, HlsRadio radio, ListenerIdentity identity, @Nullable InetAddress source) {

		String radioUuid() {
			return this.radio.broadcaster.radioUuid();
		}

		SegmentWindow window() {
			return this.radio.window;
		}

		RadioBroadcaster broadcaster() {
			return this.radio.broadcaster;
		}

	}

	/** A radio with HLS listeners: its broadcaster, its window and how many sessions use it. */
	static final class HlsRadio {

		final RadioBroadcaster broadcaster;

		final SegmentWindow window;

		int sessions;

		HlsRadio(RadioBroadcaster broadcaster, SegmentWindow window) {
			this.broadcaster = broadcaster;
			this.window = window;
		}

	}

}
