/**
 * The media directory a player agent serves files from: safe name lookup and md5s cached by size and mtime.
 */
@NullMarked
package io.mediafleet.player.library;

import org.jspecify.annotations.NullMarked;
