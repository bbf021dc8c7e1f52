package io.mediafleet.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.mediafleet.ops.OpsFiles.list;
import static io.mediafleet.ops.OpsFiles.map;

/**
 * Reads the alerting rules ({@link OpsFiles#ALERT_RULES}) and the metric names their expressions select.
 */
final class AlertRules {

	/**
	 * A metric selector as the rules file writes them, {@code name{...}} (braces even when empty, a convention the
	 * file states): an identifier right before a brace. Label matchers inside braces never precede one.
	 */
	private static final Pattern SELECTOR = Pattern.compile("([A-Za-z_:][A-Za-z0-9_:]*)\\{");

	private AlertRules() {
	}

	/** Every alerting rule of every group, as parsed YAML maps. */
	static List<Map<String, Object>> alerts() {
		List<Map<String, Object>> alerts = new ArrayList<>();
		for (Object group : list(OpsFiles.readYaml(OpsFiles.ALERT_RULES).get("groups"))) {
			for (Object rule : list(map(group).get("rules"))) {
				if (map(rule).containsKey("alert")) {
					alerts.add(map(rule));
				}
			}
		}
		return alerts;
	}

	/** The metric names {@code expression} selects. */
	static TreeSet<String> metrics(String expression) {
		TreeSet<String> names = new TreeSet<>();
		Matcher selector = SELECTOR.matcher(expression);
		while (selector.find()) {
			names.add(selector.group(1));
		}
		return names;
	}

	/** The metric names all alerts select. */
	static TreeSet<String> metrics() {
		TreeSet<String> names = new TreeSet<>();
		for (Map<String, Object> alert : alerts()) {
			names.addAll(metrics((String) alert.get("expr")));
		}
		return names;
	}

}
