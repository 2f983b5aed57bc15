package dev.portolan.report;

import dev.portolan.result.HostInventory;
import dev.portolan.result.HostResult;
import dev.portolan.result.NetbiosInfo;
import dev.portolan.result.HostStatus;
import dev.portolan.result.HostTimes;
import dev.portolan.result.PortResult;
import dev.portolan.result.PortState;
import dev.portolan.result.Reason;
import dev.portolan.result.ScanInfo;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import dev.portolan.target.Protocol;
import dev.portolan.target.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The fixed scan every golden file is made from: four hosts of 1000 TCP ports each, fixed times, UTC. */
final class ReportFixtures {
    static final ZoneId UTC = ZoneId.of("UTC");
    static final Instant START = Instant.parse("2026-11-22T14:03:11.250Z");

    private ReportFixtures() {
    }

    static ScanMeta meta(int verbosity) {
        return new ScanMeta("portolan", "0.1.0",
                "portolan scan -sT -p 1-1000 --max-retries 2 www.example.com 2001:db8::10 192.0.2.20 192.0.2.21",
                START, List.of(new ScanInfo("connect", Protocol.TCP, 1000, "1-1000")), verbosity);
    }

    /** An IPv4 host named by the user, whose PTR name differs: 2 open, 996 closed, 3 filtered. */
    static HostResult named() {
        Map<Integer, PortResult> special = Map.of(
                22, port(22, PortState.OPEN, Reason.SYN_ACK, 64, "ssh"),
                80, port(80, PortState.OPEN, Reason.SYN_ACK, 64, "http"),
                25, port(25, PortState.FILTERED, Reason.NO_RESPONSE, 0, "smtp"),
                135, port(135, PortState.FILTERED, Reason.ADMIN_PROHIBITED, 243, "msrpc"),
                139, port(139, PortState.FILTERED, Reason.NO_RESPONSE, 0, "netbios-ssn"));
        return new HostResult(Target.named(address("192.0.2.10"), "www.example.com"), HostStatus.UP,
                Reason.ECHO_REPLY, List.of("web-1.example.net"), ports(special, PortState.CLOSED, Reason.RESET, 64),
                START.plusMillis(150), Instant.parse("2026-11-22T14:03:14.900Z"),
                Optional.of(new HostTimes(1180, 420, 100000)), false)
                .withInventory(HostInventory.NONE.withNetbios(new NetbiosInfo("WEB-1", Optional.of("EXAMPLE"),
                        Optional.empty(), Optional.of("00:1B:63:84:45:E6"),
                        List.of("WEB-1<00>", "EXAMPLE<00> group", "WEB-1<20>"))));
    }

    /** An IPv6 host without names: 1 open, 30 filtered (two reasons), 969 closed. */
    static HostResult ipv6() {
        Map<Integer, PortResult> special = new java.util.HashMap<>();
        special.put(443, port(443, PortState.OPEN, Reason.SYN_ACK, 57, "https"));
        for (int p = 600; p < 628; p++) {
            special.put(p, port(p, PortState.FILTERED, Reason.NO_RESPONSE, 0, null));
        }
        special.put(700, port(700, PortState.FILTERED, Reason.HOST_UNREACH, 57, null));
        special.put(701, port(701, PortState.FILTERED, Reason.HOST_UNREACH, 57, null));
        return new HostResult(Target.of(address("2001:db8::10")), HostStatus.UP, Reason.ECHO_REPLY, List.of(),
                ports(special, PortState.CLOSED, Reason.RESET, 57), START.plusMillis(160),
                Instant.parse("2026-11-22T14:03:16.020Z"), Optional.of(new HostTimes(82, 40, 100000)), false);
    }

    static HostResult down() {
        return new HostResult(Target.of(address("192.0.2.20")), HostStatus.DOWN, Reason.NO_RESPONSE, List.of(),
                List.of(), START.plusMillis(10), Instant.parse("2026-11-22T14:03:13.250Z"), Optional.empty(), false);
    }

    /** Cut short by --host-timeout after 40 ports: 1 open, 39 closed. */
    static HostResult timedOut() {
        List<PortResult> ports = new ArrayList<>();
        for (int p = 1; p <= 40; p++) {
            ports.add(p == 22 ? port(22, PortState.OPEN, Reason.SYN_ACK, 61, "ssh")
                    : port(p, PortState.CLOSED, Reason.RESET, 61, null));
        }
        return new HostResult(Target.of(address("192.0.2.21")), HostStatus.UP, Reason.ECHO_REPLY,
                List.of("slow.example.org"), ports, START.plusMillis(20), Instant.parse("2026-11-22T14:03:19.020Z"),
                Optional.of(new HostTimes(250000, 80000, 570000)), true);
    }

    static List<HostResult> hosts() {
        return List.of(named(), ipv6(), down(), timedOut());
    }

    static ScanSummary summary() {
        return new ScanSummary(Instant.parse("2026-11-22T14:03:20.450Z"), 9200, 3, 1, 4, false, Optional.empty(),
                4052, 36, 31);
    }

    /** The scan stopped by Ctrl-C after two hosts. */
    static List<HostResult> interruptedHosts() {
        return List.of(named(), down());
    }

    static ScanSummary interruptedSummary() {
        return new ScanSummary(Instant.parse("2026-11-22T14:03:15.050Z"), 3800, 1, 1, 2, true, Optional.empty(),
                2110, 12, 9);
    }

    static PortResult port(int number, PortState state, Reason reason, int ttl, String service) {
        return new PortResult(Protocol.TCP, number, state, reason, ttl, Optional.ofNullable(service));
    }

    /** Ports 1..1000: the special ones as given, every other one in {@code state} without a service name. */
    static List<PortResult> ports(Map<Integer, PortResult> special, PortState state, Reason reason, int ttl) {
        List<PortResult> ports = new ArrayList<>(1000);
        for (int p = 1; p <= 1000; p++) {
            ports.add(special.getOrDefault(p, port(p, state, reason, ttl, p == 443 ? "https" : null)));
        }
        return ports;
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** Runs a whole scan through a fresh sink of {@code format} and returns what it wrote. */
    static String render(ReportFormat format, ReportOptions options, ScanMeta meta, List<HostResult> hosts,
                         ScanSummary summary) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ResultSink sink = format.open(bytes, options)) {
            sink.open(meta);
            for (HostResult h : hosts) {
                sink.accept(h);
            }
            sink.close(summary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static ReportOptions options(boolean open, boolean reason, int verbosity) {
        return new ReportOptions(open, reason, verbosity, false, UTC);
    }
}
