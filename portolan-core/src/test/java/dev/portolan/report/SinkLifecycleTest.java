package dev.portolan.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.result.HostResult;
import dev.portolan.result.HostStatus;
import dev.portolan.result.Reason;
import dev.portolan.target.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The contract every format shares: lifecycle, no duplicates, a flush per host, the stream released at the end. */
class SinkLifecycleTest {

    /** Remembers whether it was flushed or closed. */
    private static final class TrackingStream extends ByteArrayOutputStream {
        int flushes;
        boolean closed;

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }

        String text() {
            return toString(StandardCharsets.UTF_8);
        }
    }

    private static final ReportOptions OPTIONS = ReportFixtures.options(false, false, 0);

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void aHostGivenTwiceIsWrittenOnce(ReportFormat format) {
        HostResult named = ReportFixtures.named();
        HostResult ipv6 = ReportFixtures.ipv6();
        String once = ReportFixtures.render(format, OPTIONS, ReportFixtures.meta(0), List.of(named, ipv6),
                ReportFixtures.summary());
        String twice = ReportFixtures.render(format, OPTIONS, ReportFixtures.meta(0), List.of(named, ipv6, named, ipv6,
                ReportFixtures.named()), ReportFixtures.summary());
        assertThat(twice).isEqualTo(once);
        assertThat(once).contains("2001:db8::10");
    }

    @Test
    void sameAddressUnderAnotherTargetNameIsAnotherHost() {
        HostResult plain = new HostResult(Target.of(ReportFixtures.address("192.0.2.10")), HostStatus.UP,
                Reason.ECHO_REPLY, List.of(), List.of(), ReportFixtures.START, ReportFixtures.START, Optional.empty(),
                false);
        String csv = ReportFixtures.render(ReportFormat.CSV, OPTIONS, ReportFixtures.meta(0),
                List.of(ReportFixtures.named(), plain, plain), ReportFixtures.summary());
        assertThat(csv.lines().filter(l -> l.startsWith("192.0.2.10,,"))).hasSize(1);
        assertThat(csv.lines().filter(l -> l.startsWith("192.0.2.10,www.example.com,"))).hasSize(5);
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void eachHostIsFlushedAsSoonAsItIsAccepted(ReportFormat format) throws IOException {
        TrackingStream stream = new TrackingStream();
        ResultSink sink = format.open(stream, OPTIONS);
        sink.open(ReportFixtures.meta(0));
        int flushesAfterOpen = stream.flushes;
        sink.accept(ReportFixtures.named());
        assertThat(stream.flushes).isGreaterThan(flushesAfterOpen);
        assertThat(stream.text()).contains("192.0.2.10");
        int flushesAfterHost = stream.flushes;
        sink.accept(ReportFixtures.ipv6());
        assertThat(stream.flushes).isGreaterThan(flushesAfterHost);
        assertThat(stream.text()).contains("2001:db8::10");
        assertThat(stream.closed).isFalse();
        sink.close(ReportFixtures.summary());
        assertThat(stream.closed).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void aBatchIsWrittenAsItsHostsOneByOneAndFlushedOnce(ReportFormat format) throws IOException {
        List<HostResult> hosts = List.of(ReportFixtures.named(), ReportFixtures.ipv6(), ReportFixtures.named());
        String oneByOne = ReportFixtures.render(format, OPTIONS, ReportFixtures.meta(0), hosts,
                ReportFixtures.summary());
        TrackingStream stream = new TrackingStream();
        ResultSink sink = format.open(stream, OPTIONS);
        sink.open(ReportFixtures.meta(0));
        int flushesAfterOpen = stream.flushes;
        sink.acceptAll(hosts);
        assertThat(stream.text()).contains("192.0.2.10").contains("2001:db8::10");
        int flushes = stream.flushes - flushesAfterOpen;
        // the sink's own writer pushes its buffer down once: the stream sees one flush, not one per host
        sink.acceptAll(List.of(ReportFixtures.named()));
        assertThat(stream.flushes - flushesAfterOpen).isEqualTo(flushes);
        assertThat(flushes).isBetween(1, 2);
        sink.close(ReportFixtures.summary());
        assertThat(stream.text()).isEqualTo(oneByOne);
        assertThatThrownBy(() -> sink.acceptAll(hosts)).isInstanceOf(IllegalStateException.class)
                .hasMessage("report already closed");
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void lifecycleIsEnforced(ReportFormat format) throws IOException {
        TrackingStream stream = new TrackingStream();
        ResultSink sink = format.open(stream, OPTIONS);
        assertThatThrownBy(() -> sink.accept(ReportFixtures.named())).isInstanceOf(IllegalStateException.class)
                .hasMessage("report not opened yet");
        assertThatThrownBy(() -> sink.close(ReportFixtures.summary())).isInstanceOf(IllegalStateException.class);
        sink.open(ReportFixtures.meta(0));
        assertThatThrownBy(() -> sink.open(ReportFixtures.meta(0))).isInstanceOf(IllegalStateException.class)
                .hasMessage("report already opened");
        sink.close(ReportFixtures.summary());
        String written = stream.text();
        sink.close(ReportFixtures.summary());
        sink.close();
        assertThat(stream.text()).isEqualTo(written);
        assertThatThrownBy(() -> sink.accept(ReportFixtures.named())).isInstanceOf(IllegalStateException.class)
                .hasMessage("report already closed");
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void closeWithoutSummaryReleasesTheStream(ReportFormat format) throws IOException {
        TrackingStream stream = new TrackingStream();
        ResultSink sink = format.open(stream, OPTIONS);
        sink.close();
        assertThat(stream.closed).isTrue();
    }

    @Test
    void standardOutputIsFlushedButNeverClosed() throws IOException {
        PrintStream original = System.out;
        TrackingStream captured = new TrackingStream();
        PrintStream fake = new PrintStream(captured, false, StandardCharsets.UTF_8);
        System.setOut(fake);
        try {
            ReportFixtures.render(ReportFormat.TERMINAL, OPTIONS, ReportFixtures.meta(0), ReportFixtures.hosts(),
                    ReportFixtures.summary());
            ResultSink sink = ReportFormat.TERMINAL.open(System.out, OPTIONS);
            sink.open(ReportFixtures.meta(0));
            sink.close(ReportFixtures.summary());
        } finally {
            System.setOut(original);
        }
        assertThat(captured.closed).isFalse();
        assertThat(captured.text()).startsWith("Starting Portolan 0.1.0").contains("Portolan done: ");
    }

    @Test
    void goldenOutputDoesNotDependOnTheJvmZone() {
        ReportOptions tokyo = new ReportOptions(false, false, 0, false, ZoneId.of("Asia/Tokyo"));
        String xml = ReportFixtures.render(ReportFormat.XML, tokyo, ReportFixtures.meta(0), ReportFixtures.hosts(),
                ReportFixtures.summary());
        assertThat(xml).contains("start=\"1795356191\" startstr=\"Sun Nov 22 23:03:11 2026\"");
        // the machine's zone (a UTC machine's may come as the offset Z where the JVM names Etc/UTC: same rules)
        assertThat(new ReportOptions(false, false, 0).zone().normalized())
                .isEqualTo(ZoneId.systemDefault().normalized());
    }

    @Test
    void concurrentHostsAllArriveWholeAndOnce() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResultSink sink = ReportFormat.NDJSON.open(bytes, OPTIONS);
        sink.open(ReportFixtures.meta(0));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        // every thread offers the same 500 hosts: each must appear once
                        sink.accept(upHost("198.51.100." + (i % 250), i / 250));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        sink.close(ReportFixtures.summary());
        List<String> hostLines = bytes.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("{\"type\":\"host\"")).toList();
        assertThat(hostLines).hasSize(500).doesNotHaveDuplicates();
    }

    private static HostResult upHost(String ip, int variant) {
        Target target = variant == 0 ? Target.of(ReportFixtures.address(ip))
                : Target.named(ReportFixtures.address(ip), "host-" + ip);
        return new HostResult(target, HostStatus.UP, Reason.ECHO_REPLY, List.of(), List.of(), ReportFixtures.START,
                ReportFixtures.START, Optional.empty(), false);
    }

    @Test
    void formatsNameTheirOptionAndExtension() throws IOException {
        assertThat(ReportFormat.XML.option()).contains("-oX");
        assertThat(ReportFormat.GREPABLE.extension()).contains("gnmap");
        assertThat(ReportFormat.NORMAL.extension()).contains("nmap");
        assertThat(ReportFormat.TERMINAL.option()).isEmpty();
        OutputStream sinkStream = new ByteArrayOutputStream();
        assertThat(ReportFormat.open(ReportFormat.CSV, sinkStream, OPTIONS)).isInstanceOf(CsvSink.class);
    }
}
