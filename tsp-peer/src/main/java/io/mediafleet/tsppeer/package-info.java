/**
 * A TSP peer in plain Java: announces a song folder to the tracker, serves {@code PLAY} for its own songs and
 * fetches songs from other peers, md5-verified.
 */
@NullMarked
package io.mediafleet.tsppeer;

import org.jspecify.annotations.NullMarked;
