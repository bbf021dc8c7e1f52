package io.mediafleet.scheduler.radio;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.mediafleet.scheduler.listen.ListenDirectory;
import io.mediafleet.schema.radio.RadioIds;
import io.mediafleet.schema.radio.PlayRadio;
import io.mediafleet.schema.radio.Pong;
import io.mediafleet.schema.radio.RadioExists;
import io.mediafleet.schema.radio.RadioStarted;
import io.mediafleet.schema.radio.RadioStopped;
import io.mediafleet.schema.radio.RadioUnknown;
import io.mediafleet.schema.radio.RegisterListener;
import io.mediafleet.schema.radio.RegisterStreamer;
import io.mediafleet.schema.radio.SchedulerTest;
import io.mediafleet.schema.radio.StopRadio;
import io.mediafleet.schema.radio.StreamerMessage;
import io.mediafleet.schema.radio.StreamerTest;
import io.mediafleet.schema.radio.UnregisterListener;
import io.mediafleet.schema.radio.UnregisterStreamer;
import io.mediafleet.schema.radio.UserAuthenticationRequest;
import io.mediafleet.schema.radio.UserAuthenticationResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What the scheduler does with each streamer message; runs on the radio loop's thread only.
 */
class RadioHandler {

	private static final Log log = LogFactory.getLog(RadioHandler.class);

	private final RadioPersistence store;

	private final ListenerSessions sessions;

	private final StreamerRegistry streamers;

	private final RadioOutbound outbox;

	private final RadioProgramme programme;

	private final Clock clock;

	private final @Nullable String masterUrlTemplate;

	private final ListenDirectory directory;

	RadioHandler(RadioPersistence store, ListenerSessions sessions, StreamerRegistry streamers, RadioOutbound outbox, RadioProgramme programme,
			Clock clock, @Nullable String masterUrlTemplate, ListenDirectory directory) {
		this.store = store;
		this.sessions = sessions;
		this.streamers = streamers;
		this.outbox = outbox;
		this.programme = programme;
		this.clock = clock;
		this.masterUrlTemplate = masterUrlTemplate;
		this.directory = directory;
	}

	/** Ids the codec accepts but the scheduler refuses to store; {@code null} when every id is sane. */
	static @Nullable String insaneId(StreamerMessage message) {
		return switch (message) {
			case PlayRadio m -> insane(m.radioUuid(), "radio_uuid");
			case StopRadio m -> insane(m.radioUuid(), "radio_uuid");
			case RegisterListener m -> firstInsane(m);
			case UnregisterListener m -> insane(m.sessionId(), "session_id");
			default -> null;
		};
	}

	private static @Nullable String firstInsane(RegisterListener message) {
		String radio = insane(message.radioUuid(), "radio_uuid");
		if (radio != null) {
			return radio;
		}
		String session = insane(message.sessionId(), "session_id");
		if (session != null || message.userId() == null) {
			return session;
		}
		return insane(message.userId(), "user_id");
	}

	private static @Nullable String insane(String id, String field) {
		return RadioIds.isSane(id) ? null : "field '" + field + "' is not a sane identifier";
	}

	void handle(StreamerMessage message) {
		switch (message) {
			case RegisterStreamer m -> registerStreamer(m.streamer());
			case UnregisterStreamer m -> unregisterStreamer(m.streamer(), "unregister_streamer");
			case Pong m -> pong(m);
			case UserAuthenticationRequest m -> authenticate(m);
			case PlayRadio m -> playRadio(m);
			case StopRadio m -> stopRadio(m.streamer(), m.radioUuid(), true);
			case RegisterListener m -> registerListener(m);
			case UnregisterListener m -> this.sessions.close(m.sessionId(), this.clock.instant());
			case StreamerTest m -> this.outbox.send(m.streamer(), new SchedulerTest(m.info()));
		}
	}

	/** A pong, prompted or not; one with the load extension from a registered streamer feeds the listen URL. */
	private void pong(Pong pong) {
		Instant now = this.clock.instant();
		this.streamers.pong(pong.streamer(), now);
		if (pong.hasLoad() && this.streamers.isRegistered(pong.streamer())) {
			this.directory.report(pong.streamer(), pong.listeners(), pong.listenerLimit(), pong.listenUrl(), now);
		}
	}

	void registerStreamer(String name) {
		// It re-announces its radios and the sessions still listening next: those go on under their ids.
		loseStreamer(name, "register_streamer (re-registration)");
		this.streamers.register(name, this.clock.instant());
	}

	/** Drops a streamer that said it leaves: its radios lose their master and their open sessions are closed. */
	void unregisterStreamer(String name, String why) {
		dropStreamer(name, why, false);
	}

	/**
	 * Drops a streamer that went silent or registers again: as {@link #unregisterStreamer}, but its sessions are held
	 * for a while, so the ones it re-announces when it is back go on (a Redis outage cut it off, it did not end them).
	 */
	void loseStreamer(String name, String why) {
		dropStreamer(name, why, true);
	}

	/** Closes the held sessions of lost streamers that were not re-announced in time (at each ping round). */
	void closeExpiredSessions() {
		int closed = this.sessions.closeExpired(this.clock.instant());
		if (closed > 0) {
			log.info(closed + " listening session(s) of lost streamers not re-announced in time: closed");
		}
	}

	private void dropStreamer(String name, String why, boolean hold) {
		Instant now = this.clock.instant();
		int closed = endSessions((session) -> name.equals(session.streamer()), now, hold);
		for (RadioState state : this.store.statesMasteredBy(name)) {
			closed += endSessions((session) -> state.radioUuid().equals(session.radioUuid()), now, hold);
			this.store.saveState(state.withMaster(null));
		}
		this.directory.remove(name);
		// Removed last: once MongoDB no longer lists the streamer, its sessions are closed there too (same queue).
		boolean existed = this.streamers.unregister(name);
		if (existed) {
			log.info("Streamer " + name + " unregistered (" + why + "); " + closed + " listening session(s) "
					+ (hold ? "held until re-announced" : "closed"));
		}
	}

	private int endSessions(java.util.function.Predicate<ListenerSession> which, Instant now, boolean hold) {
		return hold ? this.sessions.holdWhere(which, now) : this.sessions.closeWhere(which, now);
	}

	private void authenticate(UserAuthenticationRequest request) {
		Optional<User> user = Optional.empty();
		if (request.authToken() != null) {
			user = this.store.userByTokenHash(Sha256.hex(request.authToken()));
		}
		else if (request.username() != null && request.apiKey() != null) {
			String hash = Sha256.hex(request.apiKey());
			user = this.store.userByUsername(request.username()).filter((u) -> hash.equals(u.apiKeySha256()));
		}
		this.outbox.send(request.streamer(),
				user.map((u) -> UserAuthenticationResult.accepted(request, u.id(), u.hd()))
					.orElseGet(() -> UserAuthenticationResult.rejected(request)));
	}

	private void playRadio(PlayRadio request) {
		String streamer = request.streamer();
		String radioUuid = request.radioUuid();
		if (!this.streamers.isRegistered(streamer)) {
			this.streamers.register(streamer, this.clock.instant());
		}
		if (this.store.radio(radioUuid).isEmpty()) {
			this.outbox.send(streamer, new RadioUnknown(radioUuid));
			return;
		}
		Optional<RadioState> existing = this.store.state(radioUuid);
		if (existing.isPresent()) {
			String master = existing.get().masterStreamer();
			if (master != null && !master.equals(streamer) && this.streamers.isRegistered(master)) {
				if (!this.directory.isSilentAmongOthers(master)) {
					this.outbox.send(streamer, new RadioExists(radioUuid, master, masterUrl(master, radioUuid)));
					return;
				}
				// The master's load reports stopped while the asker's go on: it died or froze. Sending the asker to
				// relay it would keep the radio silent until the ping rules agree (10 to 15 s); it is lost now, as
				// they would lose it (sessions held until re-announced), and the asker masters the radio.
				loseStreamer(master, "its load reports stopped while " + streamer + "'s go on");
			}
		}
		RadioState state = existing.map((s) -> s.withMaster(streamer))
			.orElseGet(() -> RadioState.started(radioUuid, streamer, this.clock.instant()));
		this.store.saveState(state);
		this.outbox.send(streamer, new RadioStarted(radioUuid));
		if (existing.isEmpty() || this.programme.isBroken(state)) {
			this.store.cancelPending(radioUuid);
			this.programme.prepareNow(radioUuid);
		}
		else {
			this.programme.sendToJoiningStreamer(streamer, state);
		}
	}

	/**
	 * Stops a radio: it is no longer programmed and its sessions are closed, unless another live streamer masters it
	 * (then only the requester's interest ends). Answers {@code radio_stopped} when the radio was programmed.
	 */
	boolean stopRadio(@Nullable String streamer, String radioUuid, boolean reply) {
		Optional<RadioState> state = this.store.state(radioUuid);
		if (state.isEmpty()) {
			return false;
		}
		String master = state.get().masterStreamer();
		boolean otherLiveMaster = streamer != null && master != null && !master.equals(streamer)
				&& this.streamers.isRegistered(master);
		if (!otherLiveMaster) {
			this.store.cancelPending(radioUuid);
			this.sessions.closeWhere((session) -> radioUuid.equals(session.radioUuid()), this.clock.instant());
			this.store.deleteState(radioUuid);
			if (master != null && !master.equals(streamer) && this.streamers.isRegistered(master)) {
				this.outbox.send(master, new RadioStopped(radioUuid));
			}
		}
		if (reply && streamer != null) {
			this.outbox.send(streamer, new RadioStopped(radioUuid));
		}
		return true;
	}

	private void registerListener(RegisterListener request) {
		Optional<RadioState> state = this.store.state(request.radioUuid());
		String master = state.map(RadioState::masterStreamer).orElse(null);
		if (master == null) {
			return;
		}
		// The serving streamer (a relay's listeners are the relay's: they leave with it), else the master.
		String streamer = (request.streamer() != null && this.streamers.isRegistered(request.streamer()))
				? request.streamer() : master;
		if (!this.sessions.open(new ListenerSession(request.sessionId(), request.radioUuid(), request.userId(),
				streamer, this.clock.instant(), null, null, true))) {
			log.debug("Listener session " + request.sessionId() + " already known; register_listener ignored");
		}
	}

	/** The template's URL when set, else the master's reported listen URL (a streamer relays straight from it). */
	private @Nullable String masterUrl(String master, String radioUuid) {
		if (this.masterUrlTemplate == null) {
			String listenUrl = this.directory.listenUrl(master);
			return (listenUrl != null) ? listenUrl + "/radios/" + radioUuid : null;
		}
		return this.masterUrlTemplate.replace("{streamer}", master).replace("{radio_uuid}", radioUuid);
	}

}
