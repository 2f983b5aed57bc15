package dev.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.result.HostInventory;
import dev.portolan.result.NetbiosInfo;
import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.HostTimes;
import dev.portolan.result.Reason;
import dev.portolan.target.Target;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiscoverCommandTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-PX 127.0.0.1|-PX: unknown probe type; use -PE -PP -PM -PS[ports] -PA[ports] -PU[ports] -PR (or -Pn to skip discovery)",
        "-PS70000 127.0.0.1|-PS70000: '70000' is not a port (1-65535)",
        "-c 0 127.0.0.1|-c 0: must be 1 to 255",
        "--alive --unreachable 127.0.0.1|--alive and --unreachable: choose one list",
        "--dns-servers 192.0.2.53,ns1.example 127.0.0.1|--dns-servers 192.0.2.53,ns1.example: 'ns1.example' is not an IP address (give name servers by address)",
        "--dns-servers 192.0.2.53:99999 127.0.0.1|--dns-servers 192.0.2.53:99999: '192.0.2.53:99999': port '99999' is not 1 to 65535",
        "-n|no targets given: name hosts, networks or ranges, or use -iL FILE",
        "-n 300.1.1.1|"})
    void badInputIsOneLineAndExitTwo(String args, String message) {
        Cli.Result r = Cli.run(("discover " + args).split(" "));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("portolan: ").doesNotContain("Exception").doesNotContain("\tat ");
        if (message != null) {
            assertThat(r.err().strip()).isEqualTo("portolan: " + message);
        }
    }

    @Test
    void loopbackIsAliveWithoutAProbe() {
        Cli.Result r = Cli.run("discover", "-n", "-q", "127.0.0.1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).hasSize(2);
        assertThat(r.out().lines().findFirst().orElseThrow()).startsWith("127.0.0.1 ").endsWith("localhost-response");
        assertThat(r.out()).contains("1 addresses: 1 alive, 0 unreachable, in ");
    }

    @Test
    void aliveListHoldsAddressesOnly() {
        Cli.Result r = Cli.run("discover", "-n", "-q", "--alive", "127.0.0.1", "127.0.0.2");
        assertThat(r.out().lines().toList()).containsExactly("127.0.0.1", "127.0.0.2");
        assertThat(r.err()).contains("2 addresses: 2 alive");
    }

    @Test
    void lineCarriesTheInventory() throws Exception {
        HostInventory inv = new HostInventory(Optional.of("DC:A6:32:00:00:07"), Optional.of("Raspberry Pi Trading Ltd"),
                64, Optional.of("PE"), Optional.of(new HostInventory.PingStats(3, 2, 80, 100, 120)));
        HostResult host = new HostResult(Target.of(InetAddress.getByName("198.51.100.7")), HostStatus.UP,
                Reason.ECHO_REPLY, List.of("h7.lab.test"), List.of(), Instant.EPOCH, Instant.EPOCH,
                Optional.of(new HostTimes(120, 50, 100_000)), false, inv);
        assertThat(SweepLines.line(host)).isEqualTo("198.51.100.7     h7.lab.test               DC:A6:32:00:00:07  "
                + "Raspberry Pi Trading Ltd    0.12 ms  ttl 64   echo-reply (PE)  xmt/rcv/%loss = 3/2/33%, "
                + "min/avg/max = 0.08/0.10/0.12 ms");
        HostResult windows = host.withInventory(HostInventory.NONE.withNetbios(new NetbiosInfo("WS01",
                Optional.of("LABGROUP"), Optional.empty(), Optional.empty(), List.of("WS01<00>"))));
        assertThat(SweepLines.line(windows)).endsWith("echo-reply  netbios LABGROUP\\WS01");
    }

    /** Lines written as bytes to standard output are the writer's lines, in that stream's charset. */
    @Test
    void linesAsBytesMatchTheWriterInTheStreamsCharset() throws Exception {
        HostInventory inv = new HostInventory(Optional.of("00:00:5E:00:53:01"), Optional.of("Zürich Netz AG"), 64,
                Optional.of("PE"), Optional.empty());
        List<HostResult> hosts = new java.util.ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            hosts.add(new HostResult(Target.of(InetAddress.getByName("198.51.100." + (i % 250))),
                    i % 7 == 0 ? HostStatus.DOWN : HostStatus.UP, Reason.ECHO_REPLY, List.of(), List.of(),
                    Instant.EPOCH, Instant.EPOCH, Optional.of(new HostTimes(120 + i, 50, 100_000)), false, inv));
        }
        java.io.StringWriter chars = new java.io.StringWriter();
        java.io.StringWriter ignored = new java.io.StringWriter();
        Screen screen = new Screen(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        new SweepLines(new java.io.PrintWriter(chars), new java.io.PrintWriter(ignored), screen,
                SweepLines.Mode.TABLE).acceptAll(hosts);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.nio.charset.Charset latin1 = java.nio.charset.StandardCharsets.ISO_8859_1;
        var stream = new java.io.PrintStream(bytes, false, latin1);
        new SweepLines(new java.io.PrintWriter(stream), stream, new java.io.PrintWriter(ignored), screen,
                SweepLines.Mode.TABLE).acceptAll(hosts);

        assertThat(chars.toString()).contains("Zürich Netz AG").hasLineCount(300 - 300 / 7);
        assertThat(bytes.toByteArray()).isEqualTo(chars.toString().getBytes(latin1));
    }

    /** The summary line, its seconds written by hand as %.2f would write them, an interruption said. */
    @Test
    void summaryLineCountsAndTimesTheSweep() {
        Screen screen = new Screen(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        for (long millis : new long[]{0, 4, 5, 805, 1234, 61_999}) {
            for (boolean interrupted : new boolean[]{false, true}) {
                java.io.StringWriter summary = new java.io.StringWriter();
                SweepLines lines = new SweepLines(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                        new java.io.PrintWriter(summary), screen, SweepLines.Mode.TABLE);
                lines.close(new dev.portolan.result.ScanSummary(java.time.Instant.EPOCH, millis, 0, 0, 0, interrupted,
                        java.util.Optional.empty(), 0, 0, 0));
                assertThat(summary.toString()).isEqualTo(String.format(java.util.Locale.ROOT,
                        "0 addresses: 0 alive, 0 unreachable, in %.2f s%s%n", (millis + 5) / 10 / 100.0,
                        interrupted ? " (interrupted)" : ""));
            }
        }
    }

    /** The hand-made milliseconds read as %.2f prints them, rounding included. */
    @Test
    void millisecondsAsFormatPrintsThem() {
        for (long micros : new long[]{0, 1, 4, 5, 9, 10, 15, 99, 995, 1004, 1005, 1_234_567, 9_999_995}) {
            assertThat(SweepLines.millis(micros)).as("%d µs", micros)
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", micros / 1000.0));
        }
    }
}
