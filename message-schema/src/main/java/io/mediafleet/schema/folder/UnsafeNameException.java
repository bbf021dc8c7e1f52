package io.mediafleet.schema.folder;

/**
 * A file name that could reach outside its {@link MediaFolder} (absolute, {@code ..}, a separator where none is
 * allowed, control characters, a symbolic link leading out) and is therefore refused.
 */
public final class UnsafeNameException extends Exception {

	private static final long serialVersionUID = 1L;

	private final String reason;

	UnsafeNameException(String name, String reason) {
		super("file name '" + printable(name) + "' refused: " + reason);
		this.reason = reason;
	}

	/** Why, without the name: e.g. {@code contains a path separator}. */
	public String reason() {
		return this.reason;
	}

	private static String printable(String name) {
		String cut = (name.length() > 80) ? name.substring(0, 80) + "..." : name;
		return cut.replaceAll("\\p{Cntrl}", "?");
	}

}
