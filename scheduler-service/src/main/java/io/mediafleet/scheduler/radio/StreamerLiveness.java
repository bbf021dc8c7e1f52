package io.mediafleet.scheduler.radio;

import java.util.List;

import io.mediafleet.schema.radio.Ping;

/**
 * One ping round: streamers still waiting for a pong count a missed ping and are unregistered at the threshold;
 * every remaining streamer is then marked waiting and sent {@code ping}. Runs on the radio loop's thread only, in
 * steps of a bounded number of streamers (see {@link Round}), so received messages never wait behind a whole round.
 */
class StreamerLiveness {

	private final RadioPersistence store;

	private final ListenerSessions sessions;

	private final StreamerRegistry streamers;

	private final RadioOutbound outbox;

	private final RadioHandler handler;

	private final RadioMetrics metrics;

	private final int missedPongs;

	StreamerLiveness(RadioPersistence store, ListenerSessions sessions, StreamerRegistry streamers, RadioOutbound outbox, RadioHandler handler,
			RadioMetrics metrics, int missedPongs) {
		this.store = store;
		this.sessions = sessions;
		this.streamers = streamers;
		this.outbox = outbox;
		this.handler = handler;
		this.metrics = metrics;
		this.missedPongs = missedPongs;
	}

	void pingRound() {
		pingRound(true);
	}

	/**
	 * One whole round at once; with {@code judge} false (the loop dropped messages since the last round, pongs
	 * perhaps among them) nobody is counted as having missed a ping: an overloaded scheduler does not declare live
	 * streamers dead.
	 */
	void pingRound(boolean judge) {
		Round round = startRound(judge);
		while (!round.step(Integer.MAX_VALUE)) {
			// One step takes every streamer.
		}
	}

	/** Starts a round over the streamers registered now; the caller runs its {@link Round#step steps}. */
	Round startRound(boolean judge) {
		return new Round(this.streamers.names(), judge);
	}

	/**
	 * A ping round taken a few streamers at a time, the loop handling received messages between two steps. A
	 * streamer's pong handled before its step counts for this round, as in a round taken whole; a streamer
	 * unregistered before its step is skipped, one registered after the round started waits for the next round.
	 */
	final class Round {

		private final List<String> names;

		private final boolean judge;

		private int next;

		private int alive;

		private Round(List<String> names, boolean judge) {
			this.names = names;
			this.judge = judge;
		}

		/** Handles the next {@code max} streamers of the round; {@code true} once the round is complete. */
		boolean step(int max) {
			int end = (int) Math.min(this.names.size(), (long) this.next + max);
			for (; this.next < end; this.next++) {
				Streamer streamer = StreamerLiveness.this.streamers.get(this.names.get(this.next));
				if (streamer != null) {
					ping(streamer);
				}
			}
			if (this.next < this.names.size()) {
				return false;
			}
			StreamerLiveness.this.handler.closeExpiredSessions();
			StreamerLiveness.this.metrics.streamersAlive.set(this.alive);
			StreamerLiveness.this.metrics.radiosPlaying.set((int) StreamerLiveness.this.store.countMastered());
			StreamerLiveness.this.metrics.listenersConnected.set(StreamerLiveness.this.sessions.size());
			return true;
		}

		private void ping(Streamer streamer) {
			int missed = streamer.missedPings();
			if (this.judge && streamer.waitingForPong()) {
				missed++;
				StreamerLiveness.this.metrics.pingMissed();
				if (missed >= StreamerLiveness.this.missedPongs) {
					StreamerLiveness.this.handler.loseStreamer(streamer.name(), missed + " ping(s) unanswered");
					return;
				}
			}
			Streamer waiting = new Streamer(streamer.name(), streamer.registeredAt(), true, missed,
					streamer.lastPongAt());
			StreamerLiveness.this.streamers.update(waiting);
			StreamerLiveness.this.streamers.persist(waiting);
			StreamerLiveness.this.outbox.sendUnordered(streamer.name(), Ping.INSTANCE);
			this.alive++;
		}

		/** Streamers of the round not handled yet. */
		int remaining() {
			return this.names.size() - this.next;
		}

	}

}
