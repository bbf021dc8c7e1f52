package io.mediafleet.scheduler.console;

import java.io.StringWriter;
import java.time.Instant;

import io.mediafleet.scheduler.radio.ListenerSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListeningCsvTests {

	@Test
	void plainFieldsAreWrittenAsTheyAre() {
		assertThat(ListeningCsv.field("Radio One")).isEqualTo("Radio One");
		assertThat(ListeningCsv.field(null)).isEmpty();
		assertThat(ListeningCsv.field("")).isEmpty();
	}

	@Test
	void fieldsWithACommaQuoteOrLineBreakAreQuotedWithQuotesDoubled() {
		assertThat(ListeningCsv.field("Rock, Pop")).isEqualTo("\"Rock, Pop\"");
		assertThat(ListeningCsv.field("The \"Best\" Radio")).isEqualTo("\"The \"\"Best\"\" Radio\"");
		assertThat(ListeningCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
		assertThat(ListeningCsv.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
	}

	@Test
	void aFieldASpreadsheetWouldRunAsAFormulaIsDefused() {
		assertThat(ListeningCsv.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
		assertThat(ListeningCsv.field("+1")).isEqualTo("'+1");
		assertThat(ListeningCsv.field("-1")).isEqualTo("'-1");
		assertThat(ListeningCsv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
	}

	@Test
	void aRowHoldsEveryColumnOfTheHeaderInOrder() throws Exception {
		ListenerSession closed = new ListenerSession("s-1", "uuid-1", "user,7", "streamer-a",
				Instant.parse("2026-12-06T10:00:00Z"), Instant.parse("2026-12-06T10:01:30.250Z"), 90.25, false);
		ListenerSession open = new ListenerSession("s-2", "uuid-1", null, "streamer-a", Instant.parse("2026-12-06T10:05:00Z"),
				null, null, true);
		StringWriter out = new StringWriter();
		ListeningCsv.line(out, ListeningCsv.HEADER);
		ListeningCsv.line(out, ListeningCsv.row(closed, "Jazz \"FM\""));
		ListeningCsv.line(out, ListeningCsv.row(open, null));
		assertThat(out.toString()).isEqualTo(ListeningCsv.HEADER + "\r\n"
				+ "s-1,uuid-1,\"Jazz \"\"FM\"\"\",\"user,7\",streamer-a,2026-12-06T10:00:00Z,2026-12-06T10:01:30.250Z,90.250,false\r\n"
				+ "s-2,uuid-1,,,streamer-a,2026-12-06T10:05:00Z,,,true\r\n");
		assertThat(ListeningCsv.HEADER.split(",")).hasSize(9);
	}

}
