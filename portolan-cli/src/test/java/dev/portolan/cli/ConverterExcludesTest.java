package dev.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command as a user starts it (through {@code main}, which keeps picocli from registering its java.time and
 * java.sql converters): every option type still converts, durations by Portolan's own parser, files by picocli's.
 */
class ConverterExcludesTest {
    @Test
    void durationsFilesAndNumbersStillConvert(@TempDir Path dir) throws IOException, InterruptedException {
        Path list = Files.writeString(dir.resolve("targets"), "127.0.0.1\n");
        Path xml = dir.resolve("scan.xml");
        Process p = Cli.process("scan", "-n", "-Pn", "-sT", "-p", "1", "--host-timeout", "20s",
                "--max-rtt-timeout", "150ms", "--scan-delay", "1ms", "--max-retries", "1", "-iL", list.toString(),
                "-oX", xml.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(Files.readString(xml)).contains("<address addr=\"127.0.0.1\" addrtype=\"ipv4\"/>");
    }

    @Test
    void aBadDurationIsStillPortolansOneLine() throws IOException, InterruptedException {
        Process p = Cli.process("scan", "--host-timeout", "soon", "127.0.0.1").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).startsWith("portolan: ").contains("soon").doesNotContain("Exception");
    }
}
