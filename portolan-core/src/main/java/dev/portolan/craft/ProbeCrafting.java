package dev.portolan.craft;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * How raw probes are crafted: nmap's firewall/IDS evasion and spoofing options as one value. Every factory and
 * setter checks its value and refuses a bad one with an {@link IllegalArgumentException} whose message is one line
 * naming the option, as the command line shows it.
 *
 * @param sourcePort -g/--source-port: a fixed source port instead of a random one per scan
 * @param ttl --ttl: the IP TTL (IPv6: hop limit) of each probe (0..255) instead of 64
 * @param dataLength --data-length: random bytes appended to each probe (0..{@link #MAX_DATA_LENGTH})
 * @param badChecksum --badsum: a wrong TCP checksum (hosts drop such probes; a firewall that answers gives itself
 *     away)
 * @param source -S: the source address written into the probes of its family instead of the route's
 * @param device -e: the interface probes leave by (and whose routes are used)
 * @param decoys -D: the probe is also sent from each spoofed address, in this order, the real one at {@link
 *     Decoy#ME}; empty when no decoys
 * @param fragmentSize -f (8), -ff (16), --mtu N: bytes of IP payload per fragment (IPv6: behind a Fragment header),
 *     0 for unfragmented probes
 */
public record ProbeCrafting(OptionalInt sourcePort, OptionalInt ttl, int dataLength, boolean badChecksum,
                            Optional<InetAddress> source, Optional<String> device, List<Decoy> decoys,
                            int fragmentSize) {
    /** nmap's cap: more would not fit a 1500-byte MTU behind the headers of a probe. */
    public static final int MAX_DATA_LENGTH = 1400;
    /** nmap's cap on the decoys of one scan. */
    public static final int MAX_DECOYS = 128;
    /** The interface-name limit of Linux (IFNAMSIZ less the terminating zero). */
    static final int MAX_DEVICE_NAME = 15;
    /** Plain probes: nothing crafted. */
    public static final ProbeCrafting NONE = new ProbeCrafting(OptionalInt.empty(), OptionalInt.empty(), 0, false,
            Optional.empty(), Optional.empty(), List.of(), 0);

    public ProbeCrafting {
        Objects.requireNonNull(sourcePort, "sourcePort");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(device, "device");
        decoys = List.copyOf(decoys);
        sourcePort.ifPresent(ProbeCrafting::checkSourcePort);
        ttl.ifPresent(ProbeCrafting::checkTtl);
        checkDataLength(dataLength);
        device.ifPresent(ProbeCrafting::checkDevice);
        checkDecoys(decoys);
        if (fragmentSize != 0) {
            checkMtu(fragmentSize);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** True when the probes are plain: the connect scan can run with these options. */
    public boolean isNone() {
        return equals(NONE);
    }

    /** The option names set here that only a raw scan can honour, as nmap lists them (for the -sT warning). */
    public List<String> rawOnlyOptions() {
        List<String> names = new ArrayList<>();
        sourcePort.ifPresent(p -> names.add("-g"));
        ttl.ifPresent(t -> names.add("--ttl"));
        if (dataLength > 0) {
            names.add("--data-length");
        }
        if (badChecksum) {
            names.add("--badsum");
        }
        source.ifPresent(s -> names.add("-S"));
        device.ifPresent(d -> names.add("-e"));
        if (!decoys.isEmpty()) {
            names.add("-D");
        }
        if (fragmentSize > 0) {
            names.add(fragmentSize == 8 ? "-f" : fragmentSize == 16 ? "-ff" : "--mtu");
        }
        return names;
    }

    /**
     * Parses nmap's -D list: comma-separated IP addresses, ME (the real source; at a random place when left out),
     * RND (one random public address of each family, {@link Decoy.Random}) and RND:N (N of them), drawn from {@code
     * random}.
     */
    public static List<Decoy> parseDecoys(String text, RandomGenerator random) {
        Objects.requireNonNull(text, "text");
        List<Decoy> decoys = new ArrayList<>();
        for (String word : text.split(",", -1)) {
            String w = word.strip();
            String upper = w.toUpperCase(Locale.ROOT);
            if (upper.equals("ME")) {
                if (decoys.contains(Decoy.ME)) {
                    throw new IllegalArgumentException("-D " + text + ": ME is given twice");
                }
                decoys.add(Decoy.ME);
            } else if (upper.equals("RND") || upper.startsWith("RND:")) {
                int n = upper.equals("RND") ? 1 : count(text, w.substring(4));
                for (int i = 0; i < n && decoys.size() <= MAX_DECOYS; i++) {
                    decoys.add(new Decoy.Random(PublicAddresses.random(random), PublicAddresses.random6(random)));
                }
            } else {
                decoys.add(new Decoy.Spoofed(literal("-D " + text, "decoy '" + w + "'", w)));
            }
            if (decoys.size() > MAX_DECOYS) {
                throw new IllegalArgumentException("-D " + text + ": more than " + MAX_DECOYS + " decoys");
            }
        }
        if (!decoys.contains(Decoy.ME)) {
            // as nmap: without ME the real source takes a random place among the decoys
            decoys.add(random.nextInt(decoys.size() + 1), Decoy.ME);
        }
        return decoys;
    }

    private static int count(String text, String digits) {
        int n;
        try {
            n = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_DECOYS) {
            throw new IllegalArgumentException("-D " + text + ": RND:" + digits + " needs a count of 1 to "
                    + MAX_DECOYS);
        }
        return n;
    }

    /** An IP address written as one (no name lookups for spoofed sources). */
    static InetAddress literal(String option, String what, String text) {
        try {
            if (!text.isEmpty() && (Character.digit(text.charAt(0), 16) >= 0 || text.indexOf(':') >= 0)) {
                return InetAddress.ofLiteral(text);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": " + what + " is not an IP address");
    }

    static void checkSourcePort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("-g " + port + ": a source port is 0 to 65535");
        }
    }

    static void checkTtl(int ttl) {
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("--ttl " + ttl + ": the TTL is 0 to 255");
        }
    }

    /** Refuses a --data-length outside 0..{@link #MAX_DATA_LENGTH} in one line naming the option. */
    public static void checkDataLength(int length) {
        if (length < 0 || length > MAX_DATA_LENGTH) {
            throw new IllegalArgumentException("--data-length " + length + ": must be 0 to " + MAX_DATA_LENGTH);
        }
    }

    static void checkMtu(int mtu) {
        if (mtu <= 0 || mtu % 8 != 0) {
            throw new IllegalArgumentException("--mtu " + mtu + ": must be a positive multiple of 8");
        }
    }

    static void checkDevice(String name) {
        if (name.isEmpty() || name.length() > MAX_DEVICE_NAME || name.contains("/") || name.contains(":")
                || name.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("-e '" + name + "': not an interface name");
        }
    }

    private static void checkDecoys(List<Decoy> decoys) {
        if (decoys.isEmpty()) {
            return;
        }
        if (decoys.stream().filter(d -> d instanceof Decoy.Me).count() != 1) {
            throw new IllegalArgumentException("-D: the decoy list needs ME exactly once");
        }
        if (decoys.size() > MAX_DECOYS + 1) {
            throw new IllegalArgumentException("-D: more than " + MAX_DECOYS + " decoys");
        }
    }

    /** Sets the options one at a time, each checked as it is set. */
    public static final class Builder {
        private OptionalInt sourcePort = OptionalInt.empty();
        private OptionalInt ttl = OptionalInt.empty();
        private int dataLength;
        private boolean badChecksum;
        private Optional<InetAddress> source = Optional.empty();
        private Optional<String> device = Optional.empty();
        private List<Decoy> decoys = List.of();
        private int fragmentSize;

        private Builder() {
        }

        public Builder sourcePort(int port) {
            checkSourcePort(port);
            this.sourcePort = OptionalInt.of(port);
            return this;
        }

        public Builder ttl(int ttl) {
            checkTtl(ttl);
            this.ttl = OptionalInt.of(ttl);
            return this;
        }

        public Builder dataLength(int length) {
            checkDataLength(length);
            this.dataLength = length;
            return this;
        }

        public Builder badChecksum(boolean bad) {
            this.badChecksum = bad;
            return this;
        }

        public Builder source(InetAddress address) {
            this.source = Optional.of(address);
            return this;
        }

        /** -S as typed: an IP address, never a name. */
        public Builder source(String text) {
            return source(literal("-S " + text, "'" + text + "'", text));
        }

        public Builder device(String name) {
            checkDevice(name);
            this.device = Optional.of(name);
            return this;
        }

        public Builder decoys(List<Decoy> list) {
            checkDecoys(list);
            this.decoys = List.copyOf(list);
            return this;
        }

        /** -f once (8 bytes per fragment) or twice, -ff (16). */
        public Builder fragments(int times) {
            if (times < 0) {
                throw new IllegalArgumentException("-f: a count of " + times);
            }
            this.fragmentSize = times == 0 ? 0 : 8 * times;
            return this;
        }

        /** --mtu: the fragment payload size, a positive multiple of 8. */
        public Builder mtu(int mtu) {
            checkMtu(mtu);
            this.fragmentSize = mtu;
            return this;
        }

        public ProbeCrafting build() {
            return new ProbeCrafting(sourcePort, ttl, dataLength, badChecksum, source, device, decoys, fragmentSize);
        }
    }
}
