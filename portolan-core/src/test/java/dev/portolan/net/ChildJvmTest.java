package dev.portolan.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the bindings say in conditions this JVM cannot put itself in: without CAP_NET_RAW (setpriv drops it from
 * the child's bounding set) and in a network namespace without routes (ip netns exec).
 */
class ChildJvmTest {
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @BeforeAll
    static void needsRootAndTools() {
        assumeTrue(NativeAccess.available() && Privileges.current().root() && Privileges.current().netAdmin()
                && Files.isExecutable(Path.of("/usr/bin/setpriv"))
                && (Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/usr/bin/ip"))),
                "skipped: child-JVM tests need root with CAP_NET_ADMIN, setpriv and ip");
    }

    /** Runs {@link NetProbe} with {@code args} after {@code prefix}, returning its output lines. */
    private static List<String> probe(List<String> prefix, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(JAVA, "--enable-native-access=ALL-UNNAMED", "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), NetProbe.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    }

    @Test
    void withoutNetRawOpeningARawSocketSaysWhatToDo() throws Exception {
        List<String> lines = probe(List.of("setpriv", "--inh-caps=-all", "--bounding-set=-net_raw,-net_admin"),
                "rights");
        assertThat(lines).containsExactly(
                "root=true netRaw=false netAdmin=false",
                "socket(AF_INET, SOCK_RAW, IPPROTO_RAW): Operation not permitted; " + Privileges.HINT,
                "socket(AF_PACKET, SOCK_RAW, 0x0806): Operation not permitted; " + Privileges.HINT);
    }

    @Test
    void aNamespaceWithoutRoutesHasNoRouteAndNoSource() throws Exception {
        String name = "portolan-rt-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        run("ip", "netns", "add", name);
        try {
            List<String> exec = List.of("ip", "netns", "exec", name);
            // lo is down in a new namespace: nothing at all is routable
            assertThat(probe(exec, "route", "203.0.113.5"))
                    .containsExactly("route to 203.0.113.5: Network is unreachable errno=101");
            run("ip", "-n", name, "link", "set", "lo", "up");
            assertThat(probe(exec, "route", "127.0.0.1")).containsExactly("lo 127.0.0.1");
            assertThat(probe(exec, "route", "203.0.113.5"))
                    .containsExactly("route to 203.0.113.5: Network is unreachable errno=101");
        } finally {
            run("ip", "netns", "delete", name);
        }
    }
}
