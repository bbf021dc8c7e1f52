package io.mediafleet.schema.simul;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * CURVE keys in Z85 and the public half derived from a secret key, against the published examples of ZeroMQ RFC 32
 * and the {@code zmq_curve(7)} manual (whose pairs libzmq's own {@code zmq_curve_public} reproduces).
 */
class CurveKeyTests {

	@Test
	void z85MatchesTheRfcExampleBlockByBlock() {
		// RFC 32: the bytes 86 4F D2 6F B5 59 F7 5B encode to "HelloWorld"; a key is four times that length.
		byte[] bytes = HexFormat.of().parseHex("864FD26FB559F75B".repeat(4));
		assertThat(CurveKey.of(bytes).z85()).isEqualTo("HelloWorld".repeat(4));
		assertThat(CurveKey.fromZ85("HelloWorld".repeat(4)).bytes()).isEqualTo(bytes);
	}

	@Test
	void publicKeyOfTheManualsServerAndClientSecretKeys() {
		assertThat(CurveKey.fromZ85("JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6").publicKey().z85())
			.isEqualTo("rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7");
		assertThat(CurveKey.fromZ85("D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs").publicKey().z85())
			.isEqualTo("Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID");
	}

	@Test
	void generatedSecretKeysAreDistinctAndRoundTripThroughZ85() {
		CurveKey first = CurveKey.generateSecret();
		CurveKey second = CurveKey.generateSecret();
		assertThat(first).isNotEqualTo(second);
		assertThat(CurveKey.fromZ85(first.z85())).isEqualTo(first);
		assertThat(CurveKey.fromZ85("  " + first.publicKey().z85() + "\n")).isEqualTo(first.publicKey());
	}

	@Test
	void malformedTextIsRefusedWithoutRepeatingIt() {
		String secretLooking = "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh";
		assertThatIllegalArgumentException().isThrownBy(() -> CurveKey.fromZ85(secretLooking))
			.withMessageContaining("40 Z85 characters, not 39")
			.withMessageNotContaining(secretLooking);
		assertThatIllegalArgumentException().isThrownBy(() -> CurveKey.fromZ85("JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh~"))
			.withMessageContaining("offset 39");
		// "#####" is 84 * (85^4 + 85^3 + 85^2 + 85 + 1), above 2^32 - 1.
		assertThatIllegalArgumentException().isThrownBy(() -> CurveKey.fromZ85("#".repeat(40)))
			.withMessageContaining("out of range");
		assertThat(CurveKey.isZ85("0".repeat(40))).isTrue();
		assertThat(CurveKey.isZ85("0".repeat(41))).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> CurveKey.of(new byte[31]));
	}

	@Test
	void toStringNeverShowsTheKey() {
		CurveKey secret = CurveKey.generateSecret();
		assertThat(secret.toString()).doesNotContain(secret.z85());
	}

}
