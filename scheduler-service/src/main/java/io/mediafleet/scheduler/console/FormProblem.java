package io.mediafleet.scheduler.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Why a console form was refused, for the template: the API's message per field (shown beside the field) and
 * everything else at the top of the form.
 *
 * @param status the API's HTTP status (404: deleted meanwhile)
 * @param detail what went wrong, for a person
 * @param fields field name to message, only fields the form has
 */
record FormProblem(int status, String detail, Map<String, String> fields) {

	/** The refusal, with messages of fields the form does not show folded into {@code detail}. */
	static FormProblem of(AdminApi.Outcome.Refused<?> refused, Set<String> formFields) {
		Map<String, String> shown = new LinkedHashMap<>();
		StringBuilder detail = new StringBuilder(refused.detail());
		refused.fields().forEach((field, message) -> {
			if (formFields.contains(field)) {
				shown.put(field, message);
			}
			else {
				detail.append("; ").append(field).append(' ').append(message);
			}
		});
		if (!shown.isEmpty() && detail.toString().equals("invalid request body")) {
			detail.setLength(0);
			detail.append("Please correct the fields marked below.");
		}
		return new FormProblem(refused.status(), detail.toString(), shown);
	}

	/** A refusal found by the console itself before asking the API. */
	static FormProblem field(String field, String message) {
		return new FormProblem(400, "Please correct the fields marked below.", Map.of(field, message));
	}

	public @Nullable String message(String field) {
		return this.fields.get(field);
	}

	public boolean has(String field) {
		return this.fields.containsKey(field);
	}

	public boolean gone() {
		return this.status == 404;
	}

}
