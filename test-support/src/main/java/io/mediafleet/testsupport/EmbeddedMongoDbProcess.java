package io.mediafleet.testsupport;

/**
 * Runs the embedded MongoDB (mongo-java-server, in-memory backend) as a process of its own, for benchmarks: a real
 * MongoDB is a process of its own too, so the data it holds is not in the heap, nor under the garbage collector, of
 * the service being measured. Prints the connection string ({@code mongodb://127.0.0.1:<port>}) as the first line of
 * standard output, then serves on loopback until the process is stopped.
 */
public final class EmbeddedMongoDbProcess {

	private EmbeddedMongoDbProcess() {
	}

	public static void main(String[] args) throws InterruptedException {
		RunningServer server = EmbeddedServers.mongoDb();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "mongodb-stop"));
		System.out.println(server.url());
		System.out.flush();
		Thread.currentThread().join();
	}

}
