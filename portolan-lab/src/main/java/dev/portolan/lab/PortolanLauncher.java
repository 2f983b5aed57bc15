package dev.portolan.lab;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start Portolan's command line (a JDK 25 {@code java}, a class path, the CLI's main class), and running it
 * inside a lab's scanner namespace. Shared by the lab tests (this JVM's class path) and the bench (the built jars).
 *
 * @param prefix the command before Portolan's own arguments ({@code java ... dev.portolan.cli.Main})
 */
public record PortolanLauncher(List<String> prefix) {
    public static final String MAIN_CLASS = "dev.portolan.cli.Main";
    /** The CLI reaches libc through the FFM API; without this the JDK warns on every start. */
    public static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    public PortolanLauncher {
        prefix = List.copyOf(prefix);
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("empty Portolan command");
        }
    }

    /** This JVM's java with this JVM's class path: in the tests, the CLI's classes and libraries are on it. */
    public static PortolanLauncher currentJvm() {
        return onClassPath(System.getProperty("java.class.path"));
    }

    /** The CLI jar and its libraries as {@code ./mvnw package} leaves them under {@code home} (the repository). */
    public static PortolanLauncher builtJars(Path home) {
        Path cli = home.resolve("portolan-cli").resolve("target");
        return onClassPath(cli.resolve("portolan-cli.jar") + File.pathSeparator
                + cli.resolve("lib") + File.separator + "*");
    }

    private static PortolanLauncher onClassPath(String classPath) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new PortolanLauncher(List.of(java, NATIVE_ACCESS, "-cp", classPath, MAIN_CLASS));
    }

    /** The full command for Portolan's arguments {@code args} ("scan", "-sT", ...). */
    public List<String> command(List<String> args) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(args);
        return full;
    }

    /**
     * Runs Portolan with {@code args} inside {@code lab}'s scanner namespace and returns its result whatever its
     * exit code; throws a {@link ShellException} when it runs longer than {@code timeout} (it is killed then).
     */
    public Shell.Result runInScanner(Lab lab, Duration timeout, List<String> args) {
        return Shell.run(timeout, null, lab.inScanner(command(args)));
    }
}
