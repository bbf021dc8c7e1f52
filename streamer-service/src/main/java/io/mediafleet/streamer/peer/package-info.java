/**
 * The streamer as a TSP peer: announces its library to the tracker, serves {@code PLAY} of its own files, and
 * fetches songs it lacks from other peers.
 */
@NullMarked
package io.mediafleet.streamer.peer;

import org.jspecify.annotations.NullMarked;
