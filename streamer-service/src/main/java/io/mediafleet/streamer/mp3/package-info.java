/**
 * Reads MPEG audio layer III files without decoding them: frame headers, ID3 tags, VBR headers, duration and seeking.
 */
@NullMarked
package io.mediafleet.streamer.mp3;

import org.jspecify.annotations.NullMarked;
