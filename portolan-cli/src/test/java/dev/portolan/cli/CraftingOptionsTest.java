package dev.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The raw-only options with the connect scan: nmap's warnings, and the scan runs as without them. */
class CraftingOptionsTest {

    @Test
    void sourcePortWithTheConnectScanIsIgnoredWithNmapsWarning() {
        Cli.Result r = Cli.run("scan", "-sT", "-Pn", "-n", "-p", "1", "-g", "53", "127.0.0.1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.errLines()).containsExactly("Warning: -g is ignored by the connect scan (-sT): use a raw scan "
                + "such as -sS to set the source port");
        assertThat(r.out()).contains("1/tcp");
    }

    @Test
    void otherRawOptionsWithTheConnectScanAreNamedInOneWarning() {
        Cli.Result r = Cli.run("scan", "-sT", "-Pn", "-n", "-p", "1", "--ttl", "9", "--data-length", "20", "--badsum",
                "-D", "192.0.2.5,ME", "-g", "53", "127.0.0.1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.errLines()).hasSize(2);
        assertThat(r.errLines().get(1)).isEqualTo("Warning: --ttl, --data-length, --badsum, -D: these need raw "
                + "sockets and are not honoured by the connect scan (-sT)");
    }

    @Test
    void helpListsTheEvasionGroupBetweenTimingAndOutput() {
        String help = Cli.run("scan", "--help").out();

        assertThat(help).containsSubsequence("\nTIMING AND PERFORMANCE:\n", "\nFIREWALL/IDS EVASION AND SPOOFING:\n",
                "-f ", "--mtu N", "-D DECOYS", "-S ADDRESS", "-e IFACE", "-g, --source-port PORT", "--data-length N",
                "--ttl N", "--badsum", "\nOUTPUT:\n");
        assertThat(help).containsSubsequence("PORT SPECIFICATION AND SCAN ORDER:", "--seed N", "--shard I/N",
                "TIMING AND PERFORMANCE:");
    }
}
