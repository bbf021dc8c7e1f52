package io.mediafleet.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the Grafana dashboards and turns each panel query into a plain PromQL expression, the way Grafana would
 * send it with every service selected.
 */
final class Dashboards {

	/** The datasource uid every dashboard names, and that compose and the chart provision. */
	static final String DATASOURCE_UID = "mediafleet-prometheus";

	/** Template variables the dashboards may use, with what a Grafana showing "All" puts in their place. */
	static final Map<String, String> VARIABLES = Map.of("$application", ".*", "$instance", ".*", "$__rate_interval",
			"15s");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{?[A-Za-z_][A-Za-z0-9_]*");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Dashboards() {
	}

	static JsonNode read(Path file) {
		try {
			return JSON.readTree(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every query of every panel of every dashboard. */
	static List<Query> queries() {
		List<Query> queries = new ArrayList<>();
		for (Path file : OpsFiles.dashboardFiles()) {
			JsonNode dashboard = read(file);
			for (JsonNode panel : panels(dashboard)) {
				for (JsonNode target : panel.path("targets")) {
					queries.add(new Query(file.getFileName().toString(), panel.path("title").asString(),
							target.path("refId").asString(), target.path("expr").asString()));
				}
			}
		}
		return queries;
	}

	/** Panels, including those nested in rows. */
	static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			if ("row".equals(panel.path("type").asString())) {
				panel.path("panels").forEach(panels::add);
			}
			else {
				panels.add(panel);
			}
		}
		return panels;
	}

	/**
	 * One panel query.
	 *
	 * @param dashboard the dashboard's file name
	 * @param panel the panel's title
	 * @param refId the query's id within the panel
	 * @param expression the PromQL with Grafana variables
	 */
	record Query(String dashboard, String panel, String refId, String expression) {

		/** The PromQL Grafana would send; fails on a variable it does not know. */
		String promql() {
			String promql = this.expression;
			for (Map.Entry<String, String> variable : VARIABLES.entrySet()) {
				promql = promql.replace(variable.getKey(), variable.getValue());
			}
			Matcher unknown = VARIABLE.matcher(promql);
			if (unknown.find()) {
				throw new AssertionError(this + " uses variable " + unknown.group() + " the tests do not know");
			}
			return promql;
		}

		@Override
		public String toString() {
			return this.dashboard + " / " + this.panel + " / " + this.refId;
		}

	}

}
