package dev.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.api.ScanType;
import dev.portolan.net.NativeAccess;
import dev.portolan.net.Privileges;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ScanTypeChoiceTest {

    private static ScanCommand command(boolean syn, boolean connect) {
        ScanCommand cmd = new ScanCommand();
        cmd.technique.syn = syn;
        cmd.technique.connect = connect;
        return cmd;
    }

    @Test
    void synWithRawRightsIsSyn() {
        assertThat(command(true, false).scanTypes(true)).isEqualTo(EnumSet.of(ScanType.SYN));
    }

    @Test
    void synWithoutRawRightsFallsBackToConnectAndAsksForTheWarning() {
        ScanCommand cmd = command(true, false);
        assertThat(cmd.scanTypes(false)).isEqualTo(EnumSet.of(ScanType.CONNECT));
        assertThat(cmd.wantsSyn(false)).isTrue();
    }

    @Test
    void theDefaultFollowsSynByDefault() {
        ScanCommand cmd = command(false, false);
        assertThat(cmd.scanTypes(true)).isEqualTo(EnumSet.of(ScanCommand.SYN_BY_DEFAULT ? ScanType.SYN
                : ScanType.CONNECT));
        assertThat(cmd.scanTypes(false)).isEqualTo(EnumSet.of(ScanType.CONNECT));
        assertThat(cmd.wantsSyn(false)).isFalse();
    }

    @Test
    void aPingScanKeepsTheConnectPingByDefault() {
        ScanCommand cmd = command(false, false);
        cmd.discovery.pingOnly = true;
        assertThat(cmd.scanTypes(true)).isEqualTo(EnumSet.of(ScanType.CONNECT));
    }

    @Test
    void connectIsConnect() {
        assertThat(command(false, true).scanTypes(true)).isEqualTo(EnumSet.of(ScanType.CONNECT));
    }

    @Test
    void everyRawTypeRunsAsNamed() {
        ScanCommand cmd = command(false, false);
        cmd.technique.fin = true;
        assertThat(cmd.scanTypes(true)).isEqualTo(EnumSet.of(ScanType.FIN));
        assertThat(cmd.strictRawType()).contains(ScanType.FIN);
        ScanCommand ack = command(false, false);
        ack.technique.ack = true;
        assertThat(ack.scanTypes(true)).isEqualTo(EnumSet.of(ScanType.ACK));
        assertThat(command(true, false).strictRawType()).isEmpty();
    }

    @Test
    void scanFlagsAloneAreASynScan() {
        ScanCommand cmd = command(false, false);
        cmd.technique.scanFlags = "FIN";
        assertThat(cmd.scanTypes(true)).isEqualTo(EnumSet.of(ScanType.SYN));
    }

    @Test
    void twoRawTypesAreOneLineOfBadInput() {
        Cli.Result r = Cli.run("scan", "-sF", "-sX", "-p", "80", "127.0.0.1");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().strip()).isEqualTo("portolan: -sF with -sX: choose one TCP scan type");
        Cli.Result flags = Cli.run("scan", "--scanflags", "BOGUS", "-p", "80", "127.0.0.1");
        assertThat(flags.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(flags.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void aRawTypeWithoutRightsIsRefusedInOneLine() {
        boolean raw = NativeAccess.available() && Privileges.current().rawSockets();
        Cli.Result r = Cli.run("scan", "-sA", "-Pn", "-p", "80", "127.0.0.1");
        if (raw) {
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).containsPattern("80/tcp\\s+unfiltered");
        } else {
            assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(r.err().strip()).isEqualTo("portolan: -sA needs raw sockets (root or CAP_NET_RAW); only -sS"
                    + " falls back to -sT");
        }
    }

    @Test
    void bothTypesAreOneLineOfBadInput() {
        Cli.Result r = Cli.run("scan", "-sS", "-sT", "-p", "80", "127.0.0.1");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("-sS with -sT: choose one TCP scan type");
    }

    @Test
    void synScanOfLoopbackFindsTheListenerOrFallsBackInOneLine() throws IOException {
        boolean raw = NativeAccess.available() && Privileges.current().rawSockets();
        try (ServerSocket ss = new ServerSocket()) {
            ss.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ss.getLocalPort();
            Cli.Result r = Cli.run("scan", "-sS", "--reason", "-p", Integer.toString(port), "127.0.0.1");
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).containsPattern(port + "/tcp\\s+open");
            if (raw) {
                // only the SYN engine knows the reply's TTL: the connect scan reports none
                assertThat(r.out()).contains("syn-ack ttl 64");
                assertThat(r.err()).doesNotContain(ScanRun.SYN_FALLBACK);
            } else {
                assertThat(r.err()).contains(ScanRun.SYN_FALLBACK);
            }
        }
    }
}
