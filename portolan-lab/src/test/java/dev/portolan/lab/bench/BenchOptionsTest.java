package dev.portolan.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    private static final Path HOME = Path.of("/repo");

    @Test
    void defaultsRunConnectOnBothPathsWithTheCliJar() {
        BenchOptions o = BenchOptions.parse(List.of(), HOME, null);
        assertThat(o.scenarios()).containsExactly("connect");
        assertThat(o.pathLosses()).containsExactly(0.0, 0.02);
        assertThat(o.timeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(o.standIn()).isFalse();
        assertThat(o.portolan()).endsWith("--enable-native-access=ALL-UNNAMED", "-cp",
                "/repo/portolan-cli/target/portolan-cli.jar:/repo/portolan-cli/target/lib/*", "dev.portolan.cli.Main");
        assertThat(o.portolan().getFirst()).endsWith("/bin/java");
        assertThat(o.out().toString()).startsWith("/repo/target/bench/");
    }

    @Test
    void everyOptionIsRead() {
        BenchOptions o = BenchOptions.parse(List.of("--portolan", "/opt/portolan/bin/portolan", "--portolan-args",
                "scan {ports} {target} -oX {xml}", "--nmap-as-portolan", "--paths", "loss", "--loss", "0.05",
                "--timeout", "90s", "--out", "/tmp/b", "connect-small", "connect"), HOME, null);
        assertThat(o.portolan()).containsExactly("/opt/portolan/bin/portolan");
        assertThat(o.portolanArgs()).isEqualTo("scan {ports} {target} -oX {xml}");
        assertThat(o.standIn()).isTrue();
        assertThat(o.pathLosses()).containsExactly(0.05);
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.out()).isEqualTo(Path.of("/tmp/b"));
        assertThat(o.scenarios()).containsExactly("connect-small", "connect");
        assertThat(BenchOptions.parse(List.of("--paths", "clean"), HOME, null).pathLosses()).containsExactly(0.0);
    }

    @Test
    void thePortolanCommandMayComeFromTheSystemProperty() {
        assertThat(BenchOptions.parse(List.of(), HOME, " java -jar p.jar ").portolan())
                .containsExactly("java", "-jar", "p.jar");
        assertThat(BenchOptions.parse(List.of("--portolan", "x"), HOME, "java -jar p.jar").portolan())
                .containsExactly("x");
    }

    @Test
    void repeatCountsAreReadAndBounded() {
        assertThat(BenchOptions.parse(List.of(), HOME, null).repeat()).isEqualTo(1);
        assertThat(BenchOptions.parse(List.of("--repeat", "5"), HOME, null).repeat()).isEqualTo(5);
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--repeat", "0"), HOME, null))
                .isInstanceOf(BenchUsageException.class).hasMessage("--repeat needs a whole number from 1 to 50: '0'");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--repeat", "x"), HOME, null))
                .isInstanceOf(BenchUsageException.class).hasMessage("--repeat needs a whole number from 1 to 50: 'x'");
    }

    @Test
    void timeoutsInSecondsMinutesAndHours() {
        assertThat(BenchOptions.duration("900")).isEqualTo(Duration.ofSeconds(900));
        assertThat(BenchOptions.duration("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(BenchOptions.duration("1h")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--fast"), HOME, null))
                .isInstanceOf(BenchUsageException.class).hasMessage("unknown option: --fast");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("sctp"), HOME, null))
                .hasMessage("unknown scenario: sctp (known: connect, connect-small, syn, sweep, service, discover,"
                        + " udp, udp-hosts)");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--paths", "clean,dirty"), HOME, null))
                .hasMessage("unknown path 'dirty' (use clean, loss)");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--loss", "2%"), HOME, null))
                .hasMessage("--loss needs a probability between 0 and 1: '2%'");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--timeout", "soon"), HOME, null))
                .hasMessage("--timeout needs a time like 900s, 15m or 1h: 'soon'");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--timeout", "0m"), HOME, null))
                .hasMessage("--timeout needs a time like 900s, 15m or 1h: '0m'");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--out"), HOME, null))
                .hasMessage("--out needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--portolan", " "), HOME, null))
                .hasMessage("empty Portolan command");
    }
}
