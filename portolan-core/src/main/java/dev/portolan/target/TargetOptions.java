package dev.portolan.target;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How target specifications are read and resolved: nmap's --exclude, --excludefile, -iL, -6 and --resolve-all.
 *
 * @param excludes target specs to leave out (one spec per element; {@link Builder#exclude} splits nmap's commas)
 * @param excludeFile a file of specs to leave out, if any
 * @param inputFile a file of specs to scan in addition to the command line ("-" is standard input), if any
 * @param ipv6 -6: a name stands for its IPv6 address (otherwise its IPv4 address, or IPv6 when it has no IPv4)
 * @param resolveAll scan every address of a name, not only the first one
 * @param resolver how names are resolved
 * @param stdin where "-iL -" reads from
 */
public record TargetOptions(List<String> excludes, Optional<String> excludeFile, Optional<String> inputFile,
                            boolean ipv6, boolean resolveAll, Resolver resolver, Supplier<InputStream> stdin) {

    public TargetOptions {
        excludes = List.copyOf(excludes);
        Objects.requireNonNull(excludeFile, "excludeFile");
        Objects.requireNonNull(inputFile, "inputFile");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(stdin, "stdin");
    }

    /** No exclusions, no input file, IPv4 preferred, the system resolver. */
    public static TargetOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link TargetOptions}; every method may be called in any order. */
    public static final class Builder {
        private final List<String> excludes = new ArrayList<>();
        private String excludeFile;
        private String inputFile;
        private boolean ipv6;
        private boolean resolveAll;
        private Resolver resolver = Resolver.SYSTEM;
        private Supplier<InputStream> stdin = () -> System.in;

        private Builder() {
        }

        /**
         * Adds nmap's --exclude list: specs separated by commas, where a comma inside an IPv4 octet list stays
         * ("192.0.2.1,3,10.0.0.0/8" is 192.0.2.1,3 and 10.0.0.0/8). Calls add up.
         */
        public Builder exclude(String commaList) {
            excludes.addAll(splitExcludeList(commaList));
            return this;
        }

        /** Adds specs to exclude, one per element, as they are. */
        public Builder excludeSpecs(List<String> specs) {
            excludes.addAll(specs);
            return this;
        }

        /** --excludefile: a file of specs to leave out. */
        public Builder excludeFile(String path) {
            this.excludeFile = Objects.requireNonNull(path, "path");
            return this;
        }

        /** -iL: a file of specs to scan, "-" for standard input. */
        public Builder inputFile(String path) {
            this.inputFile = Objects.requireNonNull(path, "path");
            return this;
        }

        public Builder ipv6(boolean ipv6) {
            this.ipv6 = ipv6;
            return this;
        }

        public Builder resolveAll(boolean resolveAll) {
            this.resolveAll = resolveAll;
            return this;
        }

        public Builder resolver(Resolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** Where "-iL -" reads from (System.in unless a test says otherwise). */
        public Builder stdin(Supplier<InputStream> stdin) {
            this.stdin = Objects.requireNonNull(stdin, "stdin");
            return this;
        }

        public TargetOptions build() {
            return new TargetOptions(excludes, Optional.ofNullable(excludeFile), Optional.ofNullable(inputFile),
                    ipv6, resolveAll, resolver, stdin);
        }
    }

    /**
     * Splits an --exclude list at its commas, except where the comma continues an IPv4 octet list: a piece
     * with no dot ("3", "7-9") or a dotted tail after an incomplete address ("10.0,1.0.5") joins the piece before.
     */
    static List<String> splitExcludeList(String commaList) {
        List<String> specs = new ArrayList<>();
        for (String raw : commaList.split(",", -1)) {
            String piece = raw.strip();
            int last = specs.size() - 1;
            if (last >= 0 && continuesOctetList(specs.get(last), piece)) {
                specs.set(last, specs.get(last) + "," + piece);
            } else if (!piece.isEmpty()) {
                specs.add(piece);
            }
        }
        return specs;
    }

    private static boolean continuesOctetList(String before, String piece) {
        if (piece.isEmpty() || !before.matches("[0-9.,*\\-]+") || !piece.matches("[0-9.*\\-]+")) {
            return false;
        }
        long dotsBefore = before.chars().filter(c -> c == '.').count();
        return piece.indexOf('.') < 0 || dotsBefore < 3;
    }
}
