package dev.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Ctrl-C on a real process: exit code 130, and every report complete and holding what was found. */
class InterruptTest {
    private static final int PORTS = 3000;

    @TempDir
    Path dir;

    @Test
    void sigintWritesCompleteReportsAndExits130() throws Exception {
        try (Loopback target = Loopback.on("127.0.0.1", 1, 0)) {
            int open = target.open().getFirst();
            int last = Math.min(65535, open + PORTS - 1);
            Path xml = dir.resolve("cut.xml");
            Path json = dir.resolve("cut.json");
            // In order from the open port, one probe per 20 ms: the open port answers at once, the rest takes a minute.
            Process p = Cli.process("scan", "-v", "-p", open + "-" + last, "-r", "--scan-delay", "20ms", "-Pn", "-n",
                    "-oX", xml.toString(), "-oJ", json.toString(), "127.0.0.1").start();
            try {
                List<String> out = new CopyOnWriteArrayList<>();
                CountDownLatch discovered = new CountDownLatch(1);
                String discovery = "Discovered open port " + open + "/tcp on 127.0.0.1";
                CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> readLines(p, out, discovery,
                        discovered));
                CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p));

                assertThat(discovered.await(30, TimeUnit.SECONDS)).as("saw \"%s\"; stdout: %s", discovery, out)
                        .isTrue();
                assertThat(p.isAlive()).as("still scanning when interrupted").isTrue();
                interrupt(p.pid());
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the process ended after SIGINT").isTrue();
                reader.get(10, TimeUnit.SECONDS);

                assertThat(p.exitValue()).as(err.get(10, TimeUnit.SECONDS)).isEqualTo(ExitCode.INTERRUPTED);
                BadInputTest.assertNoStackTrace(new Cli.Result(p.exitValue(), "", err.get()));
                assertThat(String.join("\n", out)).contains("Scan interrupted by user")
                        .containsOnlyOnce("Portolan scan report for 127.0.0.1");
                assertThat(ReportsTest.tableStates(String.join("\n", out) + "\n")).containsEntry(open, "open");

                String xmlText = Cli.read(xml);
                assertThat(xmlText).endsWith("</runstats>\n</nmaprun>\n");
                Reports.validateWithNmapDtd(xml);
                Document doc = Reports.xml(xmlText);
                assertThat(Reports.elements(doc, "host")).hasSize(1);
                assertThat(Reports.xmlPorts(doc)).containsEntry(open, "open");
                Element finished = Reports.elements(doc, "finished").getFirst();
                assertThat(finished.getAttribute("exit")).isEqualTo("error");
                assertThat(finished.getAttribute("errormsg")).isEqualTo("Scan interrupted by user");

                JsonNode report = Reports.json(Cli.read(json));
                assertThat(report.get("hosts")).hasSize(1);
                assertThat(Reports.jsonPorts(report.get("hosts").get(0))).containsEntry(open, "open");
                assertThat(report.get("summary").get("interrupted").asBoolean()).isTrue();
                int decided = report.get("hosts").get(0).get("ports").size();
                for (JsonNode extra : report.get("hosts").get(0).get("extraports")) {
                    decided += extra.get("count").asInt();
                }
                assertThat(decided).as("ports with an answer before the interrupt").isLessThan(last - open + 1);
            } finally {
                p.destroyForcibly();
            }
        }
    }

    private static void interrupt(long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -INT %s", pid).isZero();
    }

    private static void readLines(Process p, List<String> out, String wanted, CountDownLatch seen) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.add(line);
                if (line.equals(wanted)) {
                    seen.countDown();
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String readAll(Process p) {
        try {
            return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
