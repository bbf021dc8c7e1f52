/**
 * Test helpers shared by the streamer's test packages: MP3 files made by the real ffmpeg.
 */
@NullMarked
package io.mediafleet.streamer.testing;

import org.jspecify.annotations.NullMarked;
