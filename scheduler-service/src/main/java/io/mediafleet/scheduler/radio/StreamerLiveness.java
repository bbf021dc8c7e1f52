package io.mediafleet.scheduler.radio;

import io.mediafleet.schema.radio.Ping;

/**
 * One ping round: streamers still waiting for a pong count a missed ping and are unregistered at the threshold;
 * every remaining streamer is then marked waiting and sent {@code ping}. Runs on the radio loop's thread only.
 */
class StreamerLiveness {

	private final RadioStore store;

	private final ListenerSessions sessions;

	private final StreamerRegistry streamers;

	private final RadioOutbox outbox;

	private final RadioHandler handler;

	private final RadioMetrics metrics;

	private final int missedPongs;

	StreamerLiveness(RadioStore store, ListenerSessions sessions, StreamerRegistry streamers, RadioOutbox outbox, RadioHandler handler,
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
	 * One round; with {@code judge} false (the loop dropped messages since the last round, pongs perhaps among
	 * them) nobody is counted as having missed a ping: an overloaded scheduler does not declare live streamers dead.
	 */
	void pingRound(boolean judge) {
		int alive = 0;
		for (Streamer streamer : this.streamers.all()) {
			int missed = streamer.missedPings();
			if (judge && streamer.waitingForPong()) {
				missed++;
				this.metrics.pingMissed();
				if (missed >= this.missedPongs) {
					this.handler.unregisterStreamer(streamer.name(), missed + " ping(s) unanswered");
					continue;
				}
			}
			this.streamers.update(new Streamer(streamer.name(), streamer.registeredAt(), true, missed,
					streamer.lastPongAt()));
			this.outbox.sendUnordered(streamer.name(), Ping.INSTANCE);
			alive++;
		}
		this.streamers.persist();
		this.metrics.streamersAlive.set(alive);
		this.metrics.radiosPlaying.set((int) this.store.countMastered());
		this.metrics.listenersConnected.set(this.sessions.size());
	}

}
