package io.mediafleet.scheduler.burn;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The budget of not-yet-admitted connections sheds the oldest, per address first, never the newcomer.
 */
class AnonymousBudgetTests {

	private static final InetAddress A = address(1);

	private static final InetAddress B = address(2);

	private static InetAddress address(int last) {
		try {
			return InetAddress.getByAddress(new byte[] { (byte) 192, 0, 2, (byte) last });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void aNewcomerBeyondTheTotalShedsTheOldestConnectionOfAnyAddress() {
		AnonymousBudget<String> budget = new AnonymousBudget<>(3, 10);
		assertThat(budget.enter("a1", A)).isEmpty();
		assertThat(budget.enter("b1", B)).isEmpty();
		assertThat(budget.enter("a2", A)).isEmpty();
		assertThat(budget.enter("b2", B)).containsExactly("a1");
		assertThat(budget.enter("b3", B)).containsExactly("b1");
		assertThat(budget.size()).isEqualTo(3);
		assertThat(budget.size(A)).isEqualTo(1);
	}

	@Test
	void anAddressAtItsCapShedsOnlyItsOwnOldest() {
		AnonymousBudget<String> budget = new AnonymousBudget<>(10, 2);
		budget.enter("b1", B);
		budget.enter("a1", A);
		budget.enter("a2", A);
		assertThat(budget.enter("a3", A)).containsExactly("a1");
		assertThat(budget.enter("a4", A)).containsExactly("a2");
		assertThat(budget.size(B)).isEqualTo(1);
		assertThat(budget.size(A)).isEqualTo(2);
	}

	@Test
	void admittedOrClosedConnectionsLeaveTheBudgetAndAreNeverShed() {
		AnonymousBudget<String> budget = new AnonymousBudget<>(2, 2);
		budget.enter("a1", A);
		budget.enter("a2", A);
		assertThat(budget.leave("a1")).isTrue();
		assertThat(budget.leave("a1")).isFalse();
		assertThat(budget.enter("a3", A)).isEmpty();
		assertThat(budget.enter("a4", A)).containsExactly("a2");
		assertThat(budget.size()).isEqualTo(2);
	}

	@Test
	void limitsBelowOneAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AnonymousBudget<String>(0, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new AnonymousBudget<String>(1, 0));
	}

}
