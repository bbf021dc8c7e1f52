package io.mediafleet.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards as files: one folder, unique uids, one datasource, a query in every panel, only known variables.
 * Whether every query returns data is {@link DashboardQueriesIntegrationTests}' job.
 */
class DashboardFilesTests {

	@Test
	void theChartsDashboardsFolderHoldsOneDashboardPerConcern() {
		assertThat(OpsFiles.dashboardFiles()).extracting((file) -> file.getFileName().toString())
			.containsExactly("mediafleet-burn.json", "mediafleet-jvm-http.json", "mediafleet-overview.json",
					"mediafleet-radio.json", "mediafleet-simul.json", "mediafleet-streaming.json",
					"mediafleet-tracker.json");
		assertThat(OpsFiles.ROOT.resolve("ops/grafana")).isDirectory();
		assertThat(OpsFiles.ROOT.resolve("ops/grafana/dashboards")).as("no second copy of the dashboards")
			.doesNotExist();
	}

	@Test
	void everyDashboardHasAUniqueUidMatchingItsFileName() {
		Set<String> uids = new HashSet<>();
		for (Path file : OpsFiles.dashboardFiles()) {
			JsonNode dashboard = Dashboards.read(file);
			String uid = dashboard.path("uid").asString();
			assertThat(uids.add(uid)).as("uid %s is unique", uid).isTrue();
			assertThat(file.getFileName().toString()).isEqualTo(uid + ".json");
			assertThat(dashboard.path("title").asString()).isNotBlank();
			assertThat(Dashboards.panels(dashboard)).as(file.toString()).isNotEmpty();
		}
	}

	@Test
	void everyPanelQueriesThePrometheusDatasourceByItsFixedUid() {
		List<String> problems = new ArrayList<>();
		for (Path file : OpsFiles.dashboardFiles()) {
			JsonNode dashboard = Dashboards.read(file);
			for (JsonNode panel : Dashboards.panels(dashboard)) {
				String where = file.getFileName() + " / " + panel.path("title").asString();
				if (!Dashboards.DATASOURCE_UID.equals(panel.path("datasource").path("uid").asString())) {
					problems.add(where + ": panel datasource");
				}
				if (panel.path("targets").isEmpty()) {
					problems.add(where + ": no query");
				}
				for (JsonNode target : panel.path("targets")) {
					if (!Dashboards.DATASOURCE_UID.equals(target.path("datasource").path("uid").asString())) {
						problems.add(where + " / " + target.path("refId").asString() + ": target datasource");
					}
					if (target.path("expr").asString().isBlank()) {
						problems.add(where + " / " + target.path("refId").asString() + ": empty expression");
					}
				}
			}
			for (JsonNode variable : dashboard.path("templating").path("list")) {
				if (!Dashboards.DATASOURCE_UID.equals(variable.path("datasource").path("uid").asString())) {
					problems.add(file.getFileName() + ": variable " + variable.path("name").asString());
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void queriesUseOnlyTheVariablesTheTestsKnow() {
		assertThat(Dashboards.queries()).isNotEmpty().allSatisfy((query) -> assertThat(query.promql()).isNotBlank());
	}

	@Test
	void everyVariableADashboardDefinesIsOneTheTestsKnowAndEveryVariableItsQueriesUseIsDefined() {
		List<String> problems = new ArrayList<>();
		for (Path file : OpsFiles.dashboardFiles()) {
			JsonNode dashboard = Dashboards.read(file);
			Set<String> defined = new HashSet<>();
			for (JsonNode variable : dashboard.path("templating").path("list")) {
				String name = "$" + variable.path("name").asString();
				defined.add(name);
				if (!Dashboards.VARIABLES.containsKey(name)) {
					problems.add(file.getFileName() + " defines " + name);
				}
			}
			for (JsonNode panel : Dashboards.panels(dashboard)) {
				for (JsonNode target : panel.path("targets")) {
					for (String variable : Dashboards.VARIABLES.keySet()) {
						if (!variable.startsWith("$__") && target.path("expr").asString().contains(variable)
								&& !defined.contains(variable)) {
							problems.add(file.getFileName() + " / " + panel.path("title").asString() + " uses "
									+ variable + " without defining it");
						}
					}
				}
			}
		}
		assertThat(problems).isEmpty();
	}

}
