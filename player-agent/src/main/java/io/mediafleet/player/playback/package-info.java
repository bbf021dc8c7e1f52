/**
 * Runs the configured media player (mpv by default) as a child process, one playback at a time.
 */
@NullMarked
package io.mediafleet.player.playback;

import org.jspecify.annotations.NullMarked;
