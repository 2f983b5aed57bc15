package dev.portolan.lab.services;

import dev.portolan.lab.LabException;
import dev.portolan.lab.Shell;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a version from what a program prints about itself ("redis-server --version"). */
final class VersionCommand {
    private VersionCommand() {
    }

    /** Group 1 of {@code pattern} in the command's output (stdout and stderr); a LabException when absent. */
    static String read(String pattern, String... command) {
        Shell.Result r = Shell.run(command);
        String out = r.stdout() + "\n" + r.stderr();
        Matcher m = Pattern.compile(pattern).matcher(out);
        if (!m.find()) {
            throw new LabException("no version in the output of " + String.join(" ", List.of(command)) + ": "
                    + out.strip());
        }
        return m.group(1);
    }
}
