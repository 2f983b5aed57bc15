package dev.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScanFlagsTest {

    @Test
    void namesInAnyOrder() {
        assertThat(ScanFlags.parse("URGACKPSHRSTSYNFIN")).isEqualTo(0x3f);
        assertThat(ScanFlags.parse("finsyn")).isEqualTo(0x03);
        assertThat(ScanFlags.parse("SYNFIN")).isEqualTo(0x03);
        assertThat(ScanFlags.parse("PSHACK")).isEqualTo(0x18);
        assertThat(ScanFlags.parse("ECECWR")).isEqualTo(0xc0);
        assertThat(ScanFlags.parse("ALL")).isEqualTo(0xff);
        assertThat(ScanFlags.parse("NONE")).isZero();
    }

    @Test
    void numbersAsStrtolReadsThem() {
        assertThat(ScanFlags.parse("9")).isEqualTo(9);
        assertThat(ScanFlags.parse("0x09")).isEqualTo(9);
        assertThat(ScanFlags.parse("011")).isEqualTo(9);
        assertThat(ScanFlags.parse("255")).isEqualTo(255);
        assertThat(ScanFlags.parse("0")).isZero();
    }

    @Test
    void anythingElseIsOneLineOfBadInput() {
        for (String bad : new String[] {"", "256", "0x100", "SYNFOO", "SY", "12ab", "-1"}) {
            assertThatThrownBy(() -> ScanFlags.parse(bad)).as(bad).isInstanceOf(UsageException.class)
                    .hasMessageStartingWith("--scanflags").hasMessageNotContaining("\n");
        }
    }
}
