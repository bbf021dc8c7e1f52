package io.mediafleet.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Makes small real ISO images with {@code xorriso -as mkisofs} for the burn farm's tests (scheduler, command line);
 * fails clearly without xorriso.
 */
public final class Isos {

	private Isos() {
	}

	/** An ISO of about {@code payloadBytes} of seeded random data, named {@code name}.iso in {@code directory}. */
	public static Path make(Path directory, String name, int payloadBytes, long seed)
			throws IOException, InterruptedException {
		Path content = Files.createTempDirectory(directory, name + "-content");
		byte[] data = new byte[payloadBytes];
		new Random(seed).nextBytes(data);
		Files.write(content.resolve(name + ".bin"), data);
		Path iso = directory.resolve(name + ".iso");
		Process process;
		try {
			process = new ProcessBuilder("xorriso", "-as", "mkisofs", "-quiet", "-V", name.toUpperCase(), "-o",
					iso.toString(), content.toString())
				.redirectErrorStream(true)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("xorriso is required by the burn tests (apt-get install xorriso): "
					+ ex.getMessage(), ex);
		}
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("xorriso -as mkisofs failed: " + new String(output));
		}
		return iso;
	}

	/** The md5 of a whole file, in lower-case hex: the hash the burn protocol names an image by. */
	public static String md5(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest digest = MessageDigest.getInstance("MD5");
			byte[] buffer = new byte[1 << 16];
			int n;
			while ((n = in.read(buffer)) > 0) {
				digest.update(buffer, 0, n);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
