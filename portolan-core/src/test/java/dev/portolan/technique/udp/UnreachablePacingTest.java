package dev.portolan.technique.udp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The credit model of a host that rate-limits its ICMP errors. */
class UnreachablePacingTest {
    private static final long S = 1_000_000_000L;

    @Test
    void anUnlimitedHostMaySendAlways() {
        UnreachablePacing p = new UnreachablePacing();
        assertThat(p.maySend(0)).isTrue();
        assertThat(p.nanosUntilCredit(0)).isZero();
    }

    @Test
    void aLimitedHostGetsOneCreditPerInterval() {
        UnreachablePacing p = new UnreachablePacing();
        p.limit(0);
        long interval = p.intervalNanos();
        assertThat(interval).isBetween(S, 2 * S);
        assertThat(p.maySend(interval / 2)).isFalse();
        assertThat(p.nanosUntilCredit(interval / 2)).isBetween(interval / 2 - 1, interval / 2 + 1);
        assertThat(p.maySend(interval)).isTrue();
        p.spend(interval);
        assertThat(p.maySend(interval + 1)).isFalse();
        // credits never pile up beyond one: a long silence does not turn into a burst the target would not answer
        assertThat(p.maySend(10 * interval)).isTrue();
        p.spend(10 * interval);
        assertThat(p.maySend(10 * interval)).isFalse();
    }

    @Test
    void aProbeThatDrewNoUnreachableGivesItsCreditBack() {
        UnreachablePacing p = new UnreachablePacing();
        p.limit(0);
        long t = p.intervalNanos();
        p.spend(t);
        p.giveBack(t + 1000);
        assertThat(p.maySend(t + 1000)).isTrue();
    }

    @Test
    void aContradictionSlowsThePace() {
        UnreachablePacing p = new UnreachablePacing();
        long before = p.intervalNanos();
        p.slower();
        assertThat(p.intervalNanos()).isGreaterThan(before);
        for (int i = 0; i < 20; i++) {
            p.slower();
        }
        assertThat(p.intervalNanos()).isEqualTo(UnreachablePacing.MAX_INTERVAL_NANOS);
    }

    /** One miss on the kernel's timer jitter must not slow the rest of a scan for good (it once made 200 ports 646 s). */
    @Test
    void answersOnTimeBringThePaceBackToTheDefault() {
        UnreachablePacing p = new UnreachablePacing();
        long base = p.intervalNanos();
        for (int i = 0; i < 20; i++) {
            p.slower();
        }
        for (int i = 0; i < 40; i++) {
            p.faster();
        }
        assertThat(p.intervalNanos()).isLessThan(base + base / 10).isGreaterThanOrEqualTo(base);
        p.faster();
        assertThat(p.intervalNanos()).isGreaterThanOrEqualTo(base);
        // a limit that really is slower keeps winning: one miss per three answers still holds the pace above base
        UnreachablePacing slow = new UnreachablePacing();
        for (int round = 0; round < 30; round++) {
            slow.slower();
            slow.faster();
            slow.faster();
            slow.faster();
        }
        assertThat(slow.intervalNanos()).isGreaterThan(base);
    }
}
