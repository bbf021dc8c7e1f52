/**
 * A folder of media files indexed by name and by md5, shared by the streamer, the player agent, the TSP peer and
 * the burner agent: safe name resolution, size limits and an md5 cache keyed by size and modification time.
 */
@NullMarked
package io.mediafleet.schema.folder;

import org.jspecify.annotations.NullMarked;
