package dev.portolan.lab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a JVM's {@code -Xlog:gc} file says about its heap: the largest heap still in use right after a collection. */
final class GcLog {
    /** "Pause Young (Allocation Failure) 102M->11M(365M) 20.980ms": before, after, capacity. */
    private static final Pattern PAUSE = Pattern.compile("Pause .*? (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private GcLog() {
    }

    /** The JVM flag that writes such a log to {@code file}. */
    static String flag(Path file) {
        return "-Xlog:gc:file=" + file;
    }

    /**
     * The most heap any collection left in use, in KiB: live data plus what older generations had not yet given
     * back. Empty when the log is missing or no collection ran.
     */
    static OptionalLong maxAfterCollectionKib(Path file) {
        if (!Files.exists(file)) {
            return OptionalLong.empty();
        }
        try {
            return maxAfterCollectionKib(Files.readString(file));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    static OptionalLong maxAfterCollectionKib(String log) {
        Matcher m = PAUSE.matcher(log);
        long max = -1;
        while (m.find()) {
            max = Math.max(max, kib(Long.parseLong(m.group(3)), m.group(4)));
        }
        return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
    }

    private static long kib(long value, String unit) {
        return switch (unit) {
            case "K" -> value;
            case "M" -> value * 1024;
            default -> value * 1024 * 1024;
        };
    }
}
