package dev.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bar and the lines printed meanwhile share one terminal; what is written, byte for byte, and how it looks. */
class ScreenTest {
    /** Standard error and standard output both going to the same terminal, in the order they were written. */
    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    private final PrintStream stderr = new PrintStream(terminal, true, StandardCharsets.UTF_8);
    private final Screen screen = new Screen(stderr);

    @Test
    void linesPrintedWhileTheBarIsShownEraseItAndTheBarComesBackBelow() {
        screen.drawBar("Scanning 10%");
        screen.print(() -> write("Portolan scan report for 127.0.0.1\n"));

        assertThat(written()).isEqualTo("\rScanning 10%" + "\r" + " ".repeat(12 + 2) + "\r"
                + "Portolan scan report for 127.0.0.1\n" + "\rScanning 10%");
        assertThat(VirtualTerminal.render(written())).containsExactly("Portolan scan report for 127.0.0.1",
                "Scanning 10%");
    }

    @Test
    void aShorterBarCoversTheRestOfTheLongerOne() {
        screen.drawBar("Scanning 10% 100 probes/s");
        screen.drawBar("Scanning 11% 9 probes/s");

        assertThat(VirtualTerminal.render(written())).containsExactly("Scanning 11% 9 probes/s");
    }

    /** The terminal echoes Ctrl-C right after the bar; erasing the bar takes the "^C" with it. */
    @Test
    void erasingTheBarAlsoClearsTheEchoedCtrlC() {
        screen.drawBar("Scanning 10%");
        write("^C");
        screen.print(() -> write("Scan interrupted by user; the results are incomplete.\n"));
        screen.stopBar();

        assertThat(VirtualTerminal.render(written()))
                .containsExactly("Scan interrupted by user; the results are incomplete.");
    }

    @Test
    void withoutABarLinesArePrintedAsTheyAre() {
        screen.print(() -> write("Warning: one\n"));
        screen.print(() -> write("Warning: two\n"));

        assertThat(written()).isEqualTo("Warning: one\nWarning: two\n");
    }

    @Test
    void afterStopTheBarIsGoneAndStaysGone() {
        screen.drawBar("Scanning 99%");
        screen.print(() -> write("Portolan done: 1 IP address (1 host up) scanned in 0.10 seconds\n"));
        screen.stopBar();
        screen.drawBar("Scanning 100%");
        screen.print(() -> write("after\n"));

        assertThat(VirtualTerminal.render(written())).containsExactly(
                "Portolan done: 1 IP address (1 host up) scanned in 0.10 seconds", "after");
        assertThat(written()).doesNotContain("100%");
    }

    @Test
    void lineBreaksInsideTheBarCannotMoveIt() {
        screen.drawBar("Scanning\n10%\r");

        assertThat(VirtualTerminal.render(written())).containsExactly("Scanning 10%");
    }

    private void write(String text) {
        OutputStream raw = terminal;
        try {
            raw.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private String written() {
        return terminal.toString(StandardCharsets.UTF_8);
    }
}
