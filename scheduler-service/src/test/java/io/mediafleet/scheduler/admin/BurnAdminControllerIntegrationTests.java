package io.mediafleet.scheduler.admin;

import java.util.Map;

import io.mediafleet.scheduler.burn.BurnFarm;
import io.mediafleet.scheduler.link.LinkTokens;
import io.mediafleet.schema.burn.BurnerTransport;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "mediafleet.scheduler.admin.token=test-admin-token")
@AutoConfigureRestTestClient
@WithRedis
@WithMongoDb(database = "burn-admin-tests")
class BurnAdminControllerIntegrationTests {

	private static final String HASH = "fedcba9876543210fedcba9876543210";

	@Autowired
	private RestTestClient client;

	@Autowired
	private BurnFarm farm;

	@Autowired
	private LinkTokens tokens;

	@Test
	void everyEndpointNeedsTheAdminToken() {
		this.client.get().uri("/api/admin/burn/queue").exchange().expectStatus().isUnauthorized();
		this.client.get()
			.uri("/api/admin/burn/queue")
			.header("Authorization", "Bearer wrong")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.client.post()
			.uri("/api/admin/link/tokens")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("role", "slave", "subject", "x"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void queueAnImageListItSeeItsHistoryAndClearIt() {
		this.farm.imageInfo(HASH, "admin.iso", "", 4096);
		this.client.post()
			.uri("/api/admin/burn/queue")
			.header("Authorization", "Bearer test-admin-token")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("hash", HASH, "priority", 2, "copies", 2))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.job_id")
			.isNumber();
		this.client.get()
			.uri("/api/admin/burn/queue")
			.header("Authorization", "Bearer test-admin-token")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].hash")
			.isEqualTo(HASH)
			.jsonPath("$[0].copies")
			.isEqualTo(2);
		long id = this.farm.queueList().get(0).jobId();
		this.client.get()
			.uri("/api/admin/burn/queue/" + id + "/history")
			.header("Authorization", "Bearer test-admin-token")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].event")
			.isEqualTo("queued");
		this.client.delete()
			.uri("/api/admin/burn/queue")
			.header("Authorization", "Bearer test-admin-token")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(this.farm.queueList()).isEmpty();
	}

	@Test
	void badRequestsLeaveTheQueueUnchanged() {
		int before = this.farm.queueList().size();
		this.client.post()
			.uri("/api/admin/burn/queue")
			.header("Authorization", "Bearer test-admin-token")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("hash", "nothex", "priority", 1))
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.client.post()
			.uri("/api/admin/burn/queue")
			.header("Authorization", "Bearer test-admin-token")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("hash", "00000000000000000000000000000000", "priority", 1))
			.exchange()
			.expectStatus()
			.isEqualTo(409);
		this.client.put()
			.uri("/api/admin/burn/burners/00000000000000000000000000000000/name")
			.header("Authorization", "Bearer test-admin-token")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "nobody"))
			.exchange()
			.expectStatus()
			.isNotFound();
		assertThat(this.farm.queueList()).hasSize(before);
	}

	@Test
	void refusalsArriveAsProblemsNamingTheFieldOrTheReason() {
		this.client.post()
			.uri("/api/admin/burn/queue")
			.header("Authorization", "Bearer test-admin-token")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("hash", "nothex", "priority", 1, "copies", 0))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.fields.hash")
			.exists()
			.jsonPath("$.fields.copies")
			.exists();
		this.client.post()
			.uri("/api/admin/burn/queue")
			.header("Authorization", "Bearer test-admin-token")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("hash", HASH, "priority", "soon"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.fields.priority")
			.isEqualTo("must be a whole number");
		this.client.get()
			.uri("/api/admin/burn/burners/00000000000000000000000000000000/stats")
			.header("Authorization", "Bearer test-admin-token")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("No burner 00000000000000000000000000000000");
	}

	@Test
	void mintedTokensAreAcceptedByTheLinkHub() {
		String token = this.client.post()
			.uri("/api/admin/link/tokens")
			.header("Authorization", "Bearer test-admin-token")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("role", "slave", "subject", "burner-7", "slave_id", 7))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(Map.class)
			.getResponseBody()
			.get("token")
			.toString();
		LinkTokens.Claims claims = this.tokens.verify(token);
		assertThat(claims).isNotNull();
		assertThat(claims.role()).isEqualTo("slave");
		assertThat(claims.slaveId()).isEqualTo(7L);
		assertThat(this.tokens.verify(token.substring(0, token.length() - 2) + "xx")).isNull();
	}

	@Test
	void tokenRequestWithoutRoleIsABadRequest() {
		this.client.post()
			.uri("/api/admin/link/tokens")
			.header("Authorization", "Bearer test-admin-token")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("subject", "burner-7"))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void knownImagesAreListedAndATrayOpensOnlyOnAConnectedBurner() {
		String image = "0123456789abcdef0123456789abcdef";
		String uid = "abcdefabcdefabcdefabcdefabcdef01";
		this.farm.imageInfo(image, "listed.iso", "A listed image", 2048);
		java.util.concurrent.atomic.AtomicInteger ejects = new java.util.concurrent.atomic.AtomicInteger();
		io.mediafleet.scheduler.burn.BurnerChannel channel = new io.mediafleet.scheduler.burn.BurnerChannel() {

			@Override
			public BurnerTransport transport() {
				return BurnerTransport.TCP;
			}

			@Override
			public void burn(String hash) {
			}

			@Override
			public void eject() {
				ejects.incrementAndGet();
			}

		};
		this.client.get()
			.uri("/api/admin/burn/images")
			.header("Authorization", "Bearer test-admin-token")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.hash == '" + image + "')].fileName")
			.isEqualTo(java.util.List.of("listed.iso"))
			.jsonPath("$[?(@.hash == '" + image + "')].sizeBytes")
			.isEqualTo(java.util.List.of(2048));
		this.client.post()
			.uri("/api/admin/burn/burners/" + uid + "/open")
			.header("Authorization", "Bearer test-admin-token")
			.exchange()
			.expectStatus()
			.isNotFound();
		this.farm.burnerConnected(uid, "BURNDVD", channel);
		this.client.post()
			.uri("/api/admin/burn/burners/" + uid + "/open")
			.header("Authorization", "Bearer test-admin-token")
			.exchange()
			.expectStatus()
			.isAccepted();
		assertThat(ejects).hasValue(1);
		this.farm.burnerDisconnected(uid, channel);
		this.client.post()
			.uri("/api/admin/burn/burners/" + uid + "/open")
			.header("Authorization", "Bearer test-admin-token")
			.exchange()
			.expectStatus()
			.isEqualTo(409);
		assertThat(ejects).hasValue(1);
	}

}
