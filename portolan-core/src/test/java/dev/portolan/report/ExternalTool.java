package dev.portolan.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs an installed program (xmllint, xsltproc, ndiff, nmap, python3) from a test, with a time limit. */
final class ExternalTool {
    private ExternalTool() {
    }

    /** What a run printed and how it exited. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    /** The program on the PATH, if installed. */
    static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code command}; fails the test when it does not finish within {@code seconds}. */
    static Result run(List<String> command, int seconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("portolan-tool", ".out");
        Path err = Files.createTempFile("portolan-tool", ".err");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + seconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A python3 interpreter that can import {@code module} (Debian's, which pyenv shims may hide), if any. */
    static Optional<String> pythonWith(String module) throws IOException, InterruptedException {
        for (String python : List.of("/usr/bin/python3", "python3")) {
            if (python.startsWith("/") ? !Files.isExecutable(Path.of(python)) : find(python).isEmpty()) {
                continue;
            }
            if (run(List.of(python, "-c", "import " + module), 30).exitCode() == 0) {
                return Optional.of(python);
            }
        }
        return Optional.empty();
    }
}
