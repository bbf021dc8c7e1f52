package io.mediafleet.scheduler.burn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.mediafleet.schema.burn.BurnerTransport;
import io.mediafleet.schema.burn.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * The burn farm's meters: queue depth by priority, stranded jobs (no connected burner holds their image), jobs done
 * and failed, burn rate, verify failures per burner, connected agents by transport and bad input by transport.
 */
public final class BurnMetrics {

	/** Every transport's tag value, registered at zero from the start. */
	private static final List<String> TRANSPORTS = Arrays.stream(BurnerTransport.values())
		.map(BurnerTransport::wire)
		.toList();

	private final MeterRegistry registry;

	private final MultiGauge queueDepth;

	private final DistributionSummary burnRate;

	private final Map<String, AtomicInteger> agents = new ConcurrentHashMap<>();

	private final AtomicInteger strandedJobs = new AtomicInteger();

	BurnMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.queueDepth = MultiGauge.builder("mediafleet.burn.queue.depth")
			.description("Open burn jobs by queued priority")
			.register(registry);
		this.burnRate = DistributionSummary.builder("mediafleet.burn.rate")
			.baseUnit("MB/s")
			.description("Write rate of finished burns, image size over burn time")
			.register(registry);
		Gauge.builder("mediafleet.burn.jobs.stranded", this.strandedJobs, AtomicInteger::get)
			.description("Open burn jobs wanting a burner while no connected burner holds their image")
			.register(registry);
		for (String transport : TRANSPORTS) {
			AtomicInteger count = new AtomicInteger();
			this.agents.put(transport, count);
			Gauge.builder("mediafleet.burn.agents", count, AtomicInteger::get)
				.tag("transport", transport)
				.description("Connected burners by transport")
				.register(registry);
		}
		// Every fixed tag value at zero from the start, so a dashboard shows "none" rather than "no data".
		for (Verdict verdict : Verdict.values()) {
			jobs(verdict);
		}
		for (String transport : TRANSPORTS) {
			badInputCounter(transport);
		}
		for (String event : List.of("accepted", "refused", "shed", "timeout")) {
			tcpConnections(event);
		}
		for (String outcome : List.of("accepted", "refused", "missing")) {
			authentications(outcome);
		}
	}

	void queueChanged(Collection<Job> jobs) {
		Map<Integer, Integer> byPriority = new TreeMap<>();
		for (Job job : jobs) {
			byPriority.merge(job.priority, 1, Integer::sum);
		}
		List<MultiGauge.Row<?>> rows = new ArrayList<>();
		byPriority.forEach((priority, count) -> rows
			.add(MultiGauge.Row.of(Tags.of("priority", Integer.toString(priority)), count)));
		this.queueDepth.register(rows, true);
	}

	/**
	 * Open jobs that want a burner while no connected burner holds their image: they wait until a burner holding it
	 * connects (the alert {@code MediafleetBurnJobsStranded} watches this).
	 */
	void strandedJobs(int count) {
		this.strandedJobs.set(count);
	}

	void agentsChanged(Collection<BurnFarm.Burner> burners) {
		Map<String, Integer> counts = new TreeMap<>();
		for (BurnFarm.Burner burner : burners) {
			if (burner.channel != null) {
				counts.merge(burner.channel.transport().wire(), 1, Integer::sum);
			}
		}
		this.agents.forEach((transport, count) -> count.set(counts.getOrDefault(transport, 0)));
		// A connected burner's failure count exists at zero, so its row shows before its first failed disc.
		for (BurnFarm.Burner burner : burners) {
			if (burner.channel != null) {
				verifyFailures(burner.uid);
			}
		}
	}

	void burnRate(double megabytesPerSecond) {
		this.burnRate.record(megabytesPerSecond);
	}

	void verdict(String uid, Verdict verdict) {
		jobs(verdict).increment();
		if (verdict == Verdict.FAIL) {
			verifyFailures(uid).increment();
		}
	}

	/** A message that was rejected (bad syntax, denied, unexpected), by transport. */
	public void badInput(BurnerTransport transport) {
		badInputCounter(transport.wire()).increment();
	}

	/** Connections on the TCP line server. */
	void tcpConnection(String event) {
		tcpConnections(event).increment();
	}

	/** An {@code AUTH} on the burn port: accepted, refused (bad token), or missing (a command before it). */
	void authentication(String outcome) {
		authentications(outcome).increment();
	}

	private Counter authentications(String outcome) {
		return Counter.builder("mediafleet.burn.tcp.authentications")
			.tag("outcome", outcome)
			.description("Burn port authentications by outcome")
			.register(this.registry);
	}

	private Counter jobs(Verdict verdict) {
		return Counter.builder("mediafleet.burn.jobs")
			.tag("outcome", (verdict == Verdict.PASS) ? "passed" : "failed")
			.description("Burnt discs by verification outcome")
			.register(this.registry);
	}

	private Counter verifyFailures(String uid) {
		return Counter.builder("mediafleet.burn.verify.failures")
			.tag("burner", uid)
			.description("Failed verifications per burner UID")
			.register(this.registry);
	}

	private Counter badInputCounter(String transport) {
		return Counter.builder("mediafleet.burn.bad.input")
			.tag("transport", transport)
			.description("Rejected burn protocol input")
			.register(this.registry);
	}

	private Counter tcpConnections(String event) {
		return Counter.builder("mediafleet.burn.tcp.connections")
			.tag("event", event)
			.description("Connections to the burn farm's TCP line server: accepted, refused (no room once admitted), shed (oldest unadmitted one closed for a newcomer), timeout (not admitted in time)")
			.register(this.registry);
	}

}
