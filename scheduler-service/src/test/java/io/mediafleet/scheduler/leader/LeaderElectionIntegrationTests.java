package io.mediafleet.scheduler.leader;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.mediafleet.scheduler.TestMongoClient;
import io.mediafleet.testsupport.TestMongoDb;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The leader lease and election against a real MongoDB wire server (test-support), with short leases and
 * Awaitility: no assertion on elapsed time.
 */
class LeaderElectionIntegrationTests {

	// Short enough to keep the tests quick, long enough that a stalled thread on a loaded machine does not lose it.
	private static final Duration LEASE = Duration.ofSeconds(3);

	private static final Duration RENEW = Duration.ofMillis(300);

	@RegisterExtension
	static final TestMongoClient mongoClient = new TestMongoClient();

	private MongoCollection<Document> collection;

	@BeforeEach
	void freshCollection() {
		this.collection = mongoClient.client().getDatabase("leader-tests").getCollection("lease-" + UUID.randomUUID());
	}

	private LeaderLease lease(String holder) {
		return new LeaderLease(this.collection, holder, LEASE, Clock.systemUTC());
	}

	private LeaderElection election(String holder, AtomicReference<String> lostReason) {
		return new LeaderElection(lease(holder), LEASE, RENEW, Clock.systemUTC(), lostReason::set);
	}

	@Test
	void ofTwoCandidatesOnlyOneHoldsTheLeaseAndItCanRenew() {
		LeaderLease first = lease("first");
		LeaderLease second = lease("second");
		assertThat(first.acquire()).isNotNull();
		assertThat(second.acquire()).isNull();
		assertThat(first.acquire()).isNotNull();
		assertThat(second.acquire()).isNull();
		assertThat(first.current().holder()).isEqualTo("first");
	}

	@Test
	void aStandbyTakesOverOnceTheWinnerStopsRenewing() throws Exception {
		LeaderLease crashed = new LeaderLease(this.collection, "crashed", Duration.ofSeconds(5), Clock.systemUTC());
		Instant until = crashed.acquire();
		assertThat(until).isNotNull();
		AtomicReference<String> lost = new AtomicReference<>();
		try (LeaderElection standby = election("standby", lost)) {
			CompletableFuture<Void> won = CompletableFuture.runAsync(() -> {
				try {
					standby.awaitLeadership();
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			});
			// While the winner's lease runs, the standby keeps waiting.
			assertThat(standby.isLeader()).isFalse();
			assertThat(crashed.current().holder()).isEqualTo("crashed");
			await().atMost(Duration.ofSeconds(30)).until(won::isDone);
			won.join();
			assertThat(standby.isLeader()).isTrue();
			assertThat(crashed.current().holder()).isEqualTo("standby");
			assertThat(crashed.current().expiresAt()).isAfter(until);
			// The crashed instance cannot come back while the standby renews.
			assertThat(crashed.acquire()).isNull();
			assertThat(lost.get()).isNull();
		}
	}

	@Test
	void aLeaderWhoseLeaseWasTakenReportsTheLossOnce() throws Exception {
		AtomicReference<String> lost = new AtomicReference<>();
		try (LeaderElection leader = election("leader", lost)) {
			leader.awaitLeadership();
			assertThat(leader.isLeader()).isTrue();
			// Another instance got the lease (e.g. after a long GC pause of ours made it expire).
			this.collection.updateOne(Filters.eq("_id", LeaderLease.ID),
					Updates.combine(Updates.set("holder", "usurper"),
							Updates.set("expiresAt", Date.from(Instant.now().plusSeconds(60)))));
			await().atMost(Duration.ofSeconds(30)).until(() -> lost.get() != null);
			assertThat(lost.get()).contains("taken by usurper");
			assertThat(leader.isLeader()).isFalse();
		}
		assertThat(lease("x").current().holder()).isEqualTo("usurper");
	}

	@Test
	void aLeaderThatCannotReachMongoDbReportsTheLossWhenItsLeaseRunsOut() throws Exception {
		AtomicReference<String> lost = new AtomicReference<>();
		MongoClient doomed = MongoClients.create(TestMongoDb.uri());
		MongoCollection<Document> own = doomed.getDatabase("leader-tests").getCollection(this.collection.getNamespace()
			.getCollectionName());
		try (LeaderElection leader = new LeaderElection(new LeaderLease(own, "cut-off", LEASE, Clock.systemUTC()), LEASE,
				RENEW, Clock.systemUTC(), lost::set)) {
			leader.awaitLeadership();
			doomed.close();
			await().atMost(Duration.ofSeconds(30)).until(() -> lost.get() != null);
			assertThat(lost.get()).contains("ran out before it could be renewed");
			assertThat(leader.isLeader()).isFalse();
		}
	}

	@Test
	void closingTheLeaderReleasesTheLeaseForAStandby() throws Exception {
		AtomicReference<String> lost = new AtomicReference<>();
		LeaderLease standby = lease("standby");
		try (LeaderElection leader = election("leader", lost)) {
			leader.awaitLeadership();
			assertThat(standby.acquire()).isNull();
		}
		assertThat(standby.acquire()).isNotNull();
		assertThat(lost.get()).isNull();
	}

	@Test
	void aLeaseShorterThanTwoRenewalsIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LeaderElection(lease("a"), Duration.ofSeconds(5), Duration.ofSeconds(3),
					Clock.systemUTC(), (reason) -> {
					}))
			.withMessageContaining("at least twice the renew interval");
	}

}
