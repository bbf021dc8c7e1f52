package io.mediafleet.scheduler.console;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's guards over plain HTTP: nothing without a session, no change without the CSRF token, an expired
 * session sends scripts back to sign-in, and the REST admin API, which takes bearer tokens, neither needs nor makes
 * a session.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.admin.token=" + ConsoleSecurityIntegrationTests.TOKEN,
				"mediafleet.scheduler.simul.enabled=false", "mediafleet.scheduler.burn.port=0" })
@WithRedis
@WithMongoDb(database = "console-security-tests")
class ConsoleSecurityIntegrationTests {

	static final String TOKEN = "console-security-token-0123456789";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	private int port;

	private final HttpClient anonymous = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> get(HttpClient client, String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> postForm(HttpClient client, String path, String form) throws Exception {
		return client.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpClient signedIn() throws Exception {
		HttpClient client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String page = get(client, "/console/sign-in").body();
		Matcher csrf = CSRF.matcher(page);
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> signIn = postForm(client, "/console/sign-in",
				"operator=t&token=" + TOKEN + "&_csrf=" + csrf.group(1));
		assertThat(signIn.statusCode()).isEqualTo(302);
		assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/console"));
		return client;
	}

	@Test
	void pagesWithoutASessionRedirectToSignInAndScriptsGet401WithWhereToGo() throws Exception {
		HttpResponse<String> page = get(this.anonymous, "/console/radios");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/console/sign-in");
		HttpResponse<String> part = get(this.anonymous, "/console/overview/burners", "HX-Request", "true");
		assertThat(part.statusCode()).isEqualTo(401);
		assertThat(part.headers().firstValue("HX-Redirect")).hasValue("/console/sign-in");
		HttpResponse<String> events = get(this.anonymous, "/console/events", "Accept", "text/event-stream");
		assertThat(events.statusCode()).isEqualTo(401);
	}

	@Test
	void anExpiredSessionSendsScriptsToSignInSayingSo() throws Exception {
		HttpResponse<String> part = get(this.anonymous, "/console/overview/burners", "HX-Request", "true", "Cookie",
				"MEDIAFLEET_CONSOLE=0123456789ABCDEF0123456789ABCDEF");
		assertThat(part.statusCode()).isEqualTo(401);
		assertThat(part.headers().firstValue("HX-Redirect")).hasValue(ConsoleSecurityConfiguration.EXPIRED);
	}

	@Test
	void aChangeWithoutTheRightCsrfTokenIsRefusedAndTheSessionSurvives() throws Exception {
		HttpClient client = signedIn();
		assertThat(get(client, "/console").statusCode()).isEqualTo(200);
		HttpResponse<String> forged = postForm(client, "/console/sign-out", "_csrf=forged");
		assertThat(forged.statusCode()).isEqualTo(403);
		HttpResponse<String> bare = postForm(client, "/console/sign-out", "");
		assertThat(bare.headers().firstValue("Location").orElse("")).doesNotContain("signed-out");
		assertThat(get(client, "/console").statusCode()).isEqualTo(200);
	}

	@Test
	void signInSetsAStrictHttpOnlyCookieAndTheTokenNeverReachesAPage() throws Exception {
		HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		HttpResponse<String> page = get(client, "/console/sign-in");
		String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).contains("MEDIAFLEET_CONSOLE=", "HttpOnly", "SameSite=Strict");
		assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
		HttpClient session = signedIn();
		HttpResponse<String> overview = get(session, "/console");
		assertThat(overview.statusCode()).isEqualTo(200);
		assertThat(overview.body()).contains("Fleet overview").doesNotContain(TOKEN);
	}

	@Test
	void theRestAdminApiTakesItsBearerTokenWithoutSessionOrCsrf() throws Exception {
		HttpResponse<String> list = this.anonymous.send(HttpRequest.newBuilder(uri("/api/admin/radios"))
			.header("Authorization", "Bearer " + TOKEN)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.headers().firstValue("Set-Cookie")).isEmpty();
		HttpResponse<String> create = this.anonymous.send(HttpRequest.newBuilder(uri("/api/admin/songs/s-1"))
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"filename\":\"a.mp3\",\"durationSeconds\":10}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(create.statusCode()).isEqualTo(200);
		HttpResponse<String> badId = this.anonymous.send(HttpRequest.newBuilder(uri("/api/admin/songs/bad%20id"))
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"filename\":\"a.mp3\",\"durationSeconds\":10}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(badId.statusCode()).isEqualTo(400);
		assertThat(badId.body()).contains("\"fields\"", "\"id\"");
		HttpResponse<String> refused = this.anonymous.send(HttpRequest.newBuilder(uri("/api/admin/radios")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(401);
	}

}
