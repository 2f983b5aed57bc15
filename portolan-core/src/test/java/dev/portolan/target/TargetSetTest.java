package dev.portolan.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetSetTest {

    /** A resolver that knows a few names and fails on the rest, without DNS. */
    private static final Resolver FAKE = name -> switch (name) {
        case "www.example" -> List.of(ip("192.0.2.10"));
        case "dual.example" -> List.of(ip("2001:db8::10"), ip("192.0.2.20"), ip("192.0.2.21"));
        case "six.example" -> List.of(ip("2001:db8::60"));
        case "lan.example" -> List.of(ip("10.0.0.5"));
        default -> throw new UnknownHostException(name);
    };

    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    private static TargetSet parse(String... specs) {
        return TargetSet.parse(List.of(specs), TargetOptions.builder().resolver(FAKE).build());
    }

    private static TargetSet parse(TargetOptions.Builder options, String... specs) {
        return TargetSet.parse(List.of(specs), options.resolver(FAKE).build());
    }

    private static List<String> ips(TargetSet set) {
        return set.stream().map(Target::ip).toList();
    }

    @Test
    void singleAddresses() {
        assertThat(ips(parse("192.0.2.1"))).containsExactly("192.0.2.1");
        assertThat(ips(parse("2001:db8::1"))).containsExactly("2001:db8::1");
        assertThat(ips(parse("2001:0db8:0000:0000:0000:0000:0000:0001"))).containsExactly("2001:db8::1");
        assertThat(parse("::ffff:192.0.2.1").get(0).isIpv6()).isTrue();
        assertThat(ips(parse("::"))).containsExactly("::");
    }

    @Test
    void ipv4Cidr() {
        TargetSet set = parse("192.0.2.77/24");
        assertThat(set.size()).isEqualTo(256);
        assertThat(set.get(0).ip()).isEqualTo("192.0.2.0");
        assertThat(set.get(255).ip()).isEqualTo("192.0.2.255");
        assertThat(parse("192.0.2.77/32").size()).isEqualTo(1);
        assertThat(parse("192.0.2.77/31").stream().map(Target::ip)).containsExactly("192.0.2.76", "192.0.2.77");
        TargetSet all = parse("1.2.3.4/0");
        assertThat(all.size()).isEqualTo(1L << 32);
        assertThat(all.get((1L << 32) - 1).ip()).isEqualTo("255.255.255.255");
    }

    @Test
    void aSlashEightIsHeldAsOneRange() {
        TargetSet set = parse("10.0.0.0/8");
        assertThat(set.size()).isEqualTo(16_777_216);
        assertThat(set.get(16_777_215).ip()).isEqualTo("10.255.255.255");
        assertThat(set.get(65_536 + 256 + 7).ip()).isEqualTo("10.1.1.7");
        assertThat(set).isEqualTo(parse("10.*.*.*")).isEqualTo(parse("10.0-255.0-255.0-255"));
        assertThat(set.toString()).isEqualTo("16777216 hosts: 10.0.0.0-10.255.255.255");
        assertThat(parse("10.0.0-255.*")).isEqualTo(parse("10.0.0.0/16"));
        assertThat(parse("10.0.0-255.*").toString()).isEqualTo("65536 hosts: 10.0.0.0-10.0.255.255");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            192.0.2.1-20       | 20 | 192.0.2.1   | 192.0.2.20
            10.0.0-3.*         | 1024 | 10.0.0.0  | 10.0.3.255
            192.0.2.-5         | 6  | 192.0.2.0   | 192.0.2.5
            192.0.2.250-       | 6  | 192.0.2.250 | 192.0.2.255
            192.0.2.*          | 256 | 192.0.2.0  | 192.0.2.255
            192.0.2.-          | 256 | 192.0.2.0  | 192.0.2.255
            10.0-1.5.1         | 2  | 10.0.5.1    | 10.1.5.1
            010.000.000.001    | 1  | 10.0.0.1    | 10.0.0.1
            """)
    void octetRanges(String spec, long size, String first, String last) {
        TargetSet set = parse(spec);
        assertThat(set.size()).isEqualTo(size);
        assertThat(set.get(0).ip()).isEqualTo(first);
        assertThat(set.get(size - 1).ip()).isEqualTo(last);
    }

    @Test
    void octetListsWithCommas() {
        assertThat(ips(parse("192.0.2.1,3,7-9"))).containsExactly("192.0.2.1", "192.0.2.3", "192.0.2.7",
                "192.0.2.8", "192.0.2.9");
        assertThat(ips(parse("10.1,3.0.1-2"))).containsExactly("10.1.0.1", "10.1.0.2", "10.3.0.1", "10.3.0.2");
        assertThat(ips(parse("192.0.2.9,1,5,1"))).containsExactly("192.0.2.1", "192.0.2.5", "192.0.2.9");
    }

    @Test
    void duplicatesAndOverlapsCountOnce() {
        assertThat(parse("10.0.0.0/24", "10.0.0.5").size()).isEqualTo(256);
        assertThat(parse("10.0.0.0/25", "10.0.0.100-200").size()).isEqualTo(201);
        assertThat(parse("10.0.0.1", "10.0.0.1", "10.0.0.1").size()).isEqualTo(1);
        assertThat(parse("10.0.0.0-127", "10.0.0.128-255")).isEqualTo(parse("10.0.0.0/24"));
        assertThat(parse("10.0.0.0/24 10.0.0.5")).isEqualTo(parse("10.0.0.0/24"));
    }

    @Test
    void orderIsAscendingWithIpv4First() {
        TargetSet set = parse("2001:db8::2", "192.0.2.9", "2001:db8::1", "10.0.0.1");
        assertThat(ips(set)).containsExactly("10.0.0.1", "192.0.2.9", "2001:db8::1", "2001:db8::2");
        assertThat(set.ipv4Size()).isEqualTo(2);
        assertThat(set.ipv6Size()).isEqualTo(2);
        assertThat(set.toString()).isEqualTo("4 hosts: 10.0.0.1, 192.0.2.9, 2001:db8::1-2001:db8::2");
        assertThat(parse("10.0.0.1", "10.0.0.3", "10.0.0.5", "10.0.0.7", "10.0.0.9").toString())
                .isEqualTo("5 hosts: 10.0.0.1, 10.0.0.3, 10.0.0.5, 10.0.0.7, … (5 ranges)");
    }

    @Test
    void ipv6Cidr() {
        TargetSet set = parse("2001:db8::/120");
        assertThat(set.size()).isEqualTo(256);
        assertThat(set.get(0).ip()).isEqualTo("2001:db8::");
        assertThat(set.get(255).ip()).isEqualTo("2001:db8::ff");
        assertThat(parse("2001:db8::1/128").size()).isEqualTo(1);
        assertThat(parse("2001:db8:1:2:3:4:5:6/112").get(0).ip()).isEqualTo("2001:db8:1:2:3:4:5:0");
    }

    @Test
    void ipv6RangesCrossingSixtyFourBitsAreExact() {
        TargetSet set = parse("2001:db8::/66");
        assertThat(set.size()).isEqualTo(TargetSet.MAX_SIZE);
        assertThat(set.get(TargetSet.MAX_SIZE - 1).ip()).isEqualTo("2001:db8::3fff:ffff:ffff:ffff");
        TargetSet across = parse("2001:db8:0:0:ffff:ffff:ffff:fffe/127", "2001:db8:0:1::/127");
        assertThat(ips(across)).containsExactly("2001:db8::ffff:ffff:ffff:fffe", "2001:db8::ffff:ffff:ffff:ffff",
                "2001:db8:0:1::", "2001:db8:0:1::1");
        assertThat(across.indexOf(ip("2001:db8:0:1::1"))).isEqualTo(3);
    }

    @Test
    void tooManyAddressesIsAClearError() {
        assertThatThrownBy(() -> parse("2001:db8::/64"))
                .isInstanceOf(TargetSpecException.class)
                .hasMessage("bad target \"2001:db8::/64\": more than 2^62 addresses (an IPv6 /64 has 2^64); "
                        + "scan a smaller range");
        assertThatThrownBy(() -> parse("::/0")).isInstanceOf(TargetSpecException.class);
        assertThatThrownBy(() -> parse("10.0.0.1", "2001:db8::/65", "2001:db9::/65"))
                .isInstanceOf(TargetSpecException.class);
    }

    @Test
    void aMillionSeparateRangesFromOneTokenIsRefused() {
        assertThatThrownBy(() -> parse("*.*.*.1"))
                .isInstanceOf(TargetSpecException.class)
                .hasMessageStartingWith("bad target \"*.*.*.1\": expands into 16777216 separate ranges");
        assertThat(parse("10.*.*.1").size()).isEqualTo(65536);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            300.1.1.1          | octet 300 is above 255
            10.0.0.0/33        | IPv4 prefix length /33 is above 32
            1.2.3              | an IPv4 address needs four octets, this has 3
            1.2.3.4.5          | an IPv4 address needs four octets, this has 5
            a..b               | not an IP address, range or host name
            2001:db8::/129     | IPv6 prefix length /129 is above 128
            10.0.0.5-2         | octet range 5-2 runs backwards
            10.0.0.*/24        | a /prefix cannot follow an octet range
            10.0.0.1/          | the prefix length after / must be a number
            10.0.0.1/x         | the prefix length after / must be a number
            10..0.1            | empty octet
            10.0.0.1-2-3       | "2-3" is not an octet number
            10.0.0.1000        | octet 1000 is above 255
            2001:db8:::1       | "::" may appear only once
            1:2:3:4:5:6:7:8:9  | an IPv6 address has eight groups, this has 9
            1:2:3:4:5:6:7      | an IPv6 address has eight groups, this has 7
            1:2:3:4::5:6:7:8   | too many groups for an IPv6 address
            2001:db8::g        | "g" is not a hexadecimal group
            2001:db8::12345    | group "12345" is longer than 4 digits
            :1::               | empty group
            ::1.2.3            | embedded IPv4 address "1.2.3" needs four octets
            ::1.2.3.256        | embedded IPv4 address "1.2.3.256" is malformed
            1.2.3.4::          | "1.2.3.4" is not a hexadecimal group
            fe80::1%           | empty scope after %
            fe80::%1/64        | a %scope goes only with a single address, not a /prefix
            host%eth0          | a %scope belongs only after an IPv6 address
            -bad-.example      | not an IP address, range or host name
            name.example/200   | prefix length /200 is above 128
            """)
    void malformedSpecsNameTheirToken(String spec, String problem) {
        assertThatThrownBy(() -> parse(spec))
                .isInstanceOfSatisfying(TargetSpecException.class, e -> {
                    assertThat(e.token()).isEqualTo(spec);
                    assertThat(e).isInstanceOf(SpecException.class).isInstanceOf(IllegalArgumentException.class);
                })
                .hasMessage("bad target \"" + spec + "\": " + problem);
    }

    @Test
    void anUnknownInterfaceScopeIsAnError() {
        assertThatThrownBy(() -> parse("fe80::1%no-such-if0"))
                .isInstanceOf(TargetSpecException.class)
                .hasMessage("bad target \"fe80::1%no-such-if0\": no network interface named \"no-such-if0\"");
    }

    @Test
    void scopedIpv6KeepsItsScope() throws Exception {
        Target t = parse("fe80::1%3").get(0);
        assertThat(((Inet6Address) t.address()).getScopeId()).isEqualTo(3);
        assertThat(t.ip()).isEqualTo("fe80::1");
        Target lo = parse("fe80::1%lo").get(0);
        assertThat(((Inet6Address) lo.address()).getScopeId()).isEqualTo(NetworkInterface.getByName("lo").getIndex());
        TargetSet both = parse("fe80::/126", "fe80::2%7");
        assertThat(both.size()).isEqualTo(4);
        assertThat(((Inet6Address) both.get(2).address()).getScopeId()).isEqualTo(7);
        assertThat(((Inet6Address) both.get(1).address()).getScopeId()).isZero();
    }

    @Test
    void namesResolveToTheirFirstIpv4Address() {
        TargetSet set = parse("www.example", "dual.example", "six.example");
        assertThat(set.stream().map(Target::toString)).containsExactly("www.example (192.0.2.10)",
                "dual.example (192.0.2.20)", "six.example (2001:db8::60)");
        assertThat(set.get(0).userName()).contains("www.example");
        assertThat(set.warnings()).isEmpty();
    }

    @Test
    void minusSixPicksIpv6AndResolveAllTakesEvery() {
        TargetSet six = parse(TargetOptions.builder().ipv6(true), "dual.example", "www.example");
        assertThat(six.stream().map(Target::toString)).containsExactly("dual.example (2001:db8::10)");
        assertThat(six.warnings()).containsExactly("The name \"www.example\" has no IPv6 address");
        TargetSet all = parse(TargetOptions.builder().resolveAll(true), "dual.example");
        assertThat(all.stream().map(Target::toString)).containsExactly("dual.example (192.0.2.20)",
                "dual.example (192.0.2.21)");
    }

    @Test
    void anUnresolvableNameIsAWarningNotAnError() {
        TargetSet set = parse("nowhere.invalid", "192.0.2.1", "also.invalid");
        assertThat(ips(set)).containsExactly("192.0.2.1");
        assertThat(set.warnings()).containsExactly("Failed to resolve name \"nowhere.invalid\"",
                "Failed to resolve name \"also.invalid\"");
        assertThatThrownBy(() -> parse("nowhere.invalid"))
                .isInstanceOfSatisfying(TargetSpecException.class, e -> assertThat(e.token()).isEmpty())
                .hasMessage("no targets left to scan (Failed to resolve name \"nowhere.invalid\")");
    }

    @Test
    void aNameWithAPrefixScansItsNetwork() {
        TargetSet set = parse("www.example/30");
        assertThat(set.stream().map(Target::toString)).containsExactly("192.0.2.8", "192.0.2.9",
                "www.example (192.0.2.10)", "192.0.2.11");
        assertThatThrownBy(() -> parse("www.example/33"))
                .isInstanceOf(TargetSpecException.class)
                .hasMessage("bad target \"www.example/33\": www.example is an IPv4 address, so the prefix length "
                        + "must be at most 32");
        assertThat(parse("six.example/126").size()).isEqualTo(4);
    }

    @Test
    void aNamedHostGivenAlsoByAddressIsOneHostAndKeepsItsName() {
        TargetSet set = parse("10.0.0.0/24", "lan.example");
        assertThat(set.size()).isEqualTo(256);
        assertThat(set.get(5).toString()).isEqualTo("lan.example (10.0.0.5)");
        assertThat(set.get(4).userName()).isEmpty();
    }

    @Test
    void namesAreResolvedOnceEach() {
        List<String> asked = java.util.Collections.synchronizedList(new ArrayList<>());
        Resolver counting = name -> {
            asked.add(name);
            return FAKE.resolve(name);
        };
        TargetSet set = TargetSet.parse(List.of("www.example", "www.example", "lan.example"),
                TargetOptions.builder().resolver(counting).exclude("lan.example").build());
        assertThat(set.stream().map(Target::toString)).containsExactly("www.example (192.0.2.10)");
        assertThat(asked).containsExactlyInAnyOrder("www.example", "lan.example");
    }

    @Test
    void exclusionsAreSubtracted() {
        TargetSet set = parse(TargetOptions.builder().exclude("10.0.0.0/25,10.0.0.255"), "10.0.0.0/24");
        assertThat(set.size()).isEqualTo(127);
        assertThat(set.get(0).ip()).isEqualTo("10.0.0.128");
        assertThat(set.get(126).ip()).isEqualTo("10.0.0.254");
        assertThat(ips(parse(TargetOptions.builder().exclude("192.0.2.1,3,7-9"), "192.0.2.0-10")))
                .containsExactly("192.0.2.0", "192.0.2.2", "192.0.2.4", "192.0.2.5", "192.0.2.6", "192.0.2.10");
        TargetSet big = parse(TargetOptions.builder().exclude("10.128.0.0/9").exclude("10.0.0.0"), "10.0.0.0/8");
        assertThat(big.size()).isEqualTo((1 << 23) - 1);
        assertThat(big.get(0).ip()).isEqualTo("10.0.0.1");
        assertThat(big.contains(ip("10.128.0.0"))).isFalse();
        assertThat(parse(TargetOptions.builder().exclude("2001:db8::80/121"), "2001:db8::/120").size())
                .isEqualTo(128);
    }

    @Test
    void anExcludedNameRemovesItsAddress() {
        TargetSet set = parse(TargetOptions.builder().exclude("lan.example,gone.invalid"), "10.0.0.4-6");
        assertThat(ips(set)).containsExactly("10.0.0.4", "10.0.0.6");
        assertThat(set.warnings()).containsExactly("Failed to resolve excluded name \"gone.invalid\"");
    }

    @Test
    void everythingExcludedIsAnError() {
        assertThatThrownBy(() -> parse(TargetOptions.builder().exclude("10.0.0.0/8"), "10.1.2.0/24"))
                .isInstanceOf(TargetSpecException.class)
                .hasMessage("no targets left to scan: every one was excluded");
        assertThatThrownBy(() -> parse())
                .isInstanceOf(TargetSpecException.class).hasMessage("no targets were specified");
        assertThatThrownBy(() -> parse("  "))
                .isInstanceOf(TargetSpecException.class).hasMessage("no targets were specified");
    }

    @Test
    void malformedExclusionsAreErrorsToo() {
        assertThatThrownBy(() -> parse(TargetOptions.builder().exclude("10.0.0.300"), "10.0.0.0/24"))
                .isInstanceOfSatisfying(TargetSpecException.class, e -> assertThat(e.token()).isEqualTo("10.0.0.300"));
    }

    @Test
    void excludeListsSplitAtCommasButKeepOctetLists() {
        assertThat(TargetOptions.splitExcludeList("192.0.2.1,3,7-9,10.0.0.0/8, host.example"))
                .containsExactly("192.0.2.1,3,7-9", "10.0.0.0/8", "host.example");
        assertThat(TargetOptions.splitExcludeList("10.0,1.0.5,192.0.2.1")).containsExactly("10.0,1.0.5", "192.0.2.1");
        assertThat(TargetOptions.splitExcludeList("a.example,b.example")).containsExactly("a.example", "b.example");
        assertThat(TargetOptions.splitExcludeList("2001:db8::1,2001:db8::2"))
                .containsExactly("2001:db8::1", "2001:db8::2");
        assertThat(TargetOptions.splitExcludeList("")).isEmpty();
    }

    @Test
    void tokensOfATargetFile() throws Exception {
        String file = """
                # office network
                192.0.2.0/30   10.0.0.1\t10.0.0.2 # printers
                www.example#no space before the comment
                \r
                2001:db8::1
                """;
        assertThat(SpecReader.tokens(new java.io.StringReader(file)))
                .containsExactly("192.0.2.0/30", "10.0.0.1", "10.0.0.2", "www.example", "2001:db8::1");
        assertThat(SpecReader.tokens(new java.io.StringReader(""))).isEmpty();
    }

    @Test
    void inputListFromStandardInput() {
        byte[] stdin = "10.0.0.1\n10.0.0.2 # two\nwww.example\n".getBytes(StandardCharsets.UTF_8);
        TargetSet set = parse(TargetOptions.builder().inputFile("-").stdin(() -> new ByteArrayInputStream(stdin)),
                "10.0.0.3");
        assertThat(set.stream().map(Target::toString)).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3",
                "www.example (192.0.2.10)");
    }

    @Test
    void inputAndExcludeFiles(@TempDir Path dir) throws Exception {
        Path in = Files.writeString(dir.resolve("targets.txt"), "192.0.2.0/28\n");
        Path ex = Files.writeString(dir.resolve("exclude.txt"), "192.0.2.0-7 # first half\n192.0.2.15\n");
        TargetSet set = parse(TargetOptions.builder().inputFile(in.toString()).excludeFile(ex.toString()));
        assertThat(ips(set)).containsExactly("192.0.2.8", "192.0.2.9", "192.0.2.10", "192.0.2.11", "192.0.2.12",
                "192.0.2.13", "192.0.2.14");
        String missing = dir.resolve("missing.txt").toString();
        assertThatThrownBy(() -> parse(TargetOptions.builder().inputFile(missing)))
                .isInstanceOfSatisfying(TargetSpecException.class, e -> assertThat(e.token()).isEqualTo(missing))
                .hasMessage("bad target \"" + missing + "\": cannot read the file: no such file");
        Files.writeString(dir.resolve("bad.txt"), "10.0.0.1\n10.0.0.256\n");
        assertThatThrownBy(() -> parse(TargetOptions.builder().inputFile(dir.resolve("bad.txt").toString())))
                .isInstanceOfSatisfying(TargetSpecException.class, e -> assertThat(e.token()).isEqualTo("10.0.0.256"));
    }

    @Test
    void containsAndIndexOf() {
        TargetSet set = parse("10.0.0.0/24", "192.0.2.5", "2001:db8::/126");
        assertThat(set.indexOf(ip("10.0.0.0"))).isZero();
        assertThat(set.indexOf(ip("10.0.0.255"))).isEqualTo(255);
        assertThat(set.indexOf(ip("192.0.2.5"))).isEqualTo(256);
        assertThat(set.indexOf(ip("2001:db8::3"))).isEqualTo(260);
        assertThat(set.indexOf(ip("10.0.1.0"))).isEqualTo(-1);
        assertThat(set.indexOf(ip("9.255.255.255"))).isEqualTo(-1);
        assertThat(set.indexOf(ip("2001:db8::4"))).isEqualTo(-1);
        assertThat(set.contains(ip("192.0.2.5"))).isTrue();
        assertThat(set.contains(ip("192.0.2.6"))).isFalse();
        for (long i = 0; i < set.size(); i++) {
            assertThat(set.indexOf(set.get(i).address())).isEqualTo(i);
        }
    }

    @Test
    void indexesOutsideTheSetAreRefused() {
        TargetSet set = parse("10.0.0.0/30");
        assertThatThrownBy(() -> set.get(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> set.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void ofSortsDeduplicatesAndKeepsNames() {
        TargetSet set = TargetSet.of(List.of(Target.of(ip("192.0.2.9")), Target.named(ip("192.0.2.1"), "a"),
                Target.of(ip("2001:db8::1")), Target.named(ip("192.0.2.1"), "b"), Target.of(ip("192.0.2.9"))));
        assertThat(set.stream().map(Target::toString)).containsExactly("a (192.0.2.1)", "192.0.2.9", "2001:db8::1");
        assertThat(TargetSet.of(List.of()).size()).isZero();
        assertThat(set.get(0)).isEqualTo(new Target(ip("192.0.2.1"), Optional.of("a")));
    }

    @Test
    void equalSetsAreEqual() {
        assertThat(parse("10.0.0.1-3")).isEqualTo(parse("10.0.0.3", "10.0.0.1", "10.0.0.2"))
                .hasSameHashCodeAs(parse("10.0.0.1,2,3"));
        assertThat(parse("10.0.0.1")).isNotEqualTo(parse("10.0.0.2"));
        assertThat(parse("lan.example")).isNotEqualTo(parse("10.0.0.5"));
    }

    @Test
    void specsMayHoldSeveralTokensSeparatedBySpace() {
        assertThat(ips(parse(" 10.0.0.1\t10.0.0.2\n10.0.0.3 "))).containsExactly("10.0.0.1", "10.0.0.2",
                "10.0.0.3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/16", "2001:db8::/112", "10.0.0-255.1-254"})
    void largeSetsAreReadByIndexWithoutExpansion(String spec) {
        TargetSet set = parse(spec);
        long last = set.size() - 1;
        assertThat(set.indexOf(set.get(last).address())).isEqualTo(last);
        assertThat(set.indexOf(set.get(last / 2).address())).isEqualTo(last / 2);
    }

    @Test
    void hostNamesAreCheckedForShape() {
        assertThat(TargetSpecParser.isHostName("www.example.com.")).isTrue();
        assertThat(TargetSpecParser.isHostName("_sip._tcp.example")).isTrue();
        assertThat(TargetSpecParser.isHostName("a".repeat(63) + ".example")).isTrue();
        assertThat(TargetSpecParser.isHostName("a".repeat(64) + ".example")).isFalse();
        assertThat(TargetSpecParser.isHostName("a..b")).isFalse();
        assertThat(TargetSpecParser.isHostName("-a.example")).isFalse();
        assertThat(TargetSpecParser.isHostName("a b")).isFalse();
        assertThat(TargetSpecParser.isHostName("")).isFalse();
    }

    @Test
    void ipv4BitsAreTheAddressesGetHoldsWithoutMakingThem() {
        TargetSet set = parse("198.51.100.250-255", "203.0.113.0/30", "192.0.2.7", "www.example", "2001:db8::1");
        for (long i = 0; i < set.ipv4Size(); i++) {
            byte[] b = set.get(i).address().getAddress();
            int bits = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
            assertThat(set.ipv4Bits(i)).as("host %d", i).isEqualTo(bits);
        }
        assertThatThrownBy(() -> set.ipv4Bits(set.ipv4Size())).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
