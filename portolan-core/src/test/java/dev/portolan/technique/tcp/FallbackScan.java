package dev.portolan.technique.tcp;

import dev.portolan.api.ScanConfig;
import dev.portolan.api.ScanListener;
import dev.portolan.net.NativeAccess;
import dev.portolan.result.HostResult;
import dev.portolan.result.PortResult;
import dev.portolan.target.PortList;
import dev.portolan.target.Protocol;
import dev.portolan.target.Target;
import dev.portolan.target.TargetSet;
import java.net.InetAddress;
import java.util.List;

/** Run by {@link SocketsTest} in a JVM without native access: what the scanner picks, and that it scans. */
public final class FallbackScan {
    private FallbackScan() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("native: " + NativeAccess.unavailableReason().orElse("available"));
        System.out.println("sockets: " + Sockets.forScan(1_000_000).getClass().getSimpleName());
        InetAddress lo = InetAddress.getLoopbackAddress();
        int closed = Loopback.closedPort(lo);
        ScanConfig cfg = ScanConfig.builder(TargetSet.of(List.of(Target.of(lo))), PortList.of(Protocol.TCP, closed))
                .build();
        new ConnectScanner(cfg, new ScanListener() {
            @Override
            public void hostDone(HostResult host) {
                for (PortResult p : host.ports()) {
                    System.out.println(p.state().label() + " " + p.reason().label());
                }
            }
        }).run();
    }
}
