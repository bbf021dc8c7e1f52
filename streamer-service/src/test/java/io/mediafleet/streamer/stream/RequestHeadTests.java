package io.mediafleet.streamer.stream;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;

class RequestHeadTests {

	@Test
	void listenerRequestGivesPathParametersAndHeaders() {
		byte[] bytes = ("GET /radios/demo.mp3?username=ann&api_key=k%2Bann+1&flag HTTP/1.1\r\n"
				+ "Host: x\r\nIcy-MetaData: 1\r\nX-API-KEY:  spaced \r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		RequestHead head = RequestHead.parse(bytes, RequestHead.endOfHead(bytes, bytes.length));
		assertThat(head.method()).isEqualTo("GET");
		assertThat(head.path()).isEqualTo("/radios/demo.mp3");
		assertThat(head.parameter("username")).isEqualTo("ann");
		assertThat(head.parameter("api_key")).as("form encoding: %2B is a plus, + a space").isEqualTo("k+ann 1");
		assertThat(head.parameter("flag")).isEmpty();
		assertThat(head.header("icy-metadata")).isEqualTo("1");
		assertThat(head.header("X-Api-Key")).isEqualTo("spaced");
		assertThat(head.header("Authorization")).isNull();
	}

	@Test
	void endOfHeadIsFoundOnlyOnceTheBlankLineArrived() {
		byte[] bytes = "GET / HTTP/1.0\r\nA: b\r\n\r\nrest".getBytes(StandardCharsets.ISO_8859_1);
		for (int length = 0; length < 24; length++) {
			assertThat(RequestHead.endOfHead(bytes, length)).as("after %d bytes", length).isEqualTo(-1);
		}
		assertThat(RequestHead.endOfHead(bytes, 24)).isEqualTo(24);
		assertThat(RequestHead.endOfHead("GET / HTTP/1.0\n\n".getBytes(StandardCharsets.ISO_8859_1), 16)).isEqualTo(16);
	}

	@Test
	void malformedRequestsAreRefusedSayingWhy() {
		assertThatExceptionOfType(RequestHead.BadRequestException.class).isThrownBy(() -> parse("HELLO\r\n\r\n"))
			.withMessageContaining("request line");
		for (String blank : new String[] { "", "\n\n", "\r\n\r\n", "\n" }) {
			assertThatExceptionOfType(RequestHead.BadRequestException.class).isThrownBy(() -> parse(blank))
				.withMessageContaining("request line");
		}
		assertThatExceptionOfType(RequestHead.BadRequestException.class)
			.isThrownBy(() -> parse("GET /radios/a?x=%zz HTTP/1.1\r\n\r\n"))
			.withMessageContaining("percent-encoding");
		assertThatExceptionOfType(RequestHead.BadRequestException.class)
			.isThrownBy(() -> parse("GET / HTTP/1.1\r\nno colon\r\n\r\n"))
			.withMessageContaining("header line 1");
		assertThatExceptionOfType(RequestHead.BadRequestException.class)
			.isThrownBy(() -> parse("GET / HTTP/1.1\r\n" + "A: b\r\n".repeat(RequestHead.MAX_HEADERS + 1) + "\r\n"))
			.withMessageContaining("header lines");
	}

	@Property(tries = 1000)
	void anyBytesGiveAHeadOrABadRequest(@ForAll byte[] bytes) {
		try {
			int end = RequestHead.endOfHead(bytes, bytes.length);
			RequestHead.parse(bytes, (end < 0) ? bytes.length : end);
		}
		catch (RequestHead.BadRequestException ex) {
			// expected for most inputs
		}
		catch (Throwable other) {
			fail("unexpected " + other);
		}
	}

	private static RequestHead parse(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
		return RequestHead.parse(bytes, bytes.length);
	}

}
