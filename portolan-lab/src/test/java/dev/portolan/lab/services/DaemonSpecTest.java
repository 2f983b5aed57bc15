package dev.portolan.lab.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.lab.LabHost;
import dev.portolan.target.Protocol;
import org.junit.jupiter.api.Test;

class DaemonSpecTest {
    @Test
    void defaultPortsAndTheirServices() {
        assertThat(Daemons.NGINX.atDefaultPorts().endpoints()).extracting(Endpoint::toString)
                .containsExactly("80/tcp http", "443/tcp ssl/http");
        assertThat(Daemons.DNSMASQ.atDefaultPorts().endpoints()).extracting(Endpoint::toString)
                .containsExactly("53/udp domain", "53/tcp domain");
        assertThat(Daemons.MEMCACHED.atDefaultPorts().ports(Protocol.UDP)).containsExactly(11211);
        assertThat(Daemons.TCPWRAPPED.atDefaultPorts().endpoints().getFirst().service()).isEqualTo("tcpwrapped");
    }

    @Test
    void otherPortsKeepTheirRoles() {
        assertThat(Daemons.NGINX.on(8080, 8443).endpoints()).extracting(Endpoint::toString)
                .containsExactly("8080/tcp http", "8443/tcp ssl/http");
    }

    @Test
    void theWrongNumberOfPortsIsRefusedWithTheDaemonsName() {
        assertThatThrownBy(() -> Daemons.NGINX.on(8080)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nginx takes 2 port(s) [80, 443]");
        assertThatThrownBy(() -> Daemons.REDIS.on(70000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-65535");
    }

    @Test
    void everyDaemonHasADistinctNameAndDistinctDefaultPorts() {
        assertThat(Daemons.ALL.stream().map(Daemon::name).distinct()).hasSameSizeAs(Daemons.ALL);
        // all of them fit on one host: the builder refuses two daemons on one port
        LabHost all = LabHost.builder("all").daemons(Daemons.ALL).build();
        assertThat(all.daemonPorts(Protocol.TCP).size()).isEqualTo(17);
        assertThat(all.daemonPorts(Protocol.UDP).size()).isEqualTo(4);
        assertThat(Daemons.named("chrony")).isSameAs(Daemons.CHRONY);
        assertThatThrownBy(() -> Daemons.named("sendmail")).hasMessageContaining("no lab daemon named 'sendmail'");
    }

    @Test
    void labHostTruthHasDaemonTcpPortsOpenAndRefusesClashes() {
        LabHost host = LabHost.builder("h").listen(7).daemon(Daemons.OPENSSH).daemon(Daemons.CHRONY).build();
        assertThat(host.truth().open().contains(22)).isTrue();
        assertThat(host.truth().open().contains(7)).isTrue();
        assertThat(host.truth().open().contains(123)).isFalse();
        assertThatThrownBy(() -> LabHost.builder("h").listen(22).daemon(Daemons.OPENSSH).build())
                .hasMessageContaining("ports both listening and served by a daemon: 22");
        assertThatThrownBy(() -> LabHost.builder("h").drop(80).daemon(Daemons.NGINX).build())
                .hasMessageContaining("dropped and served by a daemon: 80");
        assertThatThrownBy(() -> LabHost.builder("h").daemon(Daemons.REDIS).daemon(Daemons.SILENT.on(6379)).build())
                .hasMessageContaining("two daemons on 6379/tcp");
        // the same port over TCP and UDP is no clash
        LabHost both = LabHost.builder("h").daemon(Daemons.DNSMASQ).build();
        assertThat(both.daemonPorts(Protocol.TCP).contains(53)).isTrue();
    }

    @Test
    void launchAsAUserGoesThroughSetprivInsideTheNamespace() {
        Launch l = Launch.as("root", java.util.List.of("/usr/bin/redis-server")).withEnvironment("A", "1");
        java.util.List<String> cmd = RunningDaemon.command("plab-t0-abcd", l, l.command());
        assertThat(cmd.subList(0, 4)).containsExactly("ip", "netns", "exec", "plab-t0-abcd");
        assertThat(cmd).contains("setpriv", "--reuid=root", "--regid=root", "--init-groups", "env", "A=1");
        assertThat(cmd.getLast()).isEqualTo("/usr/bin/redis-server");
        Launch root = Launch.asRoot(java.util.List.of("/usr/sbin/sshd"));
        assertThat(RunningDaemon.command("ns", root, root.command()))
                .containsExactly("ip", "netns", "exec", "ns", "/usr/sbin/sshd");
    }
}
