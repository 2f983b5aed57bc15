package dev.portolan.craft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceAddressesTest {
    private static List<String> parse(String text) {
        return SourceAddresses.parse(text).stream().map(InetAddress::getHostAddress).toList();
    }

    @Test
    void listsLastOctetRangesAndFullRangesInOrderEachOnce() {
        assertThat(parse("198.51.100.1,198.51.100.9-12,198.51.100.1")).containsExactly("198.51.100.1",
                "198.51.100.9", "198.51.100.10", "198.51.100.11", "198.51.100.12");
        assertThat(parse("198.51.100.254-198.51.101.1")).containsExactly("198.51.100.254", "198.51.100.255",
                "198.51.101.0", "198.51.101.1");
        assertThat(parse("2001:db8::fe-2001:db8::101")).containsExactly("2001:db8:0:0:0:0:0:fe",
                "2001:db8:0:0:0:0:0:ff", "2001:db8:0:0:0:0:0:100", "2001:db8:0:0:0:0:0:101");
        assertThat(parse(" 203.0.113.5 ")).containsExactly("203.0.113.5");
    }

    @Test
    void tellsAListFromOneAddress() {
        assertThat(SourceAddresses.isList("198.51.100.1")).isFalse();
        assertThat(SourceAddresses.isList("2001:db8::1")).isFalse();
        assertThat(SourceAddresses.isList("198.51.100.1-4")).isTrue();
        assertThat(SourceAddresses.isList("198.51.100.1,198.51.100.3")).isTrue();
    }

    @Test
    void refusesWhatIsNotAListOfAddressesInOneLine() {
        for (String[] bad : new String[][] {
                {"198.51.100.9-3", "ends before it starts"},
                {"198.51.100.1-256", "ends past .255"},
                {"198.51.100.1-2001:db8::1", "mixes IPv4 and IPv6"},
                {"host.example", "'host.example' is not an IP address"},
                {"198.51.100.1,", "'' is not an IP address"},
                {"10.0.0.0-10.0.1.0", "more than 256 source addresses"},
                {"10.0.0.1-255,10.0.1.1-255", "more than 256 source addresses"}}) {
            assertThatThrownBy(() -> SourceAddresses.parse(bad[0])).as(bad[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("-S " + bad[0] + ": ").hasMessageContaining(bad[1])
                    .hasMessageNotContaining("\n");
        }
    }
}
