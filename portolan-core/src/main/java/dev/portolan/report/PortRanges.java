package dev.portolan.report;

import java.util.Collection;

/** Port numbers as nmap writes a list of them: ascending, runs joined ("1-21,23,25-79"). */
final class PortRanges {
    private PortRanges() {
    }

    static String compact(Collection<Integer> ports) {
        int[] sorted = ports.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[j] + 1) {
                j++;
            }
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(sorted[i]);
            if (j > i) {
                sb.append('-').append(sorted[j]);
            }
            i = j + 1;
        }
        return sb.toString();
    }
}
