package dev.portolan.technique.udp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.result.PortState;
import dev.portolan.result.Reason;
import org.junit.jupiter.api.Test;

/** ICMP and ICMPv6 errors read as nmap reads them for a UDP probe. */
class UdpOutcomeTest {

    @Test
    void portUnreachableIsClosedOtherUnreachablesFiltered() {
        assertThat(UdpOutcome.ofIcmp(false, 3, 3)).contains(UdpOutcome.CLOSED);
        assertThat(UdpOutcome.ofIcmp(true, 1, 4)).contains(UdpOutcome.CLOSED);
        assertThat(UdpOutcome.CLOSED.state()).isEqualTo(PortState.CLOSED);
        assertThat(UdpOutcome.CLOSED.reason()).isEqualTo(Reason.PORT_UNREACH);
        int[] v4Filtered = {0, 1, 2, 9, 10, 13};
        Reason[] v4Reasons = {Reason.NET_UNREACH, Reason.HOST_UNREACH, Reason.PROTO_UNREACH, Reason.NET_PROHIBITED,
            Reason.HOST_PROHIBITED, Reason.ADMIN_PROHIBITED};
        for (int i = 0; i < v4Filtered.length; i++) {
            UdpOutcome o = UdpOutcome.ofIcmp(false, 3, v4Filtered[i]).orElseThrow();
            assertThat(o.state()).isEqualTo(PortState.FILTERED);
            assertThat(o.reason()).isEqualTo(v4Reasons[i]);
        }
        assertThat(UdpOutcome.ofIcmp(true, 1, 1).orElseThrow().reason()).isEqualTo(Reason.ADMIN_PROHIBITED);
        assertThat(UdpOutcome.ofIcmp(true, 1, 0).orElseThrow().reason()).isEqualTo(Reason.NO_ROUTE);
        assertThat(UdpOutcome.ofIcmp(true, 1, 6).orElseThrow().reason()).isEqualTo(Reason.REJECT_ROUTE);
    }

    @Test
    void otherMessagesDecideNothing() {
        assertThat(UdpOutcome.ofIcmp(false, 11, 0)).isEmpty();
        assertThat(UdpOutcome.ofIcmp(false, 3, 4)).isEmpty();
        assertThat(UdpOutcome.ofIcmp(true, 3, 0)).isEmpty();
        assertThat(UdpOutcome.ofIcmp(true, 1, 7)).isEmpty();
    }

    @Test
    void silenceIsOpenFilteredAndAReplyOpen() {
        assertThat(UdpOutcome.OPEN_FILTERED.state()).isEqualTo(PortState.OPEN_FILTERED);
        assertThat(UdpOutcome.OPEN_FILTERED.reason()).isEqualTo(Reason.NO_RESPONSE);
        assertThat(UdpOutcome.OPEN.reason()).isEqualTo(Reason.UDP_RESPONSE);
    }
}
