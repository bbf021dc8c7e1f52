import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.mediafleet.burner.burn.BurnEngine;
import io.mediafleet.burner.burn.BurnReporter;
import io.mediafleet.burner.burn.IsoLibrary;

/**
 * Burn + verify throughput of the burner agent's engine (the exact code the agent runs) on one image to a stdio:
 * drive. Usage: java -cp <burner-agent classes and dependencies> BurnBench.java <image.iso> <drive file> [fifo MB]
 */
public class BurnBench {

	public static void main(String[] args) throws Exception {
		Path iso = Path.of(args[0]).toAbsolutePath();
		Path drive = Path.of(args[1]).toAbsolutePath();
		long fifo = ((args.length > 2) ? Long.parseLong(args[2]) : 64) << 20;
		IsoLibrary library = new IsoLibrary(iso.getParent(), Files.createTempFile("bench", ".md5cache"));
		long hashStart = System.nanoTime();
		String hash = library.scan().stream().filter((i) -> i.path().equals(iso)).findFirst().orElseThrow().hash();
		System.out.printf("md5 of the image (first scan, not counted): %.1f s%n", (System.nanoTime() - hashStart) / 1e9);
		BurnEngine engine = new BurnEngine(new BurnEngine.Settings("xorriso", drive, Long.MAX_VALUE, fifo), library);
		CountDownLatch done = new CountDownLatch(1);
		long[] completedAt = new long[1];
		boolean[] passed = new boolean[1];
		BurnReporter reporter = new BurnReporter() {
			public void progress(String h, int percent) {
			}
			public void completed(String h, Duration burnTime) {
				completedAt[0] = System.nanoTime();
			}
			public void verified(String h, boolean ok) {
				passed[0] = ok;
				done.countDown();
			}
			public void error(String code, String text) {
				System.out.println("ERROR " + code + " " + text);
				done.countDown();
			}
			public void idle(String state) {
			}
		};
		long start = System.nanoTime();
		engine.burn(hash, () -> reporter);
		done.await(30, TimeUnit.MINUTES);
		long end = System.nanoTime();
		double mb = Files.size(iso) / 1e6;
		System.out.printf("agent burn:        %.1f MB/s%n", mb / ((completedAt[0] - start) / 1e9));
		System.out.printf("agent verify:      %.1f MB/s%n", mb / ((end - completedAt[0]) / 1e9));
		System.out.printf("agent burn+verify: %.1f MB/s (%s)%n", mb / ((end - start) / 1e9), passed[0] ? "PASS" : "FAIL");
	}

}
