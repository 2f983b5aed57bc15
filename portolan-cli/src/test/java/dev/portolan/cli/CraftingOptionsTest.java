package dev.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.craft.ProbeCrafting;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The raw-only options with the connect scan: nmap's warnings, and the scan runs as without them; with the UDP
 * scan, the ones its plain sockets cannot honour.
 */
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
    void theUdpScanHonoursWhatAPlainSocketCanSetAndNamesTheRest() {
        Cli.Result r = Cli.run("scan", "-sU", "-Pn", "-n", "-p", "9", "-g", "45001", "--ttl", "9", "--data-length",
                "20", "--badsum", "-f", "127.0.0.1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.errLines()).containsExactly("Warning: the UDP scan (-sU) sends from a plain UDP socket: --badsum,"
                + " -f ignored");
        assertThat(r.out()).contains("9/udp");
    }

    @Test
    void theUdpScanRefusesTtlZeroInOneLine() {
        Cli.Result r = Cli.run("scan", "-sU", "-Pn", "-n", "-p", "9", "--ttl", "0", "127.0.0.1");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).containsExactly("portolan: --ttl 0: the UDP scan (-sU) sends from plain UDP sockets,"
                + " whose TTL is 1 to 255");
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

    /** What {@link Crafting#checkFamilies} says for the crafting built by {@code b} and targets of those families. */
    private static String families(ProbeCrafting.Builder b, boolean ipv4, boolean ipv6) {
        StringWriter text = new StringWriter();
        Warnings w = new Warnings(new PrintWriter(text), false, new Screen(new PrintStream(PrintStream.nullOutputStream())));
        Crafting.checkFamilies(b.build(), ipv4, ipv6, w);
        return text.toString().strip();
    }

    private static ProbeCrafting.Builder decoys(String list) {
        return ProbeCrafting.builder().decoys(ProbeCrafting.parseDecoys(list, new SplittableRandom(1)));
    }

    @Test
    void aSourceOrDecoyOfAFamilyNoTargetHasIsAUsageError() {
        assertThatThrownBy(() -> families(ProbeCrafting.builder().source("198.51.100.9"), false, true))
                .isInstanceOf(UsageException.class)
                .hasMessage("-S 198.51.100.9: an IPv4 source, but every target is IPv6");
        assertThatThrownBy(() -> families(ProbeCrafting.builder().source("2001:db8::9"), true, false))
                .isInstanceOf(UsageException.class)
                .hasMessage("-S 2001:db8::9: an IPv6 source, but every target is IPv4");
        assertThatThrownBy(() -> families(decoys("2001:db8::5,ME,192.0.2.5"), false, true))
                .isInstanceOf(UsageException.class)
                .hasMessage("-D 192.0.2.5: an IPv4 decoy, but every target is IPv6");
        assertThatThrownBy(() -> families(decoys("2001:db8::5,ME"), true, false))
                .isInstanceOf(UsageException.class)
                .hasMessage("-D 2001:db8::5: an IPv6 decoy, but every target is IPv4");
    }

    @Test
    void eachFamilyGetsItsOwnAndMixedTargetsAreWarnedAbout() {
        assertThat(families(ProbeCrafting.builder().source("2001:db8::9"), false, true)).isEmpty();
        assertThat(families(decoys("2001:db8::5,ME,RND:3"), false, true)).isEmpty();
        // RND has an address of each family
        assertThat(families(decoys("RND:3"), true, true)).isEmpty();
        assertThat(families(decoys("RND,192.0.2.5,2001:db8::5"), true, true)).isEmpty();
        assertThat(families(ProbeCrafting.builder().source("198.51.100.9"), true, true)).isEqualTo("Warning: -S "
                + "198.51.100.9 is IPv4: the IPv6 targets are probed from their route's source");
        assertThat(families(decoys("192.0.2.5,ME"), true, true)).isEqualTo("Warning: -D lists IPv4 decoys only: "
                + "the IPv6 targets are probed without decoys");
    }
}
