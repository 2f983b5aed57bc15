package dev.portolan.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.result.ScanInfo;
import dev.portolan.service.ServiceNames;
import dev.portolan.target.PortList;
import dev.portolan.target.TargetOptions;
import dev.portolan.target.TargetSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** --scanflags in the run's scan information, as nmap's scaninfo records name them. */
class ScanInfoFlagsTest {
    private static ScanConfig.Builder config() {
        return ScanConfig.builder(TargetSet.parse(List.of("192.0.2.1"), TargetOptions.defaults()),
                PortList.parse("T:22,U:53", ServiceNames.builtin()));
    }

    @Test
    void flagsAreNamedFinFirstWithoutSeparators() {
        assertThat(ScanInfo.flagNames(0x29)).isEqualTo("FINPSHURG");
        assertThat(ScanInfo.flagNames(0x02)).isEqualTo("SYN");
        assertThat(ScanInfo.flagNames(0x12)).isEqualTo("SYNACK");
        assertThat(ScanInfo.flagNames(0xff)).isEqualTo("FINSYNRSTPSHACKURGECECWR");
        assertThat(ScanInfo.flagNames(0)).isEmpty();
    }

    @Test
    void theTcpRecordCarriesTheFlagsAndTheUdpRecordDoesNot() {
        List<ScanInfo> infos = Scan.scanInfos(config().scanTypes(EnumSet.of(ScanType.SYN, ScanType.UDP))
                .scanFlags(0x29).build());
        assertThat(infos).extracting(ScanInfo::type).containsExactly("syn", "udp");
        assertThat(infos.get(0).scanFlags()).contains("FINPSHURG");
        assertThat(infos.get(1).scanFlags()).isEmpty();
    }

    @Test
    void withoutScanflagsNothingIsNamed() {
        List<ScanInfo> infos = Scan.scanInfos(config().scanTypes(EnumSet.of(ScanType.SYN)).build());
        assertThat(infos.getFirst().scanFlags()).isEqualTo(Optional.empty());
    }
}
