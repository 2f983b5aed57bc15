package dev.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the portolan command in the test's JVM, or as a child process with the test's classpath. */
final class Cli {
    /** Set by surefire (see the pom): names resolve from the test's hosts file, never through DNS. */
    static final String HOSTS_FILE_PROPERTY = "jdk.net.hosts.file";

    private Cli() {
    }

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }
    }

    /** Runs {@code args} through Main.run; stdout and stderr are captured. */
    static Result run(String... args) {
        requireHostsFile();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** The hosts file that replaces DNS; fails the test when the JVM was started without it. */
    static Path requireHostsFile() {
        String file = System.getProperty(HOSTS_FILE_PROPERTY);
        assertThat(file).as("-D" + HOSTS_FILE_PROPERTY + " (set by the surefire argLine) keeps tests off DNS")
                .isNotNull();
        assertThat(Path.of(file)).isRegularFile();
        return Path.of(file);
    }

    /** A child JVM running {@code Main} with {@code args}, with the same hosts file and native access. */
    static ProcessBuilder process(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-D" + HOSTS_FILE_PROPERTY + "=" + requireHostsFile());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(classPath());
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }

    /** The classes of main and test and their dependencies, as surefire put them together. */
    static String classPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        assertThat(cp).contains("portolan-core");
        return cp;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
