package dev.portolan.technique.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.api.ScanConfig;
import dev.portolan.api.ScanListener;
import dev.portolan.engine.Shard;
import dev.portolan.engine.TimingTemplate;
import dev.portolan.result.HostResult;
import dev.portolan.result.PortResult;
import dev.portolan.target.PortList;
import dev.portolan.target.Protocol;
import dev.portolan.target.Target;
import dev.portolan.target.TargetSet;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Shards of a many-host scan: each reports every host, the pairs are split with no overlap and no gap. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShardedScanTest {
    private final Loopback lo = new Loopback();

    @AfterEach
    void close() {
        lo.close();
    }

    @Test
    void fiveShardsOfThirtyHostsAndThreePortsAddUpToTheWholeScan() throws Exception {
        InetAddress first = InetAddress.getByName("127.0.0.1");
        int open = lo.listen(first);
        int[] ports = {open, Loopback.closedPort(first), Loopback.closedPort(first)};
        List<Target> targets = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            targets.add(Target.of(InetAddress.getByName("127.0.0." + i)));
        }
        // 90 pairs in 5 shards: many hosts have no pair in a shard and must be reported at once, with no port
        Map<String, String> whole = scan(targets, ports, Shard.ALL);
        assertThat(whole).hasSize(90).containsEntry("127.0.0.1:" + open, "open");
        Map<String, String> union = new TreeMap<>();
        for (int i = 1; i <= 5; i++) {
            Map<String, String> part = scan(targets, ports, new Shard(i, 5));
            assertThat(part).as("shard %d/5", i).hasSize(18);
            part.forEach((pair, state) -> assertThat(union.put(pair, state)).as("%s in two shards", pair).isNull());
        }
        assertThat(union).isEqualTo(new TreeMap<>(whole));
    }

    /** Every (host:port) the scan reported, with its state; every host must be reported once. */
    private static Map<String, String> scan(List<Target> targets, int[] ports, Shard shard) {
        List<HostResult> hosts = new CopyOnWriteArrayList<>();
        ScanConfig config = ScanConfig.builder(TargetSet.of(targets), PortList.of(Protocol.TCP, ports))
                .timing(TimingTemplate.AGGRESSIVE.withInitialRttTimeout(Duration.ofMillis(200)))
                .skipDiscovery(true).seed(7).shard(shard).build();
        new ConnectScanner(config, new ScanListener() {
            @Override
            public void hostDone(HostResult host) {
                hosts.add(host);
            }
        }).run();
        assertThat(hosts).hasSize(targets.size());
        Map<String, String> pairs = new TreeMap<>();
        for (HostResult h : hosts) {
            for (PortResult p : h.ports()) {
                String key = h.target().address().getHostAddress() + ":" + p.port();
                assertThat(pairs.put(key, p.state().label())).as(key).isNull();
            }
        }
        return pairs;
    }
}
