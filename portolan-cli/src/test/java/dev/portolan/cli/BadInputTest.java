package dev.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A wrong command line: exit code 2, one line on stderr naming what is wrong, nothing scanned, no stack trace. */
class BadInputTest {
    private static final String HINT = "Try 'portolan scan --help' for the options.";

    @TempDir
    Path dir;

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of(List.of("300.1.1.1"), "300.1.1.1"),
                Arguments.of(List.of("10.0.0.0/33"), "10.0.0.0/33"),
                Arguments.of(List.of("-p", "70000", "127.0.0.1"), "70000"),
                Arguments.of(List.of("-p", "abc", "127.0.0.1"), "abc"),
                Arguments.of(List.of("-p", "5-3", "127.0.0.1"), "5-3"),
                Arguments.of(List.of("-iL", "/nonexistent"), "-iL /nonexistent"),
                Arguments.of(List.of("--excludefile", "/nonexistent", "127.0.0.1"), "--excludefile /nonexistent"),
                Arguments.of(List.of("--exclude", "127.0.0.1", "127.0.0.1"), "--exclude 127.0.0.1"),
                Arguments.of(List.of("--exclude", "127.0.0.0/8", "127.0.0.1", "127.0.0.2"), "--exclude 127.0.0.0/8"),
                Arguments.of(List.of(), "no targets given"),
                Arguments.of(List.of("-p", "80"), "no targets given"),
                Arguments.of(List.of("-T9", "127.0.0.1"), "-T9"),
                Arguments.of(List.of("-T", "9", "127.0.0.1"), "-T9"),
                Arguments.of(List.of("--max-retries", "-1", "127.0.0.1"), "--max-retries -1"),
                Arguments.of(List.of("--min-rate", "10", "--max-rate", "5", "127.0.0.1"),
                        "--min-rate 10 is above --max-rate 5"),
                Arguments.of(List.of("--min-rate", "0", "127.0.0.1"), "--min-rate 0"),
                Arguments.of(List.of("--max-parallelism", "0", "127.0.0.1"), "--max-parallelism 0"),
                Arguments.of(List.of("--top-ports", "0", "127.0.0.1"), "--top-ports 0"),
                Arguments.of(List.of("-p", "80", "-F", "127.0.0.1"), "-p"),
                Arguments.of(List.of("-n", "-R", "127.0.0.1"), "-n and -R"),
                Arguments.of(List.of("--dns-servers", "192.0.2.53,ns1.example", "127.0.0.1"),
                        "--dns-servers 192.0.2.53,ns1.example: 'ns1.example' is not an IP address"),
                Arguments.of(List.of("--exclude-ports", "x-y", "127.0.0.1"), "x-y"),
                Arguments.of(List.of("-oX", "/nonexistent-dir/x.xml", "-p", "1", "127.0.0.1"),
                        "-oX /nonexistent-dir/x.xml"),
                Arguments.of(List.of("-oX", "-", "-oJ", "-", "-p", "1", "127.0.0.1"), "-oJ -"),
                Arguments.of(List.of("-p", "U:53", "127.0.0.1"), "-p U:53"),
                Arguments.of(List.of("-sU", "-p", "T:22", "127.0.0.1"), "no UDP ports to scan (-p T:22)"),
                Arguments.of(List.of("--defeat-icmp-ratelimit", "127.0.0.1"), "--defeat-icmp-ratelimit goes with -sU"),
                Arguments.of(List.of("-sU", "-sn", "127.0.0.1"), "-sU with -sn"),
                Arguments.of(List.of("-sU", "--udp-payloads", "/nonexistent", "127.0.0.1"),
                        "--udp-payloads /nonexistent: no such file"),
                Arguments.of(List.of("-g", "65536", "127.0.0.1"), "-g 65536"),
                Arguments.of(List.of("--source-port", "-1", "127.0.0.1"), "-g -1"),
                Arguments.of(List.of("--ttl", "256", "127.0.0.1"), "--ttl 256"),
                Arguments.of(List.of("--ttl", "-1", "127.0.0.1"), "--ttl -1"),
                Arguments.of(List.of("--data-length", "1401", "127.0.0.1"), "--data-length 1401"),
                Arguments.of(List.of("--data-length", "-1", "127.0.0.1"), "--data-length -1"),
                Arguments.of(List.of("--mtu", "12", "127.0.0.1"), "--mtu 12"),
                Arguments.of(List.of("--mtu", "0", "127.0.0.1"), "--mtu 0"),
                Arguments.of(List.of("-S", "not-an-address", "127.0.0.1"), "-S not-an-address"),
                Arguments.of(List.of("-S", "256.0.0.1", "127.0.0.1"), "-S 256.0.0.1"),
                Arguments.of(List.of("-sT", "-S", "127.0.0.1,127.0.0.2", "127.0.0.1"),
                        "several source addresses are for the UDP scan (-sU)"),
                Arguments.of(List.of("-sU", "-S", "127.0.0.1,192.0.2.77", "127.0.0.1"),
                        "-S 192.0.2.77: not an address of this machine"),
                Arguments.of(List.of("-sU", "-S", "127.0.0.9-3", "127.0.0.1"), "ends before it starts"),
                Arguments.of(List.of("-sU", "-S", "127.0.0.1-127.0.3.0", "127.0.0.1"), "more than 256 source"),
                Arguments.of(List.of("-sU", "-S", "127.0.0.1-::1", "127.0.0.1"), "mixes IPv4 and IPv6"),
                Arguments.of(List.of("-e", "bogus0", "127.0.0.1"), "-e bogus0: no such network interface"),
                Arguments.of(List.of("-e", "a/b", "127.0.0.1"), "-e 'a/b'"),
                Arguments.of(List.of("-D", "ME,ME", "127.0.0.1"), "-D ME,ME"),
                Arguments.of(List.of("-D", "RND:0", "127.0.0.1"), "RND:0"),
                Arguments.of(List.of("-D", "RND:many", "127.0.0.1"), "RND:many"),
                Arguments.of(List.of("-D", "decoy.example,ME", "127.0.0.1"), "decoy 'decoy.example'"),
                Arguments.of(List.of("-D", "RND:128,RND:1", "127.0.0.1"), "more than 128 decoys"),
                Arguments.of(List.of("-sT", "-f", "127.0.0.1"), "-f: fragmented probes need a raw scan"),
                Arguments.of(List.of("-sT", "-ff", "127.0.0.1"), "-ff: fragmented probes need a raw scan"),
                Arguments.of(List.of("-sT", "--mtu", "16", "127.0.0.1"), "--mtu: fragmented probes need a raw scan"),
                Arguments.of(List.of("--shard", "0/3", "127.0.0.1"), "--shard 0/3"),
                Arguments.of(List.of("--shard", "4/3", "127.0.0.1"), "--shard 4/3"),
                Arguments.of(List.of("--shard", "1/0", "127.0.0.1"), "--shard 1/0"),
                Arguments.of(List.of("--shard", "2", "127.0.0.1"), "--shard 2: need I/N"),
                Arguments.of(List.of("--shard", "x/y", "127.0.0.1"), "--shard x/y"),
                Arguments.of(List.of("-sV", "--version-intensity", "10", "127.0.0.1"), "--version-intensity 10"),
                Arguments.of(List.of("-sV", "--version-intensity", "-1", "127.0.0.1"), "--version-intensity -1"),
                Arguments.of(List.of("-sV", "--version-light", "--version-all", "127.0.0.1"),
                        "--version-light, --version-all and --version-intensity"),
                Arguments.of(List.of("--version-all", "127.0.0.1"), "only mean something with -sV"),
                Arguments.of(List.of("-sV", "--version-wait", "0", "127.0.0.1"), "--version-wait 0ms"),
                Arguments.of(List.of("-sV", "--service-probes", "/nonexistent/sigs.txt", "127.0.0.1"),
                        "--service-probes /nonexistent/sigs.txt: no such file"));
    }

    @Test
    void aBrokenPayloadFileIsNamedWithItsLine() throws Exception {
        Path file = dir.resolve("payloads");
        Files.writeString(file, "payload mine 9999\nhex 0g\n");
        Cli.Result r = scan(List.of("-sU", "--udp-payloads", file.toString(), "127.0.0.1"));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).containsExactly("portolan: --udp-payloads " + file + ":2: \"0g\" is not a hex byte");
        assertNoStackTrace(r);
    }

    @ParameterizedTest(name = "scan {0}")
    @MethodSource("badCommandLines")
    void oneLineNamingTheToken(List<String> args, String named) {
        Cli.Result r = scan(args);

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().getFirst()).startsWith("portolan: ").contains(named);
        assertNoStackTrace(r);
        assertThat(r.out()).isEmpty();
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(List.of("--bogus", "127.0.0.1"), "--bogus"),
                Arguments.of(List.of("-T", "x", "127.0.0.1"), "x"),
                Arguments.of(List.of("--max-retries", "many", "127.0.0.1"), "many"),
                Arguments.of(List.of("--host-timeout", "soon", "127.0.0.1"), "soon"),
                Arguments.of(List.of("--scan-delay", "-5ms", "127.0.0.1"), "-5ms"),
                Arguments.of(List.of("--seed", "1.5", "127.0.0.1"), "1.5"),
                Arguments.of(List.of("--ttl", "x", "127.0.0.1"), "x"),
                Arguments.of(List.of("-g", "http", "127.0.0.1"), "http"),
                Arguments.of(List.of("--mtu", "1.5", "127.0.0.1"), "1.5"),
                Arguments.of(List.of("--data-length", "lots", "127.0.0.1"), "lots"),
                Arguments.of(List.of("-p"), "-p"));
    }

    /** Errors picocli finds while parsing get the help hint as a second line, as most tools print it. */
    @ParameterizedTest(name = "scan {0}")
    @MethodSource("badOptions")
    void optionErrorsAddTheHelpHint(List<String> args, String named) {
        Cli.Result r = scan(args);

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).hasSize(2);
        assertThat(r.errLines().getFirst()).startsWith("portolan: ").contains(named);
        assertThat(r.errLines().get(1)).isEqualTo(HINT);
        assertNoStackTrace(r);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownCommand() {
        Cli.Result r = Cli.run("scna", "127.0.0.1");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).containsExactly("portolan: unknown command 'scna'; the commands are discover, scan",
                "Try 'portolan --help' for the options.");
        assertNoStackTrace(r);
        assertThat(Cli.run("--frob").errLines().getFirst()).as("an option, not a command")
                .isEqualTo("portolan: Unknown option: '--frob'");
    }

    @Test
    void targetFileThatIsADirectory() {
        Cli.Result r = scan(List.of("-iL", dir.toString()));

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).containsExactly("portolan: -iL " + dir + ": is a directory, not a file");
    }

    @Test
    void badTokenInsideATargetFile() throws Exception {
        Path list = Files.writeString(dir.resolve("targets.txt"), "127.0.0.1\n# a comment\n10.0.0.5-2\n");

        Cli.Result r = scan(List.of("-iL", list.toString()));

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().getFirst()).contains("10.0.0.5-2");
    }

    @Test
    void nothingIsWrittenWhenTheCommandLineIsWrong() {
        Path xml = dir.resolve("never.xml");

        Cli.Result r = scan(List.of("-p", "70000", "-oX", xml.toString(), "127.0.0.1"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(xml).doesNotExist();
    }

    @Test
    void twoReportsInOneFileAreRefused() {
        Path same = dir.resolve("out");

        Cli.Result r = scan(List.of("-oX", same.toString(), "-oN", dir.resolve("x/../out").toString(), "-p", "1",
                "127.0.0.1"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().getFirst()).contains("-oX").contains("already writes there");
    }

    private static Cli.Result scan(List<String> args) {
        String[] all = Stream.concat(Stream.of("scan"), args.stream()).toArray(String[]::new);
        return Cli.run(all);
    }

    static void assertNoStackTrace(Cli.Result r) {
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("    at ");
    }
}
