package io.mediafleet.streamer.stream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import io.mediafleet.streamer.StreamerProperties;
import io.mediafleet.streamer.library.LibraryEntry;
import io.mediafleet.streamer.library.MediaLibrary;
import io.mediafleet.streamer.mp3.Mp3Audio;
import io.mediafleet.streamer.mp3.Mp3Exception;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Wires the broadcasting side: settings, metrics, the radio hub and how {@code play} file names become audio.
 */
@Configuration(proxyBeanMethods = false)
final class StreamConfiguration {

	@Bean
	StreamSettings streamSettings(StreamerProperties properties) {
		StreamerProperties.Stream stream = properties.stream();
		return new StreamSettings(properties.listenerLimit(), stream.burstSize().toBytes(),
				stream.listenerQueueSize().toBytes(), stream.icyMetaint(), stream.stopLinger(),
				stream.schedulerTimeout(), stream.lateStartTolerance(), stream.fallbackFile(), "Mediafleet streamer",
				stream.writeInterval(), properties.http().maxListenersPerAddress());
	}

	/** Applies the optional per-connection send buffer, so lag shows in the queue instead of kernel memory. */
	@Bean
	TomcatConnectorCustomizer listenerSocketSendBuffer(StreamerProperties properties) {
		DataSize sendBuffer = properties.stream().socketSendBuffer();
		return (connector) -> {
			if (sendBuffer != null) {
				connector.setProperty("socket.txBufSize", Long.toString(sendBuffer.toBytes()));
			}
		};
	}

	/** The dedicated listener port, when {@code mediafleet.streamer.stream.listener-port} is set. */
	@Bean
	@ConditionalOnProperty(prefix = "mediafleet.streamer.stream", name = "listener-port")
	ListenerServer listenerServer(StreamerProperties properties, StreamSettings settings, RadioHub hub,
			SchedulerLink link, StreamMetrics metrics) {
		StreamerProperties.Stream stream = properties.stream();
		DataSize sendBuffer = stream.socketSendBuffer();
		Integer port = stream.listenerPort();
		return new ListenerServer(settings, hub, link, metrics,
				new InetSocketAddress(stream.listenerAddress(), (port != null) ? port : 0), stream.listenerBacklog(),
				(sendBuffer != null) ? (int) sendBuffer.toBytes() : 0, stream.listenerWriteInterval(),
				properties.http().maxHandshakesPerAddress(), stream.effectiveListenerWriteThreads());
	}

	@Bean(destroyMethod = "shutdown")
	HlsRadios hlsRadios(StreamerProperties properties, RadioHub hub, SchedulerLink link, StreamSettings settings) {
		StreamerProperties.Hls hls = properties.hls();
		return new HlsRadios(hub, link, settings, hls.segmentDuration(), hls.playlistSegments(), hls.sessionTimeout());
	}

	/** Publishes the load every {@code listen.report-interval} for the scheduler's listen URL. */
	@Bean
	LoadReporter loadReporter(StreamerProperties properties, RadioHub hub, SchedulerLink link,
			ObjectProvider<ListenerServer> listenerServer, Environment environment) {
		StreamerProperties.Listen listen = properties.listen();
		Supplier<String> url = (listen.url() != null) ? listen::url : () -> {
			ListenerServer server = listenerServer.getIfAvailable();
			int port = (server != null && server.port() > 0) ? server.port()
					: environment.getProperty("local.server.port", Integer.class, 8081);
			return "http://" + (listen.host().isEmpty() ? localHostName() : listen.host()) + ":" + port;
		};
		return new LoadReporter(hub, link, properties.listenerLimit(), url, listen.reportInterval());
	}

	private static String localHostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

	@Bean
	StreamMetrics streamMetrics(MeterRegistry registry) {
		return new StreamMetrics(registry);
	}

	@Bean(destroyMethod = "shutdown")
	RadioHub radioHub(StreamSettings settings, MediaLibrary library, StreamMetrics metrics, MeterRegistry registry,
			SchedulerLink link, ObjectProvider<MissingTrackSource> missingTracks) {
		return new RadioHub(settings,
				libraryLoader(library, settings.fallbackFile(), missingTracks.getIfAvailable()), metrics, registry,
				link);
	}

	/**
	 * Loads {@code play} file names from the library; a file the library lacks is first asked of
	 * {@code missingTracks} (other peers), and only then replaced by the fallback file, if any.
	 */
	static TrackLoader libraryLoader(MediaLibrary library, @Nullable String fallbackFile,
			@Nullable MissingTrackSource missingTracks) {
		TrackLoader direct = (filename) -> load(library, filename);
		TrackLoader fetching = (missingTracks == null) ? direct : (filename) -> {
			try {
				return direct.load(filename);
			}
			catch (TrackLoader.TrackUnavailableException missing) {
				try {
					missingTracks.bring(filename);
				}
				catch (Exception notBrought) {
					throw new TrackLoader.TrackUnavailableException(
							missing.getMessage() + ", and no peer delivered it: " + notBrought.getMessage());
				}
				return direct.load(filename);
			}
		};
		if (fallbackFile == null) {
			return fetching;
		}
		return (filename) -> {
			try {
				return fetching.load(filename);
			}
			catch (TrackLoader.TrackUnavailableException ex) {
				return direct.load(fallbackFile);
			}
		};
	}

	private static TrackLoader.LoadedTrack load(MediaLibrary library, String filename)
			throws TrackLoader.TrackUnavailableException {
		try {
			Optional<Path> file = library.resolve(filename);
			if (file.isEmpty()) {
				throw new TrackLoader.TrackUnavailableException("no such file in the library");
			}
			Mp3Audio audio = library.parser().read(file.get());
			String title = new LibraryEntry(filename, file.get(), 0, "", audio.duration(), audio.title(),
					audio.artist()).displayTitle();
			return new TrackLoader.LoadedTrack(audio, title);
		}
		catch (MediaLibrary.UnsafeNameException | Mp3Exception | IOException ex) {
			throw new TrackLoader.TrackUnavailableException(ex.getMessage());
		}
	}

}
