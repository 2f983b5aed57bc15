package dev.portolan.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.result.HostResult;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeeSinkTest {

    /** Records calls; throws from {@code failOn} ("open", "accept", "close"). */
    private static class ScriptedSink implements ResultSink {
        final List<String> calls = new ArrayList<>();
        private final String failOn;

        ScriptedSink(String failOn) {
            this.failOn = failOn;
        }

        private void call(String name) throws IOException {
            calls.add(name);
            if (name.equals(failOn)) {
                throw new IOException("disk full in " + name);
            }
        }

        @Override
        public void open(ScanMeta meta) throws IOException {
            call("open");
        }

        @Override
        public void accept(HostResult host) throws IOException {
            call("accept");
        }

        @Override
        public void close(ScanSummary summary) throws IOException {
            call("close");
        }

        @Override
        public void close() {
            calls.add("release");
        }
    }

    @Test
    void oneFailingSinkDoesNotStopTheOthers() throws IOException {
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        ScriptedSink broken = new ScriptedSink("accept");
        ScriptedSink healthy = new ScriptedSink("never");
        TeeSink tee = TeeSink.of(broken, ReportFormat.XML.open(xml, ReportFixtures.options(false, false, 0)), healthy);
        tee.open(ReportFixtures.meta(0));
        assertThatThrownBy(() -> tee.accept(ReportFixtures.named())).isInstanceOf(IOException.class)
                .hasMessage("disk full in accept");
        tee.accept(ReportFixtures.ipv6());
        tee.close(ReportFixtures.summary());

        assertThat(broken.calls).containsExactly("open", "accept", "release");
        assertThat(healthy.calls).containsExactly("open", "accept", "accept", "close");
        String written = xml.toString(StandardCharsets.UTF_8);
        assertThat(written).contains("192.0.2.10").contains("2001:db8::10").endsWith("</nmaprun>\n");
    }

    @Test
    void everyFailureOfOneCallIsReportedTogether() throws IOException {
        ScriptedSink first = new ScriptedSink("close");
        ScriptedSink second = new ScriptedSink("close");
        ScriptedSink third = new ScriptedSink("never");
        TeeSink tee = TeeSink.of(List.of(first, second, third));
        tee.open(ReportFixtures.meta(0));
        assertThatThrownBy(() -> tee.close(ReportFixtures.summary()))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
        assertThat(third.calls).containsExactly("open", "close");
        assertThat(tee.liveSinks()).isEmpty();
    }

    @Test
    void aRuntimeFailureIsRethrownAfterTheOthersWereServed() throws IOException {
        ResultSink buggy = new ScriptedSink("never") {
            @Override
            public void accept(HostResult host) {
                throw new IllegalStateException("bug");
            }
        };
        ScriptedSink healthy = new ScriptedSink("never");
        TeeSink tee = TeeSink.of(buggy, healthy);
        tee.open(ReportFixtures.meta(0));
        assertThatThrownBy(() -> tee.accept(ReportFixtures.named())).isInstanceOf(IllegalStateException.class);
        assertThat(healthy.calls).containsExactly("open", "accept");
        assertThat(tee.liveSinks()).containsExactly(healthy);
    }
}
