/**
 * HTTP Live Streaming of a radio as MP3 packed audio: cutting the radio's frames into segments with ID3 timestamps
 * and titles, the sliding window of segments, the playlists, and the table of HLS listener sessions; no sockets, no
 * Spring.
 */
@NullMarked
package io.mediafleet.streamer.hls;

import org.jspecify.annotations.NullMarked;
