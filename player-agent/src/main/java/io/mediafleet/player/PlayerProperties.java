package io.mediafleet.player;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the player agent, bound from {@code mediafleet.player.*}; every default lives here.
 *
 * @param slaveName Name this slave advises under ({@code src}) and is addressed by ({@code dest}); when unset it is
 * derived from the host name, or random when the host has no usable name
 * @param master Where the simul master's two buses are
 * @param mediaDirectory Directory scanned for the files the master asks about
 * @param command Player program and its arguments; the file to play is appended as the last argument
 * @param readyInterval How often {@code slave-ready} is sent; the master declares a slave gone after 15 s of silence
 * @param maxStartLead Furthest ahead a {@code simul-start} instant ({@code at}) may lie; a later one is refused with
 * {@code simul-notstarted}, because it means the master's clock and this one disagree
 * @param enabled Whether the agent connects to the master at all
 * @param mpvIpc Whether the command is mpv, driven through its JSON IPC socket: loaded paused ahead of the start
 * instant and unpaused at it (precise); when false the command is simply launched at the instant
 * @param secretKey This slave's CURVE secret key (40 characters of Z85, {@code bin/mediafleet keys zmq} makes
 * pairs); its public key, which the master must list, is logged at startup. Required when {@code master.public-key}
 * is set
 * @param http Admission on the actuator's HTTP port
 * @param latencyOffset This member's audio output latency (device, Bluetooth, receiver): every start happens this
 * much before the agreed instant so that the sound comes out at it; reported to the master ({@code latency-ms} in
 * {@code slave-ready}) and shown in its status. 0 to 10 s
 * @param fetch Fetching a simul file this agent lacks from a TSP peer that hosts it
 * @param drift How a playing simul is kept in step with the group
 * @param startCheck How each start's landing is checked against the agreed instant (too far off: started again)
 * and this agent's start lag learned and applied
 */
@ConfigurationProperties("mediafleet.player")
@Validated
public record PlayerProperties(@Nullable @Pattern(regexp = SlaveName.ALLOWED) String slaveName,
		@Valid @DefaultValue Master master, @DefaultValue("media") @NotNull Path mediaDirectory,
		@DefaultValue("mpv") @NotEmpty List<@NotBlank String> command,
		@DefaultValue("5s") @DurationMin(millis = 1) @DurationMax(seconds = 5) Duration readyInterval,
		@DefaultValue("60s") @DurationMin(millis = 0) Duration maxStartLead,
		@DefaultValue("true") boolean enabled, @DefaultValue("true") boolean mpvIpc,
		@Nullable @Pattern(regexp = Z85_KEY) String secretKey, @Valid @DefaultValue Http http,
		@DefaultValue("0ms") @DurationMin(millis = 0) @DurationMax(seconds = 10) Duration latencyOffset,
		@Valid @DefaultValue Fetch fetch, @Valid @DefaultValue Drift drift,
		@Valid @DefaultValue StartCheck startCheck) {

	/**
	 * Checking where a start landed: about 300 ms after the agreed instant mpv's {@code audio-pts} is read a few
	 * times (the readings with the shortest IPC round trips count); a start further off than {@code threshold} is
	 * paused, cued exactly to the group's position at a near instant and unpaused at it, at most
	 * {@code max-restarts} times. Each check also measures the delay between this agent's unpause and its sound,
	 * and the next start unpauses that much early (the median of the last 9, at most {@code max-lead}).
	 *
	 * @param enabled Whether starts are checked and the lag learned
	 * @param threshold Largest start error left alone
	 * @param maxRestarts Restarts of one start at most; 0 measures and learns without restarting
	 * @param maxLead Largest lead applied; longer lags are taken for a descheduled agent and not learned
	 */
	public record StartCheck(@DefaultValue("true") boolean enabled,
			@DefaultValue("3ms") @DurationMin(millis = 0) @DurationMax(seconds = 1) Duration threshold,
			@DefaultValue("4") @Min(0) @Max(5) int maxRestarts,
			@DefaultValue("20ms") @DurationMin(millis = 0) @DurationMax(millis = 500) Duration maxLead) {
	}

	/**
	 * Fetching a simul file the media directory lacks (by the md5 the master gives in {@code simul-file}) from a
	 * TSP peer found through the tracker; md5-verified before it is used. Progress shows in the reason of the
	 * {@code simul-notstarted} the agent repeats, which the master's status carries.
	 *
	 * @param enabled Whether the operator allows this agent to fetch files at all
	 * @param trackerHost The TSP tracker's host
	 * @param trackerPort The TSP tracker's port
	 * @param maxFileBytes Largest file fetched
	 */
	public record Fetch(@DefaultValue("false") boolean enabled, @DefaultValue("localhost") @NotBlank String trackerHost,
			@DefaultValue("7070") @Min(1) @Max(65535) int trackerPort,
			@DefaultValue("2147483647") @Min(1) long maxFileBytes) {
	}

	/**
	 * Drift correction against the agreed start instant on the shared clock: mpv's speed is nudged within
	 * {@code max-speed-adjust}, and a seek happens only past {@code seek-threshold}.
	 *
	 * @param correct Whether drift is corrected; positions are sampled and reported ({@code simul-position}) either
	 * way
	 * @param sampleInterval How often mpv's position is read
	 * @param reportInterval How often the position is reported to the master
	 * @param deadBand Smallest error corrected; the band widens by itself to what the measured reading noise can
	 * tell apart (a learned steady rate error is compensated either way)
	 * @param maxSpeedAdjust Largest departure from normal speed, as a fraction (0.02 = 2 %); mpv resamples, so the
	 * pitch moves with it (0.3 % is 5 cents, 2 % 34 cents): typical nudges are 0.1-0.3 % for about a second
	 * @param correctionHorizon Time over which a correction removes an error (longer when max-speed-adjust caps it)
	 * @param seekThreshold Error above which the player seeks instead of changing speed
	 */
	public record Drift(@DefaultValue("true") boolean correct,
			@DefaultValue("250ms") @DurationMin(millis = 20) @DurationMax(seconds = 10) Duration sampleInterval,
			@DefaultValue("1s") @DurationMin(millis = 0) @DurationMax(seconds = 60) Duration reportInterval,
			@DefaultValue("1ms") @DurationMin(millis = 0) @DurationMax(seconds = 1) Duration deadBand,
			@DefaultValue("0.02") @DecimalMin("0.001") @DecimalMax("0.05") double maxSpeedAdjust,
			@DefaultValue("1s") @DurationMin(millis = 50) @DurationMax(seconds = 60) Duration correctionHorizon,
			@DefaultValue("200ms") @DurationMin(millis = 10) @DurationMax(seconds = 60) Duration seekThreshold) {
	}

	/**
	 * Admission on the actuator's HTTP port before any request is read; timeouts and the port's overall limit are
	 * Boot's {@code server.tomcat.*}.
	 *
	 * @param maxConnectionsPerAddress Open TCP connections one source address may hold on the HTTP port; one beyond
	 * it is closed at accept, before Tomcat allocates anything for it; 0 for no limit
	 */
	public record Http(@DefaultValue("256") @Min(0) int maxConnectionsPerAddress) {
	}

	/** A CURVE key in Z85: 40 characters of the Z85 alphabet (ZeroMQ RFC 32), or empty for "unset". */
	static final String Z85_KEY = "|[0-9a-zA-Z.\\-:+=^!/*?&<>()\\[\\]{}@%$#]{40}";

	public PlayerProperties {
		// Empty counts as unset: compose passes empty variables.
		secretKey = (secretKey == null || secretKey.isBlank()) ? null : secretKey;
		master = master.withoutBlankKey();
		if (master.publicKey() != null && secretKey == null) {
			throw new IllegalArgumentException("mediafleet.player.secret-key is required with "
					+ "mediafleet.player.master.public-key: CURVE needs this slave's own key pair");
		}
	}

	/**
	 * The simul master's buses.
	 *
	 * @param host Master host
	 * @param advisePort Port of the advise bus this slave publishes to
	 * @param commandPort Port of the command bus this slave subscribes to
	 * @param publicKey The master's CURVE public key (Z85): with it both buses are encrypted and the master is
	 * authenticated; without it the slave connects plain, which only a master in plain mode accepts
	 */
	public record Master(@DefaultValue("localhost") @NotBlank String host,
			@DefaultValue("5556") @Min(1) @Max(65535) int advisePort,
			@DefaultValue("5557") @Min(1) @Max(65535) int commandPort,
			@Nullable @Pattern(regexp = Z85_KEY) String publicKey) {

		Master withoutBlankKey() {
			return (this.publicKey != null && this.publicKey.isBlank())
					? new Master(this.host, this.advisePort, this.commandPort, null) : this;
		}
	}

}
