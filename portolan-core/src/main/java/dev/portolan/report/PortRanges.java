package dev.portolan.report;

import java.util.Arrays;
import java.util.Collection;

/** Port numbers as nmap writes a list of them: ascending, runs joined ("1-21,23,25-79"). */
final class PortRanges {
    private PortRanges() {
    }

    static String compact(Collection<Integer> ports) {
        return compact(ports.stream().mapToInt(Integer::intValue).toArray(), ports.size());
    }

    /** The first {@code count} numbers of {@code ports}, in any order, duplicates allowed; the array is not changed. */
    static String compact(int[] ports, int count) {
        int[] sorted = Arrays.copyOf(ports, count);
        Arrays.sort(sorted);
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < count) {
            int j = i;
            while (j + 1 < count && sorted[j + 1] - sorted[j] <= 1) {
                j++;
            }
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(sorted[i]);
            if (sorted[j] > sorted[i]) {
                sb.append('-').append(sorted[j]);
            }
            i = j + 1;
        }
        return sb.toString();
    }
}
