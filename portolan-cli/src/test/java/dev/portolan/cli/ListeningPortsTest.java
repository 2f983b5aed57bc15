package dev.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portolan scan -p- 127.0.0.1} finds exactly the TCP ports the kernel says listen there. Other processes
 * open and close ports meanwhile, so {@code ss} is asked before, during and after the scan: a port listening in
 * every snapshot must be found open, a port listening in none must not be.
 */
class ListeningPortsTest {
    /** "LISTEN 0 128 0.0.0.0%lo:2024 0.0.0.0:* ... v6only:1": the local address, its device, the port. */
    private static final Pattern LOCAL = Pattern.compile("^\\S+\\s+\\d+\\s+\\d+\\s+(\\S+?)(?:%(\\S+))?:(\\d+)\\s");

    @TempDir
    Path dir;

    @Test
    void allPortsOfLoopbackMatchWhatTheKernelSaysListens() throws Exception {
        Path ss = Stream.of("/usr/bin/ss", "/bin/ss", "/usr/sbin/ss", "/sbin/ss").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(ss != null, "ss (iproute2) is not installed: the comparison with the kernel's list is skipped");
        Path json = dir.resolve("all.json");
        try (Loopback mine = Loopback.on("127.0.0.1", 1, 0)) {
            List<Set<Integer>> snapshots = new ArrayList<>();
            snapshots.add(listening(ss));
            AtomicBoolean scanning = new AtomicBoolean(true);
            CompletableFuture<List<Set<Integer>>> during = CompletableFuture.supplyAsync(() -> {
                List<Set<Integer>> seen = new ArrayList<>();
                while (scanning.get()) {
                    seen.add(listening(ss));
                    sleep(200);
                }
                return seen;
            });
            Cli.Result r;
            try {
                r = Cli.run("scan", "-p-", "-oJ", json.toString(), "127.0.0.1");
            } finally {
                scanning.set(false);
            }
            snapshots.addAll(during.get(30, TimeUnit.SECONDS));
            snapshots.add(listening(ss));

            assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
            Set<Integer> open = new TreeSet<>();
            JsonNode hosts = Reports.json(Cli.read(json)).get("hosts");
            assertThat(hosts).hasSize(1);
            for (Map.Entry<Integer, String> e : Reports.jsonPorts(hosts.get(0)).entrySet()) {
                if (e.getValue().equals("open")) {
                    open.add(e.getKey());
                }
            }
            Set<Integer> always = new TreeSet<>(snapshots.getFirst());
            Set<Integer> ever = new TreeSet<>();
            for (Set<Integer> s : snapshots) {
                always.retainAll(s);
                ever.addAll(s);
            }
            assertThat(always).contains(mine.open().getFirst());
            assertThat(open).as("ports listening on 127.0.0.1 in every ss snapshot").containsAll(always);
            assertThat(ever).as("open ports must listen in some ss snapshot").containsAll(open);
            // Everything else is closed: 65535 ports in all, each in "ports" or "extraports".
            int listed = hosts.get(0).get("ports").size();
            int collapsed = 0;
            for (JsonNode extra : hosts.get(0).get("extraports")) {
                assertThat(extra.get("state").asText()).isEqualTo("closed");
                collapsed += extra.get("count").asInt();
            }
            assertThat(listed + collapsed).isEqualTo(65535);
        }
    }

    /** The TCP ports that accept connections to 127.0.0.1, as {@code ss -ltneH} lists them. */
    private static Set<Integer> listening(Path ss) {
        Set<Integer> ports = new HashSet<>();
        for (String line : run(ss.toString(), "-ltneH")) {
            Matcher m = LOCAL.matcher(line);
            if (!m.find()) {
                continue;
            }
            String address = m.group(1);
            String device = m.group(2);
            boolean v6only = line.contains("v6only:1");
            boolean reachable = switch (address) {
                case "127.0.0.1", "0.0.0.0", "*", "[::ffff:127.0.0.1]" -> true;
                // ss writes a dual-stack wildcard as "*"; "[::]" is one that takes IPv6 only.
                case "[::]" -> !v6only;
                default -> false;
            };
            if (reachable && (device == null || device.equals("lo"))) {
                ports.add(Integer.parseInt(m.group(3)));
            }
        }
        return ports;
    }

    private static List<String> run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
            return lines;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
