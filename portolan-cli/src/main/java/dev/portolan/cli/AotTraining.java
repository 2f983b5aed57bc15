package dev.portolan.cli;

import dev.portolan.api.DnsMode;
import dev.portolan.api.Scan;
import dev.portolan.api.ScanConfig;
import dev.portolan.net.NativeAccess;
import dev.portolan.net.Privileges;
import dev.portolan.report.ReportFormat;
import dev.portolan.report.ReportOptions;
import dev.portolan.target.PortList;
import dev.portolan.target.TargetOptions;
import dev.portolan.target.TargetSet;
import dev.portolan.technique.discovery.DiscoveryEngineProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The work of typical starts, run once when the launcher records the AOT cache: the help, a scan of loopback
 * large enough to reach the native paths (raw SYN with root rights, connect without) writing every report format,
 * a connect scan (which a root run never reaches by default), the default port ranking with the local host's
 * discovery, IPv6 loopback and discovery: of this host, and a sweep of 1024 loopback addresses large enough to take
 * the path of a large sweep (its send threads, its reports), whose classes and lambdas then come from the cache.
 * Only loopback (127.0.0.0/8, ::1) is ever probed, and no name is looked up (-n, --no-netbios): a cache recording
 * sends nothing off the machine.
 */
final class AotTraining {
    private AotTraining() {
    }

    static void run() {
        PrintWriter out = new PrintWriter(new StringWriter());
        Main.run(new String[] {"scan", "--help"}, out, out);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("portolan-aot");
            String base = dir.resolve("t").toString();
            Main.run(new String[] {"scan", "-q", "-n", "-Pn", "-p", "1-25000", "127.0.0.1", "-oA", base,
                "-oJ", base + ".json", "-oC", base + ".csv", "--ndjson", base + ".ndjson"}, out, out);
            Main.run(new String[] {"scan", "-q", "-n", "-Pn", "-sT", "-p", "1-1000", "127.0.0.1"}, out, out);
            Main.run(new String[] {"scan", "-n", "-F", "127.0.0.1"}, out, out);
            Main.run(new String[] {"scan", "-q", "-n", "-Pn", "-p", "1-1000", "::1"}, out, out);
            Main.run(new String[] {"discover", "-n", "--no-netbios", "127.0.0.1"}, out, out);
            sweepLoopback(base + ".sweep.xml");
        } catch (IOException e) {
            // Training is best effort: a cache from the help alone still speeds up the start.
        } finally {
            deleteAll(dir);
        }
    }

    /**
     * A raw ping sweep of 127.0.4.0/22 with the reports of {@code portolan discover}: the command itself would
     * report this machine's addresses up without a probe, so the engine here probes them as any other host.
     */
    private static void sweepLoopback(String xml) throws IOException {
        boolean raw = NativeAccess.available() && Privileges.current().rawSockets();
        ScanConfig config = ScanConfig.builder(TargetSet.parse(List.of("127.0.4.0/22"),
                        TargetOptions.builder().build()), PortList.empty())
                .pingOnly(true)
                .dnsMode(DnsMode.NEVER)
                .netbios(false)
                .discovery(PingFlags.options(List.of(), false, 1, null, raw))
                .build();
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        PrintWriter lines = new PrintWriter(discard);
        try (OutputStream file = Files.newOutputStream(Path.of(xml))) {
            Scan.withEngine(config, DiscoveryEngineProvider.probingOwnAddresses())
                    .sink(new SweepLines(lines, discard, lines, new Screen(discard), SweepLines.Mode.TABLE))
                    .sink(ReportFormat.XML.open(file, new ReportOptions(false, true, 0)))
                    .run();
        }
    }

    private static void deleteAll(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
