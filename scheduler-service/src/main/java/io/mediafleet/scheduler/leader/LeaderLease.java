package io.mediafleet.scheduler.leader;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The one lease document, {@code {_id: "scheduler", holder, expiresAt, renewedAt}}, taken or renewed with one atomic
 * conditional update: it succeeds only when the lease is held by us or has expired.
 * <p>
 * Example document: {@code {"_id":"scheduler","holder":"scheduler-7c9d-4f1a2b","expiresAt":ISODate("2026-11-22T06:00:15Z"),
 * "renewedAt":ISODate("2026-11-22T06:00:00Z")}}.
 */
final class LeaderLease {

	static final String ID = "scheduler";

	private final MongoCollection<Document> collection;

	private final String holder;

	private final Duration duration;

	private final Clock clock;

	/** Who holds the lease and until when, as the document says. */
	record Holder(String holder, Instant expiresAt) {
	}

	LeaderLease(MongoCollection<Document> collection, String holder, Duration duration, Clock clock) {
		if (holder.isBlank()) {
			throw new IllegalArgumentException("holder must not be blank");
		}
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("lease duration must be positive");
		}
		this.collection = collection;
		this.holder = holder;
		this.duration = duration;
		this.clock = clock;
	}

	String holder() {
		return this.holder;
	}

	/**
	 * Takes the lease if it is free or expired, or renews it if we hold it. Returns the instant until which we hold
	 * it, counted from before the request was sent so a slow answer never extends it, or {@code null} when another
	 * holder has it.
	 */
	@Nullable Instant acquire() {
		Instant now = this.clock.instant();
		Instant expires = now.plus(this.duration);
		try {
			Document lease = this.collection.findOneAndUpdate(
					Filters.and(Filters.eq("_id", ID),
							Filters.or(Filters.eq("holder", this.holder), Filters.lt("expiresAt", Date.from(now)))),
					Updates.combine(Updates.set("holder", this.holder), Updates.set("expiresAt", Date.from(expires)),
							Updates.set("renewedAt", Date.from(now))),
					new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
			return (lease != null && this.holder.equals(lease.getString("holder"))) ? expires : null;
		}
		catch (MongoCommandException ex) {
			// The document exists but matched neither condition: the upsert's insert hit the _id.
			if (ErrorCategory.fromErrorCode(ex.getErrorCode()) == ErrorCategory.DUPLICATE_KEY) {
				return null;
			}
			throw ex;
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
				return null;
			}
			throw ex;
		}
	}

	/** Gives the lease up if we hold it, so a standby need not wait for it to expire. */
	void release() {
		this.collection.updateOne(Filters.and(Filters.eq("_id", ID), Filters.eq("holder", this.holder)),
				Updates.set("expiresAt", Date.from(Instant.EPOCH)));
	}

	/** The current holder, or {@code null} when there is no lease document yet. */
	@Nullable Holder current() {
		Document lease = this.collection.find(Filters.eq("_id", ID)).first();
		if (lease == null) {
			return null;
		}
		Date expiresAt = lease.getDate("expiresAt");
		return new Holder(String.valueOf(lease.getString("holder")),
				(expiresAt != null) ? expiresAt.toInstant() : Instant.EPOCH);
	}

}
