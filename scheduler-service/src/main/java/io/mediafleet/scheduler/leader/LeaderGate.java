package io.mediafleet.scheduler.leader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.mediafleet.scheduler.SchedulerProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Holds the scheduler's start until this instance is the leader: once Spring Boot has read the configuration and
 * before the application context exists, it waits for the {@link LeaderLease} in MongoDB (plain driver), serving
 * {@link StandbyHealthServer} on the HTTP port meanwhile; then the application starts while the lease is renewed in
 * the background. Losing the lease halts the process at once (exit code {@value #EXIT_LEASE_LOST}), without the
 * graceful shutdown, so two schedulers are never active together; the orchestrator restarts it as a standby.
 * <p>
 * With {@code mediafleet.scheduler.leader.enabled=false} (the default) it does nothing.
 */
public final class LeaderGate implements ApplicationListener<ApplicationEvent>, AutoCloseable {

	private static final Log log = LogFactory.getLog(LeaderGate.class);

	/** Exit code of a scheduler that lost its lease. */
	public static final int EXIT_LEASE_LOST = 3;

	private final Consumer<String> onLost;

	private final IntConsumer standbyPort;

	private final Clock clock;

	private volatile @Nullable LeaderElection election;

	private @Nullable MongoClient client;

	LeaderGate(Consumer<String> onLost, IntConsumer standbyPort, Clock clock) {
		this.onLost = onLost;
		this.standbyPort = standbyPort;
		this.clock = clock;
	}

	/** Gates {@code application} on the leader lease when {@code mediafleet.scheduler.leader.enabled} is true. */
	public static void install(SpringApplication application) {
		application.addListeners(new LeaderGate(LeaderGate::halt, (port) -> {
		}, Clock.systemUTC()));
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			try {
				awaitLeadership(prepared.getEnvironment());
				if (this.election != null) {
					// Runs once the application contexts are closed, never while this one still serves: the standby
					// then takes over at its next try instead of waiting for the lease to run out.
					SpringApplication.getShutdownHandlers().add(this::close);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while standing by for the scheduler lease", ex);
			}
		}
		else if (event instanceof ApplicationPreparedEvent prepared && this.election != null) {
			LeaderElection won = this.election;
			prepared.getApplicationContext().getBeanFactory().registerSingleton("leaderLeaseMetrics", metrics(won));
		}
	}

	/**
	 * Returns at once when leader election is disabled; otherwise blocks, serving the standby health endpoints,
	 * until this instance holds the lease.
	 */
	void awaitLeadership(ConfigurableEnvironment environment) throws InterruptedException {
		SchedulerProperties.Leader settings = Binder.get(environment)
			.bindOrCreate("mediafleet.scheduler.leader", SchedulerProperties.Leader.class);
		if (!settings.enabled()) {
			return;
		}
		String holder = settings.holderId().isBlank() ? defaultHolderId() : settings.holderId();
		MongoCollection<Document> collection = collection(environment, settings);
		LeaderElection candidate = new LeaderElection(
				new LeaderLease(collection, holder, settings.leaseDuration(), this.clock), settings.leaseDuration(),
				settings.renewInterval(), this.clock, this::lost);
		InetSocketAddress address = healthAddress(environment);
		try (StandbyHealthServer health = StandbyHealthServer.start(address)) {
			this.standbyPort.accept(health.port());
			log.info("Scheduler " + holder + " waiting for the leader lease (standby health on port " + health.port()
					+ ")");
			candidate.awaitLeadership();
		}
		catch (IOException ex) {
			candidate.close();
			throw new UncheckedIOException("Could not serve the standby health endpoints on " + address, ex);
		}
		this.election = candidate;
		log.info("Scheduler " + holder + " holds the leader lease (" + settings.leaseDuration() + ", renewed every "
				+ settings.renewInterval() + "); starting");
	}

	/** Whether this instance won the lease and still holds it. */
	boolean isLeader() {
		LeaderElection won = this.election;
		return won != null && won.isLeader();
	}

	private void lost(String reason) {
		log.error("Lost leadership: " + reason + ". Stopping at once so that only one scheduler is active.");
		this.onLost.accept(reason);
	}

	private MongoCollection<Document> collection(ConfigurableEnvironment environment,
			SchedulerProperties.Leader settings) {
		ConnectionString uri = new ConnectionString(
				environment.getProperty("spring.mongodb.uri", "mongodb://localhost/test"));
		String database = environment.getProperty("spring.mongodb.database");
		if (database == null || database.isBlank()) {
			database = (uri.getDatabase() != null) ? uri.getDatabase() : "test";
		}
		long timeoutMs = settings.renewInterval().toMillis();
		MongoClient mongo = MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(uri)
			.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(timeoutMs, TimeUnit.MILLISECONDS))
			.applyToSocketSettings((socket) -> socket.connectTimeout((int) timeoutMs, TimeUnit.MILLISECONDS)
				.readTimeout((int) timeoutMs, TimeUnit.MILLISECONDS))
			.build());
		this.client = mongo;
		// Majority writes on the primary: a lease a failover could roll back would allow two leaders.
		return mongo.getDatabase(database)
			.getCollection(settings.collection())
			.withWriteConcern(WriteConcern.MAJORITY)
			.withReadPreference(ReadPreference.primary());
	}

	private static InetSocketAddress healthAddress(ConfigurableEnvironment environment) {
		Integer management = environment.getProperty("management.server.port", Integer.class);
		int port = (management != null && management >= 0) ? management
				: environment.getProperty("server.port", Integer.class, 8080);
		String host = environment.getProperty("management.server.address",
				environment.getProperty("server.address", "0.0.0.0"));
		return new InetSocketAddress(host, port);
	}

	private static String defaultHolderId() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "scheduler";
		}
		byte[] suffix = new byte[3];
		ThreadLocalRandom.current().nextBytes(suffix);
		return host + "-" + HexFormat.of().formatHex(suffix);
	}

	private MeterBinder metrics(LeaderElection won) {
		return (registry) -> {
			Gauge.builder("mediafleet.leader.leader", won, (election) -> election.isLeader() ? 1 : 0)
				.description("1 while this scheduler holds the leader lease (standbys run no application)")
				.register(registry);
			Gauge.builder("mediafleet.leader.lease.remaining", won,
					(election) -> Math.max(0, Duration.between(this.clock.instant(), election.heldUntil())
						.toMillis() / 1000.0))
				.description("Seconds until the leader lease expires unless renewed")
				.baseUnit("seconds")
				.register(registry);
		};
	}

	private static void halt(String reason) {
		System.err.println("Scheduler lost its leader lease: " + reason + "; halting (exit " + EXIT_LEASE_LOST + ")");
		System.err.flush();
		Runtime.getRuntime().halt(EXIT_LEASE_LOST);
	}

	/** Stops renewing, releases the lease if held and closes the MongoDB client (tests; the process exit does it). */
	@Override
	public void close() {
		LeaderElection won = this.election;
		if (won != null) {
			won.close();
		}
		MongoClient mongo = this.client;
		if (mongo != null) {
			mongo.close();
		}
	}

}
