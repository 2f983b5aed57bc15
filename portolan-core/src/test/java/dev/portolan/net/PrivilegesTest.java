package dev.portolan.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrivilegesTest {

    private static String status(String uid, String capEff) {
        return "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t" + uid + "\nGid:\t0\t0\t0\t0\n"
                + "CapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapEff:\t" + capEff + "\n"
                + "CapBnd:\t000001ffffffffff\n";
    }

    @Test
    void rootWithEveryCapability() {
        assertThat(Privileges.parse(status("0\t0\t0\t0", "000001ffffffffff")))
                .isEqualTo(new Privileges(true, true, true));
    }

    @Test
    void aUserGivenCapNetRawAndCapNetAdminBySetcap() {
        // bits 12 and 13: 0x3000
        Privileges p = Privileges.parse(status("1000\t1000\t1000\t1000", "0000000000003000"));
        assertThat(p).isEqualTo(new Privileges(false, true, true));
        assertThat(p.rawSockets()).isTrue();
        assertThat(p.explanation()).isEqualTo("raw sockets allowed (CAP_NET_RAW)");
    }

    @Test
    void netRawAloneAndNetAdminAlone() {
        assertThat(Privileges.parse(status("1000\t1000\t1000\t1000", "0000000000002000")))
                .isEqualTo(new Privileges(false, true, false));
        assertThat(Privileges.parse(status("1000\t1000\t1000\t1000", "0000000000001000")))
                .isEqualTo(new Privileges(false, false, true));
    }

    @Test
    void rootInAContainerWithoutNetRawCannotOpenRawSockets() {
        // docker's default set without NET_RAW: chown, dac_override, fowner, fsetid, kill, setgid, setuid, ...
        Privileges p = Privileges.parse(status("0\t0\t0\t0", "00000000a80405fb"));
        assertThat(p).isEqualTo(new Privileges(true, false, false));
        assertThat(p.rawSockets()).isFalse();
        assertThat(p.explanation()).startsWith("raw sockets need root or CAP_NET_RAW: run as root or `setcap "
                + "cap_net_raw,cap_net_admin+eip /").endsWith("`");
    }

    @Test
    void theEffectiveUidIsTheSecondField() {
        assertThat(Privileges.parse(status("1000\t0\t1000\t0", "0000000000000000")).root()).isTrue();
        assertThat(Privileges.parse(status("0\t1000\t0\t1000", "0000000000000000")).root()).isFalse();
    }

    @Test
    void malformedStatusNamesTheToken() {
        assertThatThrownBy(() -> Privileges.parse(status("0\t0\t0\t0", "xyz")))
                .hasMessage("CapEff: not a capability mask: \"xyz\"");
        assertThatThrownBy(() -> Privileges.parse(status("0\t0\t0\t0", "00000000000000000")))
                .hasMessage("CapEff: not a capability mask: \"00000000000000000\"");
        assertThatThrownBy(() -> Privileges.parse("Name:\tjava\nUid:\t0\t0\t0\t0\n"))
                .hasMessage("no CapEff: line in the process status");
        assertThatThrownBy(() -> Privileges.parse(status("0", "0"))).hasMessage("Uid: no effective uid in \"0\"");
    }

    @Test
    void thisProcessCanBeAsked() {
        Privileges p = Privileges.current();
        assertThat(p.explanation()).isNotBlank();
        assertThat(Privileges.capabilities("000001ffffffffff")).isEqualTo(0x1ffffffffffL);
    }
}
