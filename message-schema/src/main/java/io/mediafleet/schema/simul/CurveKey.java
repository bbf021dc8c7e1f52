package io.mediafleet.schema.simul;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;

import javax.crypto.KeyAgreement;

/**
 * One CurveZMQ key (a Curve25519 public or secret key, 32 bytes) as the simul buses exchange and configure it: in
 * Z85 text, 40 characters (ZeroMQ RFC 32). A secret key gives its public key ({@link #publicKey()}), so
 * configuration only ever needs the secret half of a pair.
 *
 * <p>Example: the all-zero key is {@code 0000000000000000000000000000000000000000}; the key whose Z85 is
 * {@code rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7} is the public half of the secret key
 * {@code JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6} (the server keys of the {@code zmq_curve(7)} manual's example).
 *
 * <p>The public key is derived with the JDK's own X25519 (scalar multiplication by the base point 9), the same
 * operation as NaCl's {@code crypto_scalarmult_base} that libzmq and JeroMQ use; Z85 is the 85-character codec of
 * RFC 32, small enough not to need ZeroMQ here (JeroMQ is optional in this module, for {@link SimulBusReceiver}).
 */
public final class CurveKey {

	/** Bytes of a key. */
	public static final int BYTES = 32;

	/** Characters of a key in Z85. */
	public static final int Z85_LENGTH = 40;

	private static final String Z85 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

	private static final int[] DECODE = new int[128];

	static {
		Arrays.fill(DECODE, -1);
		for (int i = 0; i < Z85.length(); i++) {
			DECODE[Z85.charAt(i)] = i;
		}
	}

	private static final SecureRandom RANDOM = new SecureRandom();

	private final byte[] bytes;

	private CurveKey(byte[] bytes) {
		this.bytes = bytes;
	}

	/**
	 * The key written in Z85 (surrounding white space ignored).
	 * @param z85 40 Z85 characters
	 * @return the key
	 * @throws IllegalArgumentException when the text is not 40 Z85 characters (the message never repeats the text,
	 * which may be a secret)
	 */
	public static CurveKey fromZ85(String z85) {
		String text = z85.strip();
		if (text.length() != Z85_LENGTH) {
			throw new IllegalArgumentException(
					"A CURVE key is " + Z85_LENGTH + " Z85 characters, not " + text.length());
		}
		byte[] decoded = new byte[BYTES];
		for (int block = 0; block < BYTES / 4; block++) {
			long value = 0;
			for (int i = 0; i < 5; i++) {
				char c = text.charAt(block * 5 + i);
				int digit = (c < 128) ? DECODE[c] : -1;
				if (digit < 0) {
					throw new IllegalArgumentException("A CURVE key has a character that is not Z85 at offset "
							+ (block * 5 + i));
				}
				value = value * 85 + digit;
			}
			if (value > 0xFFFF_FFFFL) {
				throw new IllegalArgumentException("A CURVE key has a Z85 group out of range at offset " + block * 5);
			}
			for (int i = 3; i >= 0; i--) {
				decoded[block * 4 + i] = (byte) value;
				value >>>= 8;
			}
		}
		return new CurveKey(decoded);
	}

	/**
	 * The key of these 32 bytes.
	 * @param bytes the raw key
	 * @return the key
	 */
	public static CurveKey of(byte[] bytes) {
		if (bytes.length != BYTES) {
			throw new IllegalArgumentException("A CURVE key is " + BYTES + " bytes, not " + bytes.length);
		}
		return new CurveKey(bytes.clone());
	}

	/** A new random secret key; its public key is {@link #publicKey()}. */
	public static CurveKey generateSecret() {
		byte[] secret = new byte[BYTES];
		RANDOM.nextBytes(secret);
		return new CurveKey(secret);
	}

	/** Whether {@code z85} is a well-formed key. */
	public static boolean isZ85(String z85) {
		try {
			fromZ85(z85);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** The raw 32 bytes (a copy). */
	public byte[] bytes() {
		return this.bytes.clone();
	}

	/** The key in Z85, 40 characters. */
	public String z85() {
		StringBuilder text = new StringBuilder(Z85_LENGTH);
		for (int block = 0; block < BYTES / 4; block++) {
			long value = 0;
			for (int i = 0; i < 4; i++) {
				value = (value << 8) | (this.bytes[block * 4 + i] & 0xFF);
			}
			char[] digits = new char[5];
			for (int i = 4; i >= 0; i--) {
				digits[i] = Z85.charAt((int) (value % 85));
				value /= 85;
			}
			text.append(digits);
		}
		return text.toString();
	}

	/**
	 * Taking this key as a secret key, its public key (Curve25519 scalar multiplication of the base point).
	 * @return the public half of the pair
	 */
	public CurveKey publicKey() {
		try {
			KeyFactory factory = KeyFactory.getInstance("X25519");
			var secret = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, this.bytes));
			var basePoint = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BigInteger.valueOf(9)));
			KeyAgreement agreement = KeyAgreement.getInstance("X25519");
			agreement.init(secret);
			agreement.doPhase(basePoint, true);
			return new CurveKey(agreement.generateSecret());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK's X25519 could not derive a public key", ex);
		}
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof CurveKey key) && Arrays.equals(this.bytes, key.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.bytes);
	}

	/** Never the key itself, which may be secret: {@link #z85()} says it where that is meant. */
	@Override
	public String toString() {
		return "CurveKey[not shown]";
	}

}
