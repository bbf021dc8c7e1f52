package io.mediafleet.scheduler.burn;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.mediafleet.scheduler.TestMongoClient;
import io.mediafleet.schema.burn.BurnerTransport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code mediafleet.burn.jobs.stranded} gauge counts open jobs that no connected burner can take because none
 * holds their image: it rises when the only burner holding an image goes away and falls when one comes back, and a
 * job waiting for a busy or disc-less burner that holds its image is not stranded.
 */
class StrandedJobsIntegrationTests {

	@RegisterExtension
	static final TestMongoClient mongoClient = new TestMongoClient();

	private static final String UID = "7c1e0b2a9d8f4e6a5b3c2d1e0f9a8b7c";

	private static final String OTHER_UID = "0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d";

	private static final String HASH = "fedcba9876543210fedcba9876543210";

	private MongoTemplate mongo;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@BeforeEach
	void emptyDatabase() {
		this.mongo = mongoClient.freshTemplate("stranded-jobs-tests");
	}

	private BurnFarm farm() {
		return new BurnFarm(new BurnStore(this.mongo), new BurnMetrics(this.registry), Clock.systemUTC(),
				Duration.ofMinutes(1), 100, false);
	}

	private double stranded() {
		return this.registry.get("mediafleet.burn.jobs.stranded").gauge().value();
	}

	@Test
	void aJobIsStrandedWhileNoConnectedBurnerHoldsItsImage() {
		BurnFarm farm = farm();
		assertThat(stranded()).isZero();
		Channel channel = new Channel();
		farm.burnerConnected(UID, "BURNDVD", channel);
		farm.capabilities(UID, List.of(HASH));
		assertThat(farm.queue(HASH, 5, 1)).isPresent();
		assertThat(stranded()).as("its burner holds the image, though it has reported no disc yet").isZero();

		farm.burnerDisconnected(UID, channel);
		assertThat(stranded()).as("the only burner holding the image went away").isEqualTo(1);

		Channel other = new Channel();
		farm.burnerConnected(OTHER_UID, "BURNDVD", other);
		farm.capabilities(OTHER_UID, List.of("00000000000000000000000000000000"));
		assertThat(stranded()).as("a burner without the image cannot take the job").isEqualTo(1);

		Channel again = new Channel();
		farm.burnerConnected(UID, "BURNDVD", again);
		farm.capabilities(UID, List.of(HASH));
		assertThat(stranded()).as("a burner holding the image is back").isZero();
	}

	@Test
	void clearingTheQueueLeavesNoStrandedJob() {
		BurnFarm farm = farm();
		Channel channel = new Channel();
		farm.burnerConnected(UID, "BURNDVD", channel);
		farm.capabilities(UID, List.of(HASH));
		farm.queue(HASH, 5, 2);
		farm.burnerDisconnected(UID, channel);
		assertThat(stranded()).isEqualTo(1);
		assertThat(farm.clearQueue()).isEqualTo(1);
		assertThat(stranded()).isZero();
	}

	@Test
	void aFarmThatStartsWithQueuedJobsAndNoBurnerCountsThemStranded() {
		BurnFarm first = farm();
		Channel channel = new Channel();
		first.burnerConnected(UID, "BURNDVD", channel);
		first.capabilities(UID, List.of(HASH));
		first.queue(HASH, 5, 1);
		first.queue(HASH, 9, 1);
		SimpleMeterRegistry restarted = new SimpleMeterRegistry();
		new BurnFarm(new BurnStore(this.mongo), new BurnMetrics(restarted), Clock.systemUTC(), Duration.ofMinutes(1),
				100, false);
		assertThat(restarted.get("mediafleet.burn.jobs.stranded").gauge().value()).isEqualTo(2);
	}

	private static final class Channel implements BurnerChannel {

		@Override
		public BurnerTransport transport() {
			return BurnerTransport.TCP;
		}

		@Override
		public void burn(String hash) {
		}

		@Override
		public void eject() {
		}

	}

}
