import java.lang.reflect.Method;

/**
 * Starts the test servers the suite's tests use (embedded Redis and mongo-java-server, from test-support) for the
 * console benchmark, prints {@code REDIS <url>} and {@code MONGODB <url>}, and serves until stopped. The factory is
 * package-private test support, so it is reached by reflection rather than widened for a benchmark.
 */
public final class BenchServers {

	public static void main(String[] args) throws Exception {
		Class<?> servers = Class.forName("io.mediafleet.testsupport.EmbeddedServers");
		Object redis = call(servers, "redis");
		Object mongoDb = call(servers, "mongoDb");
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stop(redis);
			stop(mongoDb);
		}, "bench-servers-stop"));
		System.out.println("REDIS " + url(redis));
		System.out.println("MONGODB " + url(mongoDb));
		System.out.flush();
		Thread.currentThread().join();
	}

	private static Object call(Class<?> type, String name) throws Exception {
		Method method = type.getDeclaredMethod(name);
		method.setAccessible(true);
		return method.invoke(null);
	}

	private static String url(Object server) {
		try {
			Method url = server.getClass().getDeclaredMethod("url");
			url.setAccessible(true);
			return (String) url.invoke(server);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void stop(Object server) {
		try {
			Method stop = server.getClass().getDeclaredMethod("stop");
			stop.setAccessible(true);
			stop.invoke(server);
		}
		catch (ReflectiveOperationException ex) {
			// Stopping anyway.
		}
	}

}
