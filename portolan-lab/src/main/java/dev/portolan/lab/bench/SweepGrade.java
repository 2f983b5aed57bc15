package dev.portolan.lab.bench;

import dev.portolan.lab.Ipv4Prefix;
import dev.portolan.result.PortState;
import java.util.Map;
import java.util.Set;

/**
 * A sweep report against its truth: every address of the range open on the port.
 *
 * @param found addresses of the range reported open on the port
 * @param wrong addresses reported outside the range, or on the port in another state than open
 */
record SweepGrade(long found, long wrong) {

    /** From an nmap-format report: address → port → state. */
    static SweepGrade ofStates(Map<String, ? extends Map<Integer, PortState>> hosts, Ipv4Prefix range, int port) {
        long found = 0;
        long wrong = 0;
        for (Map.Entry<String, ? extends Map<Integer, PortState>> e : hosts.entrySet()) {
            PortState state = e.getValue().get(port);
            if (state == PortState.OPEN && inRange(e.getKey(), range)) {
                found++;
            } else if (state != null || !inRange(e.getKey(), range)) {
                wrong++;
            }
        }
        return new SweepGrade(found, wrong);
    }

    /** From a list of open ports only (masscan's): address → open ports. */
    static SweepGrade ofOpen(Map<String, Set<Integer>> open, Ipv4Prefix range, int port) {
        long found = 0;
        long wrong = 0;
        for (Map.Entry<String, Set<Integer>> e : open.entrySet()) {
            if (inRange(e.getKey(), range) && e.getValue().contains(port)) {
                found++;
                wrong += e.getValue().size() - 1;
            } else {
                wrong += e.getValue().size();
            }
        }
        return new SweepGrade(found, wrong);
    }

    private static boolean inRange(String address, Ipv4Prefix range) {
        String[] octets = address.split("\\.");
        if (octets.length != 4) {
            return false;
        }
        long value = 0;
        for (String o : octets) {
            try {
                int v = Integer.parseInt(o);
                if (v < 0 || v > 255) {
                    return false;
                }
                value = value << 8 | v;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return range.contains(value);
    }
}
