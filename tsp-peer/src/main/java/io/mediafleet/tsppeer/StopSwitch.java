package io.mediafleet.tsppeer;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

import io.mediafleet.schema.tsp.TspFrame;
import io.mediafleet.schema.tsp.TspType;

/**
 * Stops a transfer of {@link PeerFetcher#stream} from another thread: sends {@code STOP} to the hosting peer and
 * closes the connection (the seed's peer {@code stop}). Stopping before the transfer starts makes it not start.
 */
public final class StopSwitch {

	private @Nullable FrameSocket socket;

	private int songId = TspFrame.NO_SONG;

	private boolean stopped;

	/** Stops the transfer, if any; safe to call more than once and from any thread. */
	public void stop() {
		FrameSocket current;
		int song;
		synchronized (this) {
			this.stopped = true;
			current = this.socket;
			song = this.songId;
			this.socket = null;
		}
		if (current != null) {
			try {
				current.send(TspFrame.of(TspType.STOP, song));
			}
			catch (IOException ex) {
				// closing anyway
			}
			TrackerClient.closeQuietly(current);
		}
	}

	/** Whether {@link #stop()} was called. */
	public synchronized boolean isStopped() {
		return this.stopped;
	}

	synchronized boolean attach(FrameSocket socket, int songId) {
		if (this.stopped) {
			return false;
		}
		this.socket = socket;
		this.songId = songId;
		return true;
	}

	synchronized void detach(FrameSocket socket) {
		if (this.socket == socket) {
			this.socket = null;
		}
	}

}
