package io.mediafleet.scheduler.burn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The burn spool's file: what a read gives back after appends, rewrites, torn and corrupt records. */
class BurnJournalTests {

	@TempDir
	Path directory;

	private static BurnJournal.Entry job(long id, String status) {
		return new BurnJournal.Entry(BurnStore.JOBS, new Document("_id", id).append("status", status)
			.append("copies", 2)
			.append("queued_at", new Date(1_700_000_000_123L)));
	}

	private static BurnJournal.Entry burner(String uid, long passed) {
		return new BurnJournal.Entry(BurnStore.BURNERS, new Document("_id", uid).append("passed", passed));
	}

	private static List<String> summary(List<BurnJournal.Entry> entries) {
		return entries.stream()
			.map((entry) -> entry.collection() + "/" + entry.id() + "/"
					+ entry.document().get(entry.collection().equals(BurnStore.JOBS) ? "status" : "passed"))
			.toList();
	}

	@Test
	void readGivesTheLatestSnapshotOfEachDocumentInTheOrderOfThoseLatestWrites() throws IOException {
		try (BurnJournal journal = new BurnJournal(this.directory, 1 << 20)) {
			assertThat(journal.append(job(1, "QUEUED"))).isTrue();
			assertThat(journal.append(burner("b1", 0))).isTrue();
			assertThat(journal.append(job(2, "QUEUED"))).isTrue();
			assertThat(journal.append(job(1, "DONE"))).isTrue();
			assertThat(journal.append(burner("b1", 1))).isTrue();
		}
		List<BurnJournal.Entry> read = new BurnJournal(this.directory, 1 << 20).read();
		assertThat(summary(read)).containsExactly("burn_jobs/2/QUEUED", "burn_jobs/1/DONE", "burn_burners/b1/1");
	}

	@Test
	void readKeepsTheDocumentsTypesExactly() throws IOException {
		try (BurnJournal journal = new BurnJournal(this.directory, 1 << 20)) {
			journal.append(job(7, "DONE"));
		}
		Document read = new BurnJournal(this.directory, 1 << 20).read().getFirst().document();
		assertThat(read.get("_id")).isEqualTo(7L);
		assertThat(read.get("copies")).isEqualTo(2);
		assertThat(read.get("queued_at")).isEqualTo(new Date(1_700_000_000_123L));
	}

	@Test
	void aRecordTornByAKillMidWriteIsSkippedAndTheRecordsBeforeItAreRead() throws IOException {
		try (BurnJournal journal = new BurnJournal(this.directory, 1 << 20)) {
			journal.append(job(1, "QUEUED"));
			journal.append(job(2, "QUEUED"));
		}
		Path file = this.directory.resolve(BurnJournal.FILE_NAME);
		byte[] torn = BurnJournal.encode(job(1, "DONE"));
		Files.write(file, Arrays.copyOf(torn, torn.length / 2), StandardOpenOption.APPEND);
		List<BurnJournal.Entry> read = new BurnJournal(this.directory, 1 << 20).read();
		assertThat(summary(read)).containsExactly("burn_jobs/1/QUEUED", "burn_jobs/2/QUEUED");
	}

	@Test
	void anAppendAfterATornTailIsReadWhole() throws IOException {
		Path file = this.directory.resolve(BurnJournal.FILE_NAME);
		byte[] whole = BurnJournal.encode(job(1, "QUEUED"));
		byte[] torn = BurnJournal.encode(job(1, "BURNING"));
		Files.write(file, whole);
		Files.write(file, Arrays.copyOf(torn, torn.length - 5), StandardOpenOption.APPEND);
		try (BurnJournal journal = new BurnJournal(this.directory, 1 << 20)) {
			journal.append(job(1, "DONE"));
		}
		assertThat(summary(new BurnJournal(this.directory, 1 << 20).read())).containsExactly("burn_jobs/1/DONE");
	}

	@Test
	void aCorruptRecordAmongGoodOnesIsSkipped() throws IOException {
		try (BurnJournal journal = new BurnJournal(this.directory, 1 << 20)) {
			journal.append(job(1, "QUEUED"));
			journal.append(job(2, "QUEUED"));
			journal.append(job(3, "QUEUED"));
		}
		Path file = this.directory.resolve(BurnJournal.FILE_NAME);
		String text = Files.readString(file);
		// One flipped character in the second record: its checksum no longer matches.
		int second = text.indexOf('\n') + 1;
		int at = text.indexOf("QUEUED", second);
		Files.writeString(file, text.substring(0, at) + "QUEUEX" + text.substring(at + 6));
		// And plain garbage at the end.
		Files.writeString(file, "not a record at all\n", StandardOpenOption.APPEND);
		assertThat(summary(new BurnJournal(this.directory, 1 << 20).read())).containsExactly("burn_jobs/1/QUEUED",
				"burn_jobs/3/QUEUED");
	}

	@Test
	void aMissingOrEmptiedFileReadsAsNothing() throws IOException {
		assertThat(new BurnJournal(this.directory.resolve("never-made"), 1 << 20).read()).isEmpty();
		try (BurnJournal journal = new BurnJournal(this.directory, 1 << 20)) {
			journal.append(job(1, "QUEUED"));
			journal.truncate();
			assertThat(journal.size()).isZero();
			journal.append(job(2, "DONE"));
		}
		assertThat(summary(new BurnJournal(this.directory, 1 << 20).read())).containsExactly("burn_jobs/2/DONE");
	}

	@Test
	void theFileNeverGrowsBeyondItsBoundAndARewriteKeepsOnlyWhatItIsGiven() throws IOException {
		int record = BurnJournal.encode(job(1, "QUEUED")).length;
		long bound = record * 3L;
		Path file = this.directory.resolve(BurnJournal.FILE_NAME);
		try (BurnJournal journal = new BurnJournal(this.directory, bound)) {
			assertThat(journal.append(job(1, "QUEUED"))).isTrue();
			assertThat(journal.append(job(2, "QUEUED"))).isTrue();
			assertThat(journal.append(job(3, "QUEUED"))).isTrue();
			assertThat(journal.append(job(4, "QUEUED"))).as("a fourth record does not fit").isFalse();
			assertThat(Files.size(file)).isEqualTo(bound);
			// What still waits: 2 and 4 (1 and 3 were taken by MongoDB meanwhile).
			assertThat(journal.rewrite(List.of(job(2, "QUEUED"), job(4, "QUEUED")))).isTrue();
			assertThat(journal.size()).isEqualTo(Files.size(file)).isEqualTo(record * 2L);
			assertThat(journal.append(job(5, "QUEUED"))).isTrue();
			assertThat(journal.rewrite(List.of(job(2, "QUEUED"), job(4, "QUEUED"), job(5, "QUEUED"),
					job(6, "QUEUED"))))
				.as("more than the bound: the file is left as it was")
				.isFalse();
			assertThat(Files.size(file)).isEqualTo(bound);
		}
		assertThat(summary(new BurnJournal(this.directory, bound).read())).containsExactly("burn_jobs/2/QUEUED",
				"burn_jobs/4/QUEUED", "burn_jobs/5/QUEUED");
	}

}
