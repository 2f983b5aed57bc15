package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A lab leaves nothing behind: not on close, not when setup fails, not when its JVM exits or is killed. */
class LabLifecycleTest {

    @BeforeEach
    void needsRoot() {
        String why = Lab.unavailableReason().orElse("");
        assumeTrue(why.isEmpty(), "lab tests skipped: " + why);
    }

    @Test
    void closeRemovesEveryNamespaceAndTheOwnerRecord() {
        Lab lab = Lab.start(LabHost.builder("a").listen(80).build(), LabHost.builder("b").drop(81).build());
        List<String> names = lab.namespaces();
        String suffix = names.getFirst().substring(names.getFirst().lastIndexOf('-') + 1);
        assertThat(Lab.existingNamespaces()).containsAll(names);
        assertThat(Lab.OWNERS.resolve(suffix)).exists();
        lab.close();
        assertThat(Lab.existingNamespaces()).doesNotContainAnyElementsOf(names);
        assertThat(Lab.OWNERS.resolve(suffix)).doesNotExist();
        lab.close(); // twice is harmless
    }

    @Test
    void failedSetupNamesTheCommandAndLeavesNothing() {
        LabHost broken = LabHost.builder("broken").listen(80)
                .setup("sh", "-c", "echo plab-setup-broke >&2; exit 3").build();
        Throwable e = catchThrowable(() -> Lab.start(LabHost.builder("fine").listen(22).build(), broken));
        assertThat(e).isInstanceOf(ShellException.class)
                .hasMessageMatching("command failed \\(exit 3\\): ip netns exec plab-t1-[0-9a-f]{4}"
                        + " sh -c 'echo plab-setup-broke >&2; exit 3': plab-setup-broke");
        assertNothingLeftOf(e.getMessage());
    }

    @Test
    void aPortThatCannotBeBoundFailsSetupAndLeavesNothing() {
        assumeTrue(Shell.onPath("python3") && Shell.onPath("ss"), "needs python3 and ss to occupy a port");
        // the setup command takes port 80 first (and waits until it is bound), so the listener's bind fails
        LabHost taken = LabHost.builder("taken").listen(80)
                .setup("sh", "-c", "python3 -c 'import socket,time;s=socket.socket(socket.AF_INET6);"
                        + "s.bind((\"::\",80));s.listen();time.sleep(60)' >/dev/null 2>&1 &"
                        + " until ss -Hltn 'sport = :80' | grep -q LISTEN; do sleep 0.05; done").build();
        Throwable e = catchThrowable(() -> Lab.start(taken));
        assertThat(e).isInstanceOf(LabException.class)
                .hasMessageMatching("port listener in plab-t0-[0-9a-f]{4} failed: cannot bind port 80: .*");
        assertNothingLeftOf(e.getMessage());
    }

    @Test
    void shutdownHookRemovesALabTheProgramForgotToClose() throws Exception {
        Process child = startChild("exit");
        List<String> names = namespacesOf(child);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(Lab.existingNamespaces()).doesNotContainAnyElementsOf(names);
    }

    @Test
    void cleanupStaleRemovesTheLabOfAKilledRunButNotLiveOnes() throws Exception {
        try (Lab mine = Lab.start(LabHost.builder("mine").build())) {
            Process child = startChild("wait");
            List<String> names = namespacesOf(child);
            assertThat(Lab.cleanupStale()).doesNotContainAnyElementsOf(names); // its owner is alive
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Lab.existingNamespaces()).containsAll(names);
            assertThat(Lab.cleanupStale()).containsAll(names);
            assertThat(Lab.existingNamespaces()).doesNotContainAnyElementsOf(names).containsAll(mine.namespaces());
        }
    }

    /** No namespace of the lab named in {@code message} (by its suffix) is left; other labs may come and go. */
    private static void assertNothingLeftOf(String message) {
        Matcher m = Pattern.compile("plab-t\\d+-([0-9a-f]{4})").matcher(message);
        assertThat(m.find()).as("a lab namespace in: " + message).isTrue();
        assertThat(Lab.existingNamespaces()).noneMatch(n -> n.endsWith("-" + m.group(1)));
        assertThat(Lab.OWNERS.resolve(m.group(1))).doesNotExist();
    }

    private static Process startChild(String mode) throws IOException, URISyntaxException {
        String classpath = String.join(File.pathSeparator, location(Lab.class), location(LabChild.class),
                location(dev.portolan.result.PortState.class));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", classpath, LabChild.class.getName(), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static List<String> namespacesOf(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("NAMESPACES ")) {
            child.destroyForcibly();
            throw new AssertionError("child lab did not start: " + line);
        }
        List<String> names = Arrays.asList(line.substring("NAMESPACES ".length()).split(" "));
        assertThat(names).hasSize(2);
        assertThat(Lab.existingNamespaces()).containsAll(names);
        return names;
    }
}
