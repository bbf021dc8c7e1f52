/**
 * Broadcasts radios to HTTP listeners: real-time pacing from MP3 frame headers, fan-out, ICY metadata, Icecast status.
 */
@NullMarked
package io.mediafleet.streamer.stream;

import org.jspecify.annotations.NullMarked;
