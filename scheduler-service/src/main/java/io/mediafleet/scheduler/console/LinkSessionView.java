package io.mediafleet.scheduler.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.mediafleet.scheduler.link.LinkHub;
import io.mediafleet.scheduler.link.LinkSession;
import io.mediafleet.schema.link.Endpoint;

/**
 * A link session as the overview lists it.
 *
 * @param role {@code slave} or {@code control}
 * @param slaveId the slave's id, {@code -1} for a control
 * @param name the slave's name or the control's agent
 */
record LinkSessionView(String role, long slaveId, String name) {

	static List<LinkSessionView> all(LinkHub hub) {
		List<LinkSessionView> views = new ArrayList<>();
		for (Endpoint role : Endpoint.values()) {
			for (LinkSession session : hub.sessions(role)) {
				views.add(new LinkSessionView(role.name().toLowerCase(), session.slaveId(), session.name()));
			}
		}
		views.sort(Comparator.comparing(LinkSessionView::role).thenComparingLong(LinkSessionView::slaveId)
			.thenComparing(LinkSessionView::name));
		return views;
	}

}
