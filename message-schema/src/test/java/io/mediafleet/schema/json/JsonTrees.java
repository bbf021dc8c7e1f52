package io.mediafleet.schema.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test helpers: golden file access and JSON equality that treats {@code 5} and {@code 5.0} as the
 * same number, because JSON writers (the original Python peers among them) differ in how they spell
 * whole numbers.
 */
public final class JsonTrees {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private JsonTrees() {
	}

	public static void assertJsonEquals(String actual, String expected) {
		JsonNode actualTree = MAPPER.readTree(actual);
		JsonNode expectedTree = MAPPER.readTree(expected);
		assertThat(actualTree.equals(JsonTrees::compareNumbersByValue, expectedTree))
			.as("JSON %s equals %s", actual, expected)
			.isTrue();
	}

	public static String resource(String path) {
		try (InputStream in = JsonTrees.class.getResourceAsStream(path)) {
			assertThat(in).as("resource %s", path).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static List<String> fileNames(String directory) {
		URL url = JsonTrees.class.getResource(directory);
		assertThat(url).as("resource directory %s", directory).isNotNull();
		try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int compareNumbersByValue(JsonNode left, JsonNode right) {
		if (left.isNumber() && right.isNumber()) {
			return left.decimalValue().compareTo(right.decimalValue());
		}
		return left.equals(right) ? 0 : 1;
	}

}
