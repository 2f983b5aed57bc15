package dev.portolan.lab;

/** A run of consecutive ports, {@code first..last} inclusive. */
public record PortRange(int first, int last) {
    public PortRange {
        if (first < 0 || last > 65535 || first > last) {
            throw new IllegalArgumentException("bad port range: " + first + "-" + last);
        }
    }

    public int size() {
        return last - first + 1;
    }

    /** "80" or "1000-1099", as {@link PortSet#parse} reads it. */
    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
