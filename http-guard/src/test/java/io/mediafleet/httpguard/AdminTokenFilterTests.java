package io.mediafleet.httpguard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared admin-token check: exact bearer token only, and no token configured means nothing passes. */
class AdminTokenFilterTests {

	@Test
	void theConfiguredBearerTokenPassesWhateverTheSchemesCase() {
		AdminTokenFilter filter = new AdminTokenFilter("s3cret", "realm", "x.admin.token");
		assertThat(filter.enabled()).isTrue();
		assertThat(filter.accepts("Bearer s3cret")).isTrue();
		assertThat(filter.accepts("bearer s3cret ")).isTrue();
	}

	@Test
	void anythingElseIsRefused() {
		AdminTokenFilter filter = new AdminTokenFilter("s3cret", "realm", "x.admin.token");
		assertThat(filter.accepts(null)).isFalse();
		assertThat(filter.accepts("")).isFalse();
		assertThat(filter.accepts("Bearer ")).isFalse();
		assertThat(filter.accepts("Bearer s3cre")).isFalse();
		assertThat(filter.accepts("Bearer s3cretX")).isFalse();
		assertThat(filter.accepts("Basic czNjcmV0")).isFalse();
		assertThat(filter.accepts("s3cret")).isFalse();
	}

	@Test
	void noTokenConfiguredDisablesTheAdminApiEvenForAnEmptyBearer() {
		for (String unset : new String[] { null, "", "   " }) {
			AdminTokenFilter filter = new AdminTokenFilter(unset, "realm", "x.admin.token");
			assertThat(filter.enabled()).isFalse();
			assertThat(filter.accepts("Bearer ")).isFalse();
			assertThat(filter.accepts("Bearer " + unset)).isFalse();
			assertThat(filter.accepts("Bearer null")).isFalse();
		}
	}

}
