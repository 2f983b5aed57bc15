package dev.portolan.target;

import dev.portolan.target.AddressRanges.Range;
import java.net.Inet6Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;

/** The rules of nmap's target syntax: IPv4 octet ranges and CIDR, IPv6 with CIDR or %scope, host names. */
final class TargetSpecParser {
    /** More ranges than this from one token is a mistake, not a scan plan (*.*.*.1 would be 16 million). */
    static final int MAX_RANGES_PER_TOKEN = 1 << 20;
    private static final Pattern IPV4_CHARS = Pattern.compile("[0-9.,*\\-]+");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");

    private TargetSpecParser() {
    }

    static TargetSpec parse(String token) {
        if (token.isEmpty()) {
            throw new TargetSpecException(token, "empty target");
        }
        String base = token;
        int prefix = -1;
        int slash = token.lastIndexOf('/');
        if (slash >= 0) {
            base = token.substring(0, slash);
            String len = token.substring(slash + 1);
            if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new TargetSpecException(token, "the prefix length after / must be a number");
            }
            prefix = Integer.parseInt(len);
        }
        if (base.indexOf(':') >= 0) {
            return ipv6(token, base, prefix);
        }
        if (IPV4_CHARS.matcher(base).matches()) {
            return ipv4(token, base, prefix);
        }
        if (base.indexOf('%') >= 0) {
            throw new TargetSpecException(token, "a %scope belongs only after an IPv6 address");
        }
        if (!isHostName(base)) {
            throw new TargetSpecException(token, "not an IP address, range or host name");
        }
        if (prefix > 128) {
            throw new TargetSpecException(token, "prefix length /" + prefix + " is above 128");
        }
        return new TargetSpec.HostName(base, prefix);
    }

    static boolean isHostName(String s) {
        String name = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static TargetSpec.Literal ipv6(String token, String base, int prefix) {
        String text = base;
        String scope = null;
        int pct = base.indexOf('%');
        if (pct >= 0) {
            text = base.substring(0, pct);
            scope = base.substring(pct + 1);
            if (scope.isEmpty()) {
                throw new TargetSpecException(token, "empty scope after %");
            }
            if (prefix >= 0) {
                throw new TargetSpecException(token, "a %scope goes only with a single address, not a /prefix");
            }
        }
        U128 address;
        try {
            address = Ipv6Text.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TargetSpecException(token, e.getMessage());
        }
        if (prefix > 128) {
            throw new TargetSpecException(token, "IPv6 prefix length /" + prefix + " is above 128");
        }
        if (prefix >= 0) {
            return new TargetSpec.Literal(true, List.of(new Range(address.networkStart(prefix, 128),
                    address.networkEnd(prefix, 128))), null);
        }
        Inet6Address scoped = scope == null ? null : scoped(token, address, scope);
        return new TargetSpec.Literal(true, List.of(Range.single(address)), scoped);
    }

    private static Inet6Address scoped(String token, U128 address, String scope) {
        byte[] bytes = Addresses.ipv6(address.hi(), address.lo()).getAddress();
        try {
            if (scope.chars().allMatch(c -> c >= '0' && c <= '9') && scope.length() <= 9) {
                return Inet6Address.getByAddress(null, bytes, Integer.parseInt(scope));
            }
            NetworkInterface nif = NetworkInterface.getByName(scope);
            if (nif == null) {
                throw new TargetSpecException(token, "no network interface named \"" + scope + "\"");
            }
            // by index: the by-interface form wants the interface to hold an address of the same scope already
            return Inet6Address.getByAddress(null, bytes, nif.getIndex());
        } catch (UnknownHostException | SocketException e) {
            throw new TargetSpecException(token, "cannot use scope \"" + scope + "\": " + e.getMessage());
        }
    }

    private static TargetSpec.Literal ipv4(String token, String base, int prefix) {
        String[] parts = base.split("\\.", -1);
        if (parts.length != 4) {
            throw new TargetSpecException(token, "an IPv4 address needs four octets, this has " + parts.length);
        }
        int[][] octets = new int[4][];
        for (int i = 0; i < 4; i++) {
            octets[i] = octet(token, parts[i]);
        }
        if (prefix >= 0) {
            if (prefix > 32) {
                throw new TargetSpecException(token, "IPv4 prefix length /" + prefix + " is above 32");
            }
            for (int[] o : octets) {
                if (o.length != 1) {
                    throw new TargetSpecException(token, "a /prefix cannot follow an octet range");
                }
            }
            U128 a = U128.ofIpv4((long) octets[0][0] << 24 | octets[1][0] << 16 | octets[2][0] << 8 | octets[3][0]);
            Range network = new Range(a.networkStart(prefix, 32), a.networkEnd(prefix, 32));
            return new TargetSpec.Literal(false, List.of(network), null);
        }
        return new TargetSpec.Literal(false, expand(token, octets), null);
    }

    /** The values an octet item list allows, ascending: "1,3,7-9", "*", "-5", "250-". */
    private static int[] octet(String token, String part) {
        if (part.isEmpty()) {
            throw new TargetSpecException(token, "empty octet");
        }
        BitSet values = new BitSet(256);
        for (String item : part.split(",", -1)) {
            if (item.equals("*") || item.equals("-")) {
                values.set(0, 256);
                continue;
            }
            int dash = item.indexOf('-');
            int from = dash < 0 ? number(token, item) : dash == 0 ? 0 : number(token, item.substring(0, dash));
            int to = dash < 0 ? from : dash == item.length() - 1 ? 255 : number(token, item.substring(dash + 1));
            if (from > to) {
                throw new TargetSpecException(token, "octet range " + item + " runs backwards");
            }
            values.set(from, to + 1);
        }
        return values.stream().toArray();
    }

    private static int number(String token, String s) {
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new TargetSpecException(token, "\"" + s + "\" is not an octet number");
        }
        if (s.length() > 9 || Integer.parseInt(s) > 255) {
            throw new TargetSpecException(token, "octet " + s + " is above 255");
        }
        return Integer.parseInt(s);
    }

    /**
     * The ranges an octet pattern covers, ascending: trailing full octets ("10.0.0-3.*") fold into the range
     * of the octet before them, so a /8 written as 10.*.*.* is one range.
     */
    private static List<Range> expand(String token, int[][] octets) {
        int last = 3; // the last octet that is not 0-255
        while (last >= 0 && octets[last].length == 256) {
            last--;
        }
        if (last < 0) {
            return List.of(new Range(U128.ZERO, U128.ofIpv4(0xffffffffL)));
        }
        int shift = 8 * (3 - last);
        long tail = (1L << shift) - 1;
        List<int[]> runs = runs(octets[last]);
        long combos = runs.size();
        for (int i = 0; i < last; i++) {
            combos *= octets[i].length;
        }
        if (combos > MAX_RANGES_PER_TOKEN) {
            throw new TargetSpecException(token, "expands into " + combos + " separate ranges, more than "
                    + MAX_RANGES_PER_TOKEN + "; split it or use CIDR");
        }
        List<Range> out = new ArrayList<>((int) combos);
        int[] pos = new int[last]; // odometer over the octets before the last partial one
        while (true) {
            long head = 0;
            for (int i = 0; i < last; i++) {
                head |= (long) octets[i][pos[i]] << (24 - 8 * i);
            }
            for (int[] run : runs) {
                out.add(new Range(U128.ofIpv4(head | (long) run[0] << shift),
                        U128.ofIpv4(head | (long) run[1] << shift | tail)));
            }
            int i = last - 1;
            while (i >= 0 && ++pos[i] == octets[i].length) {
                pos[i--] = 0;
            }
            if (i < 0) {
                return out;
            }
        }
    }

    /** Contiguous runs [from, to] of ascending values. */
    private static List<int[]> runs(int[] values) {
        List<int[]> runs = new ArrayList<>();
        int from = values[0];
        for (int i = 1; i <= values.length; i++) {
            if (i == values.length || values[i] != values[i - 1] + 1) {
                runs.add(new int[] {from, values[i - 1]});
                if (i < values.length) {
                    from = values[i];
                }
            }
        }
        return runs;
    }
}
