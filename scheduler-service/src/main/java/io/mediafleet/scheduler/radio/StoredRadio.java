package io.mediafleet.scheduler.radio;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.convert.MongoConverter;

/**
 * A radio's whole programming as one MongoDB document of {@code radio_states}: the {@link RadioState} fields at the
 * top level (so the state reads as a plain {@code RadioState}), its pending events under {@code pending} and the
 * last few events it handled under {@code handled}.
 * <p>
 * One document per radio makes each programming step one single-document write: claiming an event (moving it from
 * {@code pending} to {@code handled}) and scheduling the events that follow it are written together with the state
 * they lead to, atomically, so a restart sees either all of a step or none of it. A PREPARE costs one document, so
 * does a START.
 * <p>
 * <b>Parameters to control memory consumption</b>: a radio has at most a few pending events (a START and the next
 * PREPARE) and keeps at most {@link #HANDLED_KEPT} handled ones, so a document stays well under a kilobyte.
 *
 * @param state the radio state
 * @param pending its events still to handle, in due order
 * @param handled the events it handled last, oldest first, kept for inspection
 */
record StoredRadio(RadioState state, List<RadioEvent> pending, List<RadioEvent> handled) {

	/**
	 * Handled events kept per radio: the last track's PREPARE and START, for inspection. Few, because every event
	 * kept is written again with each step: in mongo-java-server a document with 8 of them costs 77-91 us to
	 * replace, with 2 about 50-65 us, with none 35 us.
	 */
	static final int HANDLED_KEPT = 2;

	static final String PENDING = "pending";

	static final String HANDLED = "handled";

	StoredRadio {
		pending = List.copyOf(pending);
		handled = List.copyOf(handled);
	}

	/** The document stored for this radio. */
	Document toDocument(MongoConverter converter) {
		Document document = new Document();
		converter.write(this.state, document);
		document.put(PENDING, writeEvents(this.pending));
		document.put(HANDLED, writeEvents(this.handled));
		return document;
	}

	/** Reads a stored radio; a document written before events were embedded reads with none. */
	static StoredRadio fromDocument(MongoConverter converter, Document document) {
		RadioState state = converter.read(RadioState.class, document);
		return new StoredRadio(state, readEvents(state.radioUuid(), document.getList(PENDING, Document.class)),
				readEvents(state.radioUuid(), document.getList(HANDLED, Document.class)));
	}

	// Events are written by hand, compactly (no radio uuid, no nulls): a burst writes a thousand of these documents
	// at once, and every byte and conversion counts. Times are stored as BSON dates (milliseconds), as before.

	private static List<Document> writeEvents(List<RadioEvent> events) {
		List<Document> documents = new ArrayList<>(events.size());
		for (RadioEvent event : events) {
			Document document = new Document("_id", event.id()).append("kind", event.kind().name())
				.append("dueAt", Date.from(event.dueAt()));
			putIfPresent(document, "songId", event.songId());
			putIfPresent(document, "filename", event.filename());
			putIfPresent(document, "durationSeconds", event.durationSeconds());
			putIfPresent(document, "showId", event.showId());
			if (event.handledAt() != null) {
				document.append("handledAt", Date.from(event.handledAt()));
			}
			if (event.announceAt() != null) {
				document.append("announceAt", Date.from(event.announceAt()));
			}
			if (event.withdrawn()) {
				document.append("withdrawn", true);
			}
			documents.add(document);
		}
		return documents;
	}

	private static void putIfPresent(Document document, String key, @Nullable Object value) {
		if (value != null) {
			document.append(key, value);
		}
	}

	private static List<RadioEvent> readEvents(String radioUuid, @Nullable List<Document> documents) {
		if (documents == null) {
			return List.of();
		}
		List<RadioEvent> events = new ArrayList<>(documents.size());
		for (Document document : documents) {
			Date handledAt = document.getDate("handledAt");
			Date announceAt = document.getDate("announceAt");
			events.add(new RadioEvent(document.getString("_id"), radioUuid,
					RadioEvent.Kind.valueOf(document.getString("kind")), document.getDate("dueAt").toInstant(),
					document.getString("songId"), document.getString("filename"), document.getDouble("durationSeconds"),
					document.getString("showId"), handledAt != null, (handledAt != null) ? handledAt.toInstant() : null,
					(announceAt != null) ? announceAt.toInstant() : null, document.getBoolean("withdrawn", false)));
		}
		return events;
	}

}
