package dev.portolan.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HardwareAddressTest {

    @Test
    void printsAndParsesColonHex() {
        HardwareAddress a = HardwareAddress.of(new byte[] {2, (byte) 0xfc, 0, 0, 0, 1});
        assertThat(a).hasToString("02:fc:00:00:00:01");
        assertThat(HardwareAddress.parse("02:FC:00:00:00:01")).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(a.isEthernet()).isTrue();
        assertThat(a.isZero()).isFalse();
        assertThat(HardwareAddress.of(new byte[6]).isZero()).isTrue();
        assertThat(HardwareAddress.parse("0a:0b").length()).isEqualTo(2);
    }

    @Test
    void isImmutable() {
        byte[] raw = {1, 2, 3, 4, 5, 6};
        HardwareAddress a = HardwareAddress.of(raw);
        raw[0] = 9;
        a.bytes()[1] = 9;
        assertThat(a).hasToString("01:02:03:04:05:06");
    }

    @Test
    void badTextNamesItself() {
        for (String bad : new String[] {"", "0", "02:fc:0", "02-fc-00-00-00-01", "zz:00", "02:fc:"}) {
            assertThatThrownBy(() -> HardwareAddress.parse(bad)).as(bad)
                    .hasMessage("not a hardware address: \"" + bad + "\"");
        }
        assertThatThrownBy(() -> HardwareAddress.of(new byte[0]))
                .hasMessage("hardware address of 0 bytes, expected 1..32");
    }
}
