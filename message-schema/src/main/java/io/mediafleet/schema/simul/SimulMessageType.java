package io.mediafleet.schema.simul;

import java.util.Map;
import java.util.Optional;

import io.mediafleet.schema.codec.WireCodes;

/**
 * The {@code mtype} vocabulary of simul: each constant owns its hyphenated wire name (the seed's
 * spelling, always emitted), its underscore alias (the later revision's spelling, accepted on
 * decode), the bus it travels on and its record.
 */
public enum SimulMessageType {

	/** See {@link SlaveReady}. */
	SLAVE_READY("slave-ready", "slave_ready", SimulBus.ADVISE, SlaveReady.class),

	/** See {@link SlaveExit}. */
	SLAVE_EXIT("slave-exit", "slave_exit", SimulBus.ADVISE, SlaveExit.class),

	/** See {@link FileStatus}. */
	FILE_STATUS("file-status", "file_status", SimulBus.ADVISE, FileStatus.class),

	/** See {@link SimulStarted}. */
	SIMUL_STARTED("simul-started", "simul_started", SimulBus.ADVISE, SimulStarted.class),

	/** See {@link SimulNotStarted}. */
	SIMUL_NOTSTARTED("simul-notstarted", "simul_notstarted", SimulBus.ADVISE, SimulNotStarted.class),

	/** See {@link SimulPlayCompleted}. */
	SIMUL_PLAYCOMPLETED("simul-playcompleted", "simul_playcompleted", SimulBus.ADVISE, SimulPlayCompleted.class),

	/** See {@link SimulPosition} (extension). */
	SIMUL_POSITION("simul-position", "simul_position", SimulBus.ADVISE, SimulPosition.class),

	/** See {@link SimulFile}. */
	SIMUL_FILE("simul-file", "simul_file", SimulBus.COMMAND, SimulFile.class),

	/** See {@link SimulStart}. */
	SIMUL_START("simul-start", "simul_start", SimulBus.COMMAND, SimulStart.class),

	/** See {@link SimulStop}. */
	SIMUL_STOP("simul-stop", "simul_stop", SimulBus.COMMAND, SimulStop.class),

	/** See {@link SimulPause} (extension). */
	SIMUL_PAUSE("simul-pause", "simul_pause", SimulBus.COMMAND, SimulPause.class),

	/** See {@link SimulResume} (extension). */
	SIMUL_RESUME("simul-resume", "simul_resume", SimulBus.COMMAND, SimulResume.class),

	/** See {@link SimulSeek} (extension). */
	SIMUL_SEEK("simul-seek", "simul_seek", SimulBus.COMMAND, SimulSeek.class);

	private static final Map<String, SimulMessageType> BY_WIRE_NAME = WireCodes.index(values(),
			SimulMessageType::wireName);

	private static final Map<String, SimulMessageType> BY_ALIAS = WireCodes.index(values(), SimulMessageType::alias);

	private static final Map<Class<? extends SimulMessage>, SimulMessageType> BY_CLASS = WireCodes.index(values(),
			SimulMessageType::messageClass);

	private final String wireName;

	private final String alias;

	private final SimulBus bus;

	private final Class<? extends SimulMessage> messageClass;

	SimulMessageType(String wireName, String alias, SimulBus bus, Class<? extends SimulMessage> messageClass) {
		this.wireName = wireName;
		this.alias = alias;
		this.bus = bus;
		this.messageClass = messageClass;
	}

	/** The hyphenated name, as the seed spells it; the encoder always writes this one. */
	public String wireName() {
		return this.wireName;
	}

	/** The underscore spelling of the later revision, accepted on decode only. */
	public String alias() {
		return this.alias;
	}

	/** The bus this message travels on. */
	public SimulBus bus() {
		return this.bus;
	}

	/** The record of this message type. */
	public Class<? extends SimulMessage> messageClass() {
		return this.messageClass;
	}

	/** The type whose wire name or alias is {@code mtype}, if any. */
	public static Optional<SimulMessageType> find(String mtype) {
		SimulMessageType type = BY_WIRE_NAME.get(mtype);
		return Optional.ofNullable((type != null) ? type : BY_ALIAS.get(mtype));
	}

	/**
	 * The type whose wire name or alias is {@code mtype}.
	 * @throws SimulCodecException if there is none
	 */
	public static SimulMessageType fromWire(String mtype) {
		return find(mtype).orElseThrow(() -> new SimulCodecException("unknown mtype '" + mtype + "'"));
	}

	/** The type of {@code message}. */
	public static SimulMessageType of(SimulMessage message) {
		return ofClass(message.getClass());
	}

	static SimulMessageType ofClass(Class<?> messageClass) {
		SimulMessageType type = BY_CLASS.get(messageClass);
		if (type == null) {
			throw new IllegalStateException(messageClass.getName() + " has no SimulMessageType");
		}
		return type;
	}

}
