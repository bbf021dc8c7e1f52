package io.mediafleet.httpguard;

import org.apache.coyote.http11.Http11NioProtocol;

/**
 * HTTP/1.1 over NIO with {@link AddressLimitedNioEndpoint}: named as the connector's protocol class, Tomcat creates it
 * by reflection; {@link #setMaxConnectionsPerAddress(int)} switches the limit on.
 */
public final class AddressLimitedNioProtocol extends Http11NioProtocol {

	public AddressLimitedNioProtocol() {
		super(new AddressLimitedNioEndpoint());
	}

	private AddressLimitedNioEndpoint guardedEndpoint() {
		return (AddressLimitedNioEndpoint) getEndpoint();
	}

	/** Open connections one source address may hold; 0 for no limit. */
	public void setMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
		guardedEndpoint().limit((maxConnectionsPerAddress > 0)
				? new OpenConnectionsPerAddress(maxConnectionsPerAddress) : null);
	}

	public int getMaxConnectionsPerAddress() {
		OpenConnectionsPerAddress limit = guardedEndpoint().limit();
		return (limit != null) ? limit.maxPerAddress() : 0;
	}

	/** Called on the acceptor thread for every connection refused at accept. */
	public void onRefused(Runnable onRefused) {
		guardedEndpoint().onRefused(onRefused);
	}

}
