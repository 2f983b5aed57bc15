package dev.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --shard I/N on loopback: the parts of a scan are disjoint and together give exactly the unsharded result. */
class ShardScanTest {
    @TempDir
    Path dir;

    @Test
    void threeShardsOfTwoThousandPortsAddUpToTheWholeScan() throws Exception {
        List<ServerSocket> open = new ArrayList<>();
        try (Loopback lo = Loopback.on("127.0.0.1", 0, 0)) {
            // listeners inside 1-2000, so the open ports are ours to know (a busy port is skipped)
            for (int port = 1987; port > 1900 && open.size() < 6; port -= 13) {
                try {
                    open.add(lo.listen(port));
                } catch (java.io.IOException busy) {
                    // another process has it: it is open in every run alike
                }
            }
            assertThat(open).isNotEmpty();
            Map<Integer, String> whole = scan("whole", List.of());
            assertThat(whole).hasSize(2000);
            for (ServerSocket s : open) {
                assertThat(whole.get(s.getLocalPort())).isEqualTo("open");
            }
            Map<Integer, String> union = new TreeMap<>();
            for (int i = 1; i <= 3; i++) {
                Map<Integer, String> part = scan("shard" + i, List.of("--shard", i + "/3"));
                assertThat(part.size()).as("shard %d/3 of 2000 ports", i).isBetween(666, 667);
                for (Map.Entry<Integer, String> e : part.entrySet()) {
                    assertThat(union.put(e.getKey(), e.getValue())).as("port %d in two shards", e.getKey()).isNull();
                }
            }
            assertThat(union).isEqualTo(new TreeMap<>(whole));
        } finally {
            for (ServerSocket s : open) {
                s.close();
            }
        }
    }

    /** Every port of the one host in the JSON report, listed or collapsed, with its state. */
    private Map<Integer, String> scan(String name, List<String> extra) {
        Path json = dir.resolve(name + ".json");
        List<String> args = new ArrayList<>(List.of("scan", "-sT", "-Pn", "-n", "-p", "1-2000", "--seed", "7",
                "-oJ", json.toString()));
        args.addAll(extra);
        args.add("127.0.0.1");
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        JsonNode hosts = Reports.json(Cli.read(json)).get("hosts");
        assertThat(hosts).hasSize(1);
        Map<Integer, String> states = new HashMap<>(Reports.jsonPorts(hosts.get(0)));
        for (JsonNode collapsed : hosts.get(0).get("extraports")) {
            for (JsonNode reason : collapsed.get("reasons")) {
                for (String range : reason.get("ports").asText().split(",")) {
                    String[] ends = range.split("-");
                    int from = Integer.parseInt(ends[0]);
                    int to = Integer.parseInt(ends[ends.length - 1]);
                    for (int p = from; p <= to; p++) {
                        assertThat(states.put(p, collapsed.get("state").asText())).as("port %d twice", p).isNull();
                    }
                }
            }
        }
        return states;
    }
}
