package io.mediafleet.streamer.library;

import java.io.IOException;

import io.mediafleet.streamer.StreamerProperties;
import io.mediafleet.streamer.mp3.Mp3Parser;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the media library from the configured directory and scans it once at startup.
 */
@Configuration(proxyBeanMethods = false)
final class LibraryConfiguration {

	private static final Log log = LogFactory.getLog(LibraryConfiguration.class);

	@Bean
	MediaLibrary mediaLibrary(StreamerProperties properties) throws IOException {
		StreamerProperties.Stream stream = properties.stream();
		Mp3Parser parser = new Mp3Parser((int) stream.maxFileSize().toBytes(), Mp3Parser.DEFAULT_MAX_TEXT_LENGTH);
		MediaLibrary library = new MediaLibrary(properties.libraryDirectory(), parser, stream.maxLibraryFiles());
		int files = library.scan();
		log.info("Library " + library.root() + ": " + files + " MP3 files, " + library.rejectedFiles() + " left out");
		return library;
	}

}
