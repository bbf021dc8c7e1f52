/**
 * The suite's command line for people: {@code mediafleet tsp ...} browses the song tracker, plays songs from
 * peers and shares a folder.
 */
@NullMarked
package io.mediafleet.cli;

import org.jspecify.annotations.NullMarked;
