package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portolan.result.PortState;
import dev.portolan.target.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NmapXmlTest {
    @TempDir
    Path dir;

    /** A report shaped like nmap 7.93's: two folded groups, each with its port list, and listed ports. */
    static final String FOLDED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE nmaprun>
            <?xml-stylesheet href="file:///usr/share/nmap/nmap.xsl" type="text/xsl"?>
            <nmaprun scanner="nmap" args="nmap -sT -p 1-40 198.51.100.2" version="7.93" xmloutputversion="1.05">
            <scaninfo type="connect" protocol="tcp" numservices="40" services="1-40"/>
            <host><status state="up" reason="user-set" reason_ttl="0"/>
            <address addr="198.51.100.2" addrtype="ipv4"/>
            <hostnames></hostnames>
            <ports><extraports state="closed" count="7">
            <extrareasons reason="conn-refused" count="7" proto="tcp" ports="1-5,39-40"/>
            </extraports>
            <extraports state="filtered" count="30">
            <extrareasons reason="no-response" count="29" proto="tcp" ports="6-21,24-36"/>
            <extrareasons reason="host-unreach" count="1" proto="tcp" ports="37"/>
            </extraports>
            <port protocol="tcp" portid="22"><state state="open" reason="syn-ack" reason_ttl="0"/><service name="ssh" method="table" conf="3"/></port>
            <port protocol="tcp" portid="23"><state state="open" reason="syn-ack" reason_ttl="0"/></port>
            <port protocol="tcp" portid="38"><state state="closed" reason="conn-refused" reason_ttl="0"/></port>
            </ports>
            </host>
            <runstats><finished time="1" elapsed="0.1" exit="success"/><hosts up="1" down="0" total="1"/></runstats>
            </nmaprun>
            """;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void everyScannedPortGetsItsStateFromListOrFold() throws IOException {
        Map<String, SortedMap<Integer, PortState>> hosts = NmapXml.read(write("a.xml", FOLDED));
        assertThat(hosts).containsOnlyKeys("198.51.100.2");
        SortedMap<Integer, PortState> ports = hosts.get("198.51.100.2");
        assertThat(ports).hasSize(40);
        assertThat(ports.firstKey()).isEqualTo(1);
        assertThat(ports.lastKey()).isEqualTo(40);
        assertThat(ports.get(22)).isEqualTo(PortState.OPEN);
        assertThat(ports.get(23)).isEqualTo(PortState.OPEN);
        assertThat(ports.get(38)).isEqualTo(PortState.CLOSED);
        assertThat(ports.get(37)).isEqualTo(PortState.FILTERED);
        assertThat(ports.get(6)).isEqualTo(PortState.FILTERED);
        assertThat(ports.get(5)).isEqualTo(PortState.CLOSED);
        assertThat(ports.values().stream().filter(s -> s == PortState.FILTERED).count()).isEqualTo(30);
    }

    @Test
    void otherProtocolsAreKeptApart() throws IOException {
        String mixed = """
                <nmaprun><scaninfo type="connect" protocol="tcp" numservices="1" services="53"/>
                <scaninfo type="udp" protocol="udp" numservices="1" services="53"/>
                <host><address addr="2001:db8::2" addrtype="ipv6"/><address addr="02:00:00:00:00:01" addrtype="mac"/>
                <ports><port protocol="tcp" portid="53"><state state="closed"/></port>
                <port protocol="udp" portid="53"><state state="open|filtered"/></port></ports></host></nmaprun>
                """;
        Path p = write("m.xml", mixed);
        assertThat(NmapXml.read(p)).isEqualTo(Map.of("2001:db8::2", new java.util.TreeMap<>(Map.of(53, PortState.CLOSED))));
        assertThat(NmapXml.read(p, Protocol.UDP).get("2001:db8::2")).containsExactly(Map.entry(53, PortState.OPEN_FILTERED));
    }

    @Test
    void oneFoldWithoutPortListTakesTheRestOfTheScannedPorts() throws IOException {
        String older = """
                <nmaprun><scaninfo type="connect" protocol="tcp" numservices="5" services="1-5"/>
                <host><address addr="198.51.100.2" addrtype="ipv4"/><ports>
                <extraports state="closed" count="4"><extrareasons reason="conn-refused" count="4"/></extraports>
                <port protocol="tcp" portid="3"><state state="open"/></port></ports></host></nmaprun>
                """;
        assertThat(NmapXml.read(write("o.xml", older)).get("198.51.100.2")).containsExactly(
                Map.entry(1, PortState.CLOSED), Map.entry(2, PortState.CLOSED), Map.entry(3, PortState.OPEN),
                Map.entry(4, PortState.CLOSED), Map.entry(5, PortState.CLOSED));
    }

    @Test
    void twoFoldsWithoutPortListsCannotBeResolved() throws IOException {
        String ambiguous = """
                <nmaprun><scaninfo type="connect" protocol="tcp" numservices="5" services="1-5"/>
                <host><address addr="198.51.100.2" addrtype="ipv4"/><ports>
                <extraports state="closed" count="3"/><extraports state="filtered" count="2"/></ports></host></nmaprun>
                """;
        Path p = write("amb.xml", ambiguous);
        assertThatThrownBy(() -> NmapXml.read(p)).isInstanceOf(NmapXmlException.class)
                .hasMessage(p + ": host 198.51.100.2 folds ports into several extraports [closed, filtered] without"
                        + " port lists; their states cannot be told apart");
    }

    @Test
    void aFoldWhoseListDisagreesWithItsCountIsRefused() throws IOException {
        Path p = write("bad.xml", FOLDED.replace("count=\"7\">", "count=\"8\">"));
        assertThatThrownBy(() -> NmapXml.read(p)).isInstanceOf(NmapXmlException.class)
                .hasMessage(p + ": extraports closed counts 8 ports but lists 7");
    }

    @Test
    void badContentIsATypedError() throws IOException {
        Path broken = write("broken.xml", "<nmaprun><host>");
        assertThatThrownBy(() -> NmapXml.read(broken)).isInstanceOf(NmapXmlException.class)
                .hasMessageStartingWith(broken + ": not well-formed XML: ");
        Path state = write("state.xml", FOLDED.replace("state=\"open\" reason=\"syn-ack\" reason_ttl=\"0\"/><service",
                "state=\"ajar\"/><service"));
        assertThatThrownBy(() -> NmapXml.read(state)).isInstanceOf(NmapXmlException.class)
                .hasMessage(state + " line 16: unknown port state 'ajar'");
        Path portid = write("portid.xml", FOLDED.replace("portid=\"38\"", "portid=\"x38\""));
        assertThatThrownBy(() -> NmapXml.read(portid)).hasMessage(portid + " line 18: portid is not a number: 'x38'");
        assertThatThrownBy(() -> NmapXml.read(dir.resolve("missing.xml"))).isInstanceOf(NmapXmlException.class)
                .hasMessageStartingWith("cannot read " + dir.resolve("missing.xml"));
    }

    @Test
    void differencesListEveryPortThatChanged() {
        Map<String, Map<Integer, PortState>> a = Map.of("h1", Map.of(1, PortState.OPEN, 2, PortState.CLOSED),
                "h2", Map.of());
        Map<String, Map<Integer, PortState>> b = Map.of("h1", Map.of(1, PortState.OPEN, 2, PortState.FILTERED,
                3, PortState.CLOSED));
        assertThat(NmapXml.differences(a, b)).containsExactly("h1 2: closed vs filtered", "h1 3: not scanned vs closed",
                "h2: only in first report");
        assertThat(NmapXml.differences(a, a)).isEmpty();
    }
}
