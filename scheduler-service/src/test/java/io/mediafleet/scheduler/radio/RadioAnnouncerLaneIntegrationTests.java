package io.mediafleet.scheduler.radio;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.mongodb.client.MongoCollection;
import io.mediafleet.scheduler.TestMongoClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The write-behind's announcer lane: plays whose commit is already in MongoDB pass the commits queued after it, and
 * messages still leave in the order the loop sent them. Real MongoDB; a gate holds radio document writes.
 */
class RadioAnnouncerLaneIntegrationTests {

	private static final Instant T0 = Instant.parse("2026-11-20T23:00:00Z");

	@RegisterExtension
	static final TestMongoClient mongoClient = new TestMongoClient();

	private final CountDownLatch writing = new CountDownLatch(1);

	private final CountDownLatch releaseWrites = new CountDownLatch(1);

	private volatile boolean gated;

	private MongoTemplate mongo;

	private RadioWriteBehind writer;

	private final List<String> published = new CopyOnWriteArrayList<>();

	@BeforeEach
	void setUp() {
		mongoClient.freshTemplate("radio-announcer");
		this.mongo = new MongoTemplate(mongoClient.client(), "radio-announcer") {
			@Override
			public MongoCollection<Document> getCollection(String name) {
				if (RadioAnnouncerLaneIntegrationTests.this.gated && RadioState.COLLECTION.equals(name)) {
					RadioAnnouncerLaneIntegrationTests.this.writing.countDown();
					awaitLatch(RadioAnnouncerLaneIntegrationTests.this.releaseWrites);
				}
				return super.getCollection(name);
			}
		};
		this.writer = new RadioWriteBehind(this.mongo, new RadioMetrics(new SimpleMeterRegistry()), 100, 100);
		this.writer.start();
	}

	@AfterEach
	void tearDown() {
		this.releaseWrites.countDown();
		this.writer.stop(Duration.ofSeconds(10));
	}

	private static ProgrammingWrites radio(String radioUuid) {
		ProgrammingWrites writes = new ProgrammingWrites();
		writes.radio(radioUuid,
				Optional.of(new StoredRadio(RadioState.started(radioUuid, "paris-1", T0), List.of(), List.of())));
		return writes;
	}

	private Consumer<List<byte[][]>> recorder() {
		return (messages) -> {
			for (byte[][] message : messages) {
				this.published.add(new String(message[1], StandardCharsets.UTF_8));
			}
		};
	}

	private static List<byte[][]> message(String text) {
		return List.<byte[][]>of(new byte[][] { new byte[0], text.getBytes(StandardCharsets.UTF_8) });
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void aPlayWhoseCommitIsWrittenLeavesWhileLaterCommitsAreStillBeingWritten() {
		long first = this.writer.commit(radio("r1"));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.writer.isWritten(first));
		this.gated = true;
		long second = this.writer.commit(radio("r2"));
		awaitLatch(this.writing);
		assertThat(this.writer.isWritten(second)).isFalse();
		this.writer.publishAnnounced(recorder(), message("play-r1"), null);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.published.contains("play-r1"));
		assertThat(this.writer.isWritten(second)).as("r2 is still being written").isFalse();
		this.releaseWrites.countDown();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.writer.isWritten(second));
	}

	@Test
	void aPlayWhoseCommitIsWrittenNeverPassesAMessageSentBeforeIt() throws Exception {
		this.gated = true;
		this.writer.commit(radio("r1"));
		this.writer.publish(recorder(), message("radio_started-r1"), null);
		awaitLatch(this.writing);
		this.writer.publishAnnounced(recorder(), message("play-r2"), null);
		// Given time to overtake, it must not.
		CountDownLatch marker = new CountDownLatch(1);
		this.writer.publishUnordered((messages) -> marker.countDown(), message("ping"));
		assertThat(marker.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(this.published).isEmpty();
		this.releaseWrites.countDown();
		this.writer.barrier().get(30, TimeUnit.SECONDS);
		assertThat(this.published).containsExactly("radio_started-r1", "play-r2");
	}

	@Test
	void aMessageSentAfterAPlayWhoseCommitIsWrittenLeavesAfterIt() throws Exception {
		CountDownLatch announcing = new CountDownLatch(1);
		CountDownLatch releaseAnnounce = new CountDownLatch(1);
		this.writer.publishAnnounced((messages) -> {
			announcing.countDown();
			awaitLatch(releaseAnnounce);
			recorder().accept(messages);
		}, message("play-r1"), null);
		awaitLatch(announcing);
		this.writer.commit(radio("r1"));
		this.writer.publish(recorder(), message("radio_stopped-r1"), null);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.writer.isWritten(1));
		assertThat(this.published).as("waits for the play before it").isEmpty();
		releaseAnnounce.countDown();
		this.writer.barrier().get(30, TimeUnit.SECONDS);
		assertThat(this.published).containsExactly("play-r1", "radio_stopped-r1");
	}

	@Test
	void messagesOfBothLanesQueuedInTurnLeaveInTurnWithoutWaitingForEachOther() throws Exception {
		this.gated = true;
		this.writer.commit(radio("r1"));
		awaitLatch(this.writing);
		// Queued while the committer is busy, so its two messages reach it together, with one sender (as the
		// outbox's), which would let them share a pipeline.
		Consumer<List<byte[][]>> sender = recorder();
		this.writer.publish(sender, message("radio_exists-r1"), null);
		this.writer.publishAnnounced(sender, message("play-r2"), null);
		this.writer.publish(sender, message("radio_stopped-r1"), null);
		this.releaseWrites.countDown();
		this.writer.barrier().get(30, TimeUnit.SECONDS);
		assertThat(this.published).containsExactly("radio_exists-r1", "play-r2", "radio_stopped-r1");
	}

}
