package dev.portolan.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs Portolan (this JVM's classes) and nmap inside a lab's scanner namespace, reports written to one directory. */
final class LabScans {
    /** Far above any scan here; a hung scanner fails its test instead of hanging the build. */
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Lab lab;
    private final Path dir;

    LabScans(Lab lab, Path dir) {
        this.lab = lab;
        this.dir = dir;
    }

    /** What one Portolan run wrote: its XML and JSON reports, and what it printed. */
    record PortolanRun(List<String> args, Shell.Result result, Path xml, Path json) {
        PortolanJson.Report report() {
            return PortolanJson.read(json);
        }

        /** The command and its output, for assertion messages. */
        String describe() {
            return "portolan " + Shell.render(args) + "\nexit " + result.exitCode() + "\nstdout:\n" + result.stdout()
                    + "\nstderr:\n" + result.stderr();
        }
    }

    /** {@code portolan scan ARGS -oX NAME.xml -oJ NAME.json}, which must exit 0. */
    PortolanRun portolan(String name, String... args) {
        Path xml = dir.resolve(name + ".xml");
        Path json = dir.resolve(name + ".json");
        List<String> full = new ArrayList<>(List.of("scan"));
        full.addAll(List.of(args));
        full.addAll(List.of("-oX", xml.toString(), "-oJ", json.toString()));
        PortolanRun run = new PortolanRun(full, PortolanLauncher.currentJvm().runInScanner(lab, TIMEOUT, full),
                xml, json);
        assertThat(run.result().exitCode()).as(run.describe()).isZero();
        return run;
    }

    /** {@code nmap ARGS -oX NAME.xml}, which must exit 0; returns the report. Skips the test without nmap. */
    Path nmap(String name, String... args) {
        assumeTrue(Shell.onPath("nmap") && Ndiff.available(),
                "nmap comparison skipped: nmap and ndiff (the oracles) are not installed");
        Path xml = dir.resolve(name + ".xml");
        List<String> full = new ArrayList<>(List.of("nmap"));
        full.addAll(List.of(args));
        full.addAll(List.of("-oX", xml.toString()));
        Shell.Result r = Shell.run(TIMEOUT, null, lab.inScanner(full));
        assertThat(r.exitCode()).as(Shell.render(r.command()) + "\n" + r.stdout() + r.stderr()).isZero();
        return xml;
    }
}
