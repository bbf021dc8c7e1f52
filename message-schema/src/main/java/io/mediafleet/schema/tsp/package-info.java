/**
 * The Torero Streaming Protocol between song tracker and peers: binary frames, their decoder and
 * encoder, and the song-line payloads they carry.
 */
@NullMarked
package io.mediafleet.schema.tsp;

import org.jspecify.annotations.NullMarked;
