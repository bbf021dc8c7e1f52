package io.mediafleet.burner;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the burner agent, bound from {@code mediafleet.burner.*}; every default lives here.
 *
 * @param transport How the agent reaches the master: the WebSocket link or the original TCP text protocol
 * @param link The master/agent link, used when {@code transport} is {@code link}
 * @param tcp The burn farm's TCP endpoint, used when {@code transport} is {@code tcp}
 * @param media Which media the drive burns, announced to the master as {@code BURNCDR} or {@code BURNDVD}
 * @param device The optical drive's device file
 * @param isoDirectory Directory holding the ISO images this burner can burn, found by md5
 * @param uidFile File keeping this burner's 32-hex-digit UID across restarts; created on first start
 * @param statusInterval How often an idle burner reports its drive state
 * @param xorriso The xorriso executable that burns
 * @param capacity What one medium holds; larger images are refused before burning. Unset: 737,280,000 bytes for CD-R,
 * 4,700,372,992 for DVD
 * @param fifoSize xorriso's fifo ({@code fs=}); 64 MB writes a file-backed drive several times faster than the 4 MB
 * default
 * @param md5Cache File caching each image's md5 by size and modification time
 * @param http Admission on the actuator's HTTP port
 */
@ConfigurationProperties("mediafleet.burner")
@Validated
public record BurnerProperties(@DefaultValue("link") @NotNull Transport transport, @Valid @DefaultValue Link link,
		@Valid @DefaultValue Tcp tcp, @DefaultValue("dvd") @NotNull Media media,
		@DefaultValue("/dev/sr0") @NotNull Path device, @DefaultValue("isos") @NotNull Path isoDirectory,
		@DefaultValue("burner.uid") @NotNull Path uidFile,
		@DefaultValue("10s") @DurationMin(millis = 1) Duration statusInterval,
		@DefaultValue("xorriso") @NotBlank String xorriso, @Nullable DataSize capacity,
		@DefaultValue("64MB") @NotNull DataSize fifoSize, @DefaultValue("burner-md5.cache") @NotNull Path md5Cache,
		@Valid @DefaultValue Http http) {

	/**
	 * Admission on the actuator's HTTP port before any request is read; timeouts and the port's overall limit are
	 * Boot's {@code server.tomcat.*}.
	 *
	 * @param maxConnectionsPerAddress Open TCP connections one source address may hold on the HTTP port; one beyond
	 * it is closed at accept, before Tomcat allocates anything for it; 0 for no limit
	 */
	public record Http(@DefaultValue("256") @Min(0) int maxConnectionsPerAddress) {
	}

	/** The medium's capacity in bytes, from {@code capacity} or the media's usual size. */
	public long capacityBytes() {
		if (this.capacity != null) {
			return this.capacity.toBytes();
		}
		return (this.media == Media.CDR) ? 737_280_000L : 4_700_372_992L;
	}

	/** How the agent reaches the master. */
	public enum Transport {

		/** The master/agent link over WebSocket, registering as a slave. */
		LINK,

		/** The original TAB-separated text protocol over TCP. */
		TCP

	}

	/** What the drive burns. */
	public enum Media {

		/** CD-R: the agent identifies as {@code BURNCDR}. */
		CDR,

		/** DVD: the agent identifies as {@code BURNDVD}. */
		DVD

	}

	/**
	 * The master/agent link.
	 *
	 * @param masterUrl WebSocket URL of the master's link endpoint ({@code ws} or {@code wss})
	 * @param token JWT the master issued for this agent; registration fails without one once the master checks
	 * tokens
	 * @param reconnectDelay Pause before reconnecting after the link dropped (doubled after each failure, at most 30 s)
	 * @param slaveId Slave id to register with; unset: derived from the UID
	 * @param name Slave name shown on the master
	 */
	public record Link(@DefaultValue("ws://localhost:8080/api/socket") @NotNull URI masterUrl, @Nullable String token,
			@DefaultValue("2s") @DurationMin(millis = 1) Duration reconnectDelay, @Nullable Long slaveId,
			@DefaultValue("burner") @NotBlank String name) {

		public Link {
			String scheme = (masterUrl != null) ? masterUrl.getScheme() : null;
			if (scheme != null && !scheme.equals("ws") && !scheme.equals("wss")) {
				throw new IllegalArgumentException(
						"mediafleet.burner.link.master-url must be a ws:// or wss:// URL but was " + masterUrl);
			}
			if (masterUrl != null && (scheme == null || masterUrl.getHost() == null)) {
				throw new IllegalArgumentException(
						"mediafleet.burner.link.master-url must name a scheme and host but was " + masterUrl);
			}
		}

	}

	/**
	 * The burn farm's TCP endpoint.
	 *
	 * @param host Master host
	 * @param port Master TCP port
	 * @param token Link JWT of role {@code slave} the master issued ({@code POST /api/admin/link/tokens}), sent with
	 * {@code AUTH} after {@code ID}; from the environment ({@code MEDIAFLEET_BURNER_TCP_TOKEN}) or a config file, never
	 * the command line. Unset: the burner connects anonymously, which a master lets in only where it allows anonymous
	 * burners
	 */
	public record Tcp(@DefaultValue("localhost") @NotBlank String host,
			@DefaultValue("1337") @Min(1) @Max(65535) int port, @Nullable String token) {

		@Override
		public String toString() {
			// Never the token itself: this record ends up in logs and the configprops endpoint's debug output.
			return "Tcp[host=" + this.host + ", port=" + this.port + ", token=" + ((this.token != null) ? "set" : "unset")
					+ "]";
		}

	}

}
