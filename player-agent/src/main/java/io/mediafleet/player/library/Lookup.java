package io.mediafleet.player.library;

import java.nio.file.Path;

/**
 * The outcome of looking a file name up in the {@link MediaLibrary}.
 */
public sealed interface Lookup {

	/** The name asked for. */
	String name();

	/**
	 * The file is there.
	 *
	 * @param name the name asked for
	 * @param path the file's real path, inside the media directory
	 * @param md5 its md5, 32 lowercase hex digits
	 * @param timestampSeconds the later of its creation (ctime) and modification time, UTC Unix seconds
	 */
	record Found(String name, Path path, String md5, long timestampSeconds) implements Lookup {
	}

	/**
	 * The name is acceptable but no readable file has it.
	 *
	 * @param name the name asked for
	 * @param reason why, for {@code simul-notstarted}
	 */
	record Missing(String name, String reason) implements Lookup {
	}

	/**
	 * The name is refused (path separator, {@code ..}, outside the directory).
	 *
	 * @param name the name asked for
	 * @param reason why, for {@code simul-notstarted}
	 */
	record Refused(String name, String reason) implements Lookup {
	}

}
