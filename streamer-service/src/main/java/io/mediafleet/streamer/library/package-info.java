/**
 * The media library: the MP3 files of a configured directory, scanned once and looked up safely by name.
 */
@NullMarked
package io.mediafleet.streamer.library;

import org.jspecify.annotations.NullMarked;
