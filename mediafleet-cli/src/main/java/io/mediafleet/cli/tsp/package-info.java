/**
 * {@code mediafleet tsp ...}: browses the song tracker, plays songs from peers and shares a folder.
 */
@NullMarked
package io.mediafleet.cli.tsp;

import org.jspecify.annotations.NullMarked;
