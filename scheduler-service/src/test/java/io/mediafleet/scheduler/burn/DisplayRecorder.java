package io.mediafleet.scheduler.burn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A raw DISPLAY client that records every {@code SLIST} line pushed to it, as {@code uid state}, on its own thread.
 */
final class DisplayRecorder implements AutoCloseable {

	private final RawLineClient client;

	private final List<String> states = new CopyOnWriteArrayList<>();

	private final Thread thread;

	DisplayRecorder(int port, String uid, String token) throws IOException {
		this.client = new RawLineClient(port);
		this.client.read();
		this.client.send("ID\tV1\tDISPLAY\t" + uid);
		this.client.send("AUTH\t" + token);
		this.thread = Thread.ofVirtual().start(this::record);
	}

	private void record() {
		try {
			String message;
			while ((message = this.client.read()) != null) {
				if (message.startsWith("SLIST\r\n")) {
					for (String line : message.substring(7).split("\r\n")) {
						String[] fields = line.split("\t");
						this.states.add(fields[0] + " " + fields[2]);
					}
				}
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	/** The states pushed for burner {@code uid}, in order. */
	List<String> statesOf(String uid) {
		List<String> result = new ArrayList<>();
		for (String entry : this.states) {
			if (entry.startsWith(uid + " ")) {
				result.add(entry.substring(uid.length() + 1));
			}
		}
		return result;
	}

	@Override
	public void close() throws IOException {
		this.client.close();
		this.thread.interrupt();
	}

}
