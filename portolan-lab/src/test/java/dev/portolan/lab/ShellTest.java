package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellTest {

    @Test
    void capturesOutputAndExitCode() {
        Shell.Result r = Shell.run(Duration.ofSeconds(10), "in\n", List.of("sh", "-c", "cat; echo err >&2; exit 3"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("in\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(r.ok()).isFalse();
    }

    @Test
    void failureNamesTheCommandAndItsStderr() {
        assertThatThrownBy(() -> Shell.check("sh", "-c", "echo no such thing >&2; exit 2"))
                .isInstanceOf(ShellException.class)
                .hasMessage("command failed (exit 2): sh -c 'echo no such thing >&2; exit 2': no such thing")
                .satisfies(e -> assertThat(((ShellException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void timeoutKillsTheCommand() {
        assertThatThrownBy(() -> Shell.run(Duration.ofMillis(300), null, List.of("sleep", "30")))
                .isInstanceOf(ShellException.class)
                .hasMessage("command timed out after 300 ms: sleep 30");
    }

    @Test
    void missingProgramIsAShellException() {
        assertThatThrownBy(() -> Shell.check("no-such-program-plab"))
                .isInstanceOf(ShellException.class)
                .hasMessageStartingWith("cannot start no-such-program-plab: ");
    }
}
