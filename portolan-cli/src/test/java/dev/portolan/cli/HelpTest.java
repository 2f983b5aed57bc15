package dev.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** --help and --version: on stdout, exit code 0. */
class HelpTest {

    @Test
    void topLevelHelpListsTheCommandsAndTheExitCodes() {
        Cli.Result r = Cli.run("--help");

        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("Usage: portolan ")
                .containsPattern("(?m)^Commands:\n  discover +Find the live hosts")
                .containsPattern("(?m)^  scan +Scan ports")
                .contains("EXIT CODES:");
        for (int code : new int[] {ExitCode.OK, ExitCode.SOME_TARGETS_FAILED, ExitCode.USAGE, ExitCode.FAILED,
                ExitCode.INTERRUPTED}) {
            assertThat(r.out()).containsPattern("(?m)^  " + code + " +\\S");
        }
        assertThat(r.out().lines()).as("no wrapped line starts at column 0")
                .allMatch(l -> l.isEmpty() || l.startsWith(" ") || !Character.isLowerCase(l.charAt(0)));
    }

    @Test
    void noCommandPrintsTheSameHelp() {
        assertThat(Cli.run().out()).isEqualTo(Cli.run("--help").out());
    }

    @Test
    void scanHelpHasNmapsGroupsInNmapsOrder() {
        Cli.Result r = Cli.run("scan", "--help");

        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("Usage: portolan scan [OPTIONS] TARGET...\n")
                .containsSubsequence("\nTARGET SPECIFICATION:\n", "\nHOST DISCOVERY:\n", "\nSCAN TECHNIQUES:\n",
                        "\nPORT SPECIFICATION AND SCAN ORDER:\n", "\nTIMING AND PERFORMANCE:\n", "\nOUTPUT:\n",
                        "\nMISC:\n", "\nEXAMPLES:\n");
        assertThat(r.out()).containsSubsequence("TARGET SPECIFICATION:", "-iL FILE", "--exclude", "HOST DISCOVERY:",
                "-Pn", "PORT SPECIFICATION AND SCAN ORDER:", "-p PORTS", "--top-ports", "TIMING AND PERFORMANCE:",
                "-T 0-5", "--min-rate", "OUTPUT:", "-oX FILE", "-oA BASE", "--reason");
        assertThat(r.out()).contains("-oA BASE              BASE.nmap, BASE.xml and BASE.gnmap at once");
    }

    @Test
    void optionNamesLineUpInOneColumn() {
        String help = Cli.run("scan", "--help").out();

        int column = help.indexOf("-sn") - help.lastIndexOf('\n', help.indexOf("-sn")) - 1;
        for (String name : new String[] {"-n ", "-Pn ", "-iL ", "-p PORTS", "-F ", "-T 0-5", "-v ", "--open", "-6 "}) {
            int at = help.indexOf("\n" + " ".repeat(column) + name);
            assertThat(at).as("%s starts in column %d", name, column).isNotNegative();
        }
    }

    @Test
    void helpShowsEveryOptionTheScanUnderstands() {
        String help = Cli.run("scan", "--help").out();

        for (String option : new String[] {"-iL", "--exclude", "--excludefile", "-sn", "-Pn", "-n", "-R", "-sT",
                "-sS", "-sA", "-sW", "-sM", "-sN", "-sF", "-sX", "--scanflags", "-p", "--exclude-ports", "-F",
                "--top-ports", "-r", "--seed", "-T", "--min-rtt-timeout",
                "--max-rtt-timeout", "--initial-rtt-timeout", "--max-retries", "--host-timeout", "--scan-delay",
                "--max-scan-delay", "--min-rate", "--max-rate", "--max-parallelism", "-oN", "-oX", "-oG", "-oJ",
                "--ndjson", "-oC", "-oA", "-v", "-q", "--open", "--reason", "-6"}) {
            assertThat(help).containsPattern("(?m)^ +" + java.util.regex.Pattern.quote(option) + "[ \n]");
        }
    }

    @Test
    void versionInProcessAndAfterTheSubcommand() {
        for (String[] args : new String[][] {{"--version"}, {"-V"}, {"scan", "--version"}}) {
            Cli.Result r = Cli.run(args);

            assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
            assertThat(r.out()).startsWith("Portolan " + Version.NUMBER + "\nJava ");
        }
    }

    /** The main method answers --version without building the command model: same text, exit code 0. */
    @Test
    void versionFromTheProcess() throws Exception {
        Process p = Cli.process("--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out).isEqualTo(Cli.run("--version").out());
    }
}
