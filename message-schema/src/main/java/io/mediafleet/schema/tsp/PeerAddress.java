package io.mediafleet.schema.tsp;

/**
 * Where a peer accepts {@code PLAY} requests: {@code host:port}, with an IPv6 address in
 * brackets ({@code [::1]:7000}).
 *
 * @param host host name, IPv4 address or IPv6 address (without brackets)
 * @param port TCP port, 1 to 65535
 */
public record PeerAddress(String host, int port) {

	private static final int MAX_HOST_LENGTH = 253;

	public PeerAddress {
		if (host.isEmpty() || host.length() > MAX_HOST_LENGTH) {
			throw new IllegalArgumentException("host must have 1 to " + MAX_HOST_LENGTH + " characters");
		}
		boolean ipv6 = host.indexOf(':') >= 0;
		for (int i = 0; i < host.length(); i++) {
			char c = host.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
					|| (ipv6 ? (c == ':' || c == '%') : (c == '-' || c == '_'));
			if (!allowed) {
				throw new IllegalArgumentException("host '" + SongLine.shorten(host) + "' contains '" + c + "' at index "
						+ i);
			}
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("port must be 1 to 65535 but was " + port);
		}
	}

	/** Address of a peer. */
	public static PeerAddress of(String host, int port) {
		return new PeerAddress(host, port);
	}

	/**
	 * Reads {@code host:port} or {@code [ipv6]:port}.
	 * @throws IllegalArgumentException saying what is wrong
	 */
	public static PeerAddress parse(String text) {
		int colon = text.lastIndexOf(':');
		if (colon < 0) {
			throw new IllegalArgumentException("address '" + SongLine.shorten(text) + "' has no ':port'");
		}
		String host = text.substring(0, colon);
		if (host.startsWith("[") && host.endsWith("]") && host.length() > 2) {
			host = host.substring(1, host.length() - 1);
			if (host.indexOf(':') < 0) {
				throw new IllegalArgumentException("address '" + SongLine.shorten(text)
						+ "' has brackets around something that is not an IPv6 address");
			}
		}
		else if (host.indexOf(':') >= 0) {
			throw new IllegalArgumentException("address '" + SongLine.shorten(text)
					+ "' needs brackets around its IPv6 host");
		}
		String port = text.substring(colon + 1);
		if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw new IllegalArgumentException("port '" + SongLine.shorten(port) + "' is not a number");
		}
		return new PeerAddress(host, Integer.parseInt(port));
	}

	/** The wire form, {@code host:port} or {@code [ipv6]:port}. */
	@Override
	public String toString() {
		return (this.host.indexOf(':') >= 0) ? "[" + this.host + "]:" + this.port : this.host + ":" + this.port;
	}

}
