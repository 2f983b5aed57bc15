package dev.portolan.result;

import dev.portolan.target.Protocol;
import java.util.Objects;
import java.util.Optional;

/**
 * One scan type of a run, as nmap's {@code <scaninfo>}: "connect" over tcp on 1000 ports.
 *
 * @param type nmap's scan type name: connect, syn, ack, window, maimon, fin, null, xmas, udp
 * @param protocol the protocol it probes
 * @param numServices how many ports
 * @param services the ports as a compact list ("1-1000,8080")
 * @param scanFlags the TCP flags --scanflags gave, named as nmap names them ("FINPSHURG"); empty without it
 */
public record ScanInfo(String type, Protocol protocol, int numServices, String services, Optional<String> scanFlags) {
    /** nmap's order of the flag names in the scanflags attribute: bit 0 (FIN) to bit 7 (CWR). */
    private static final String[] FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};

    public ScanInfo {
        Objects.requireNonNull(scanFlags, "scanFlags");
    }

    public ScanInfo(String type, Protocol protocol, int numServices, String services) {
        this(type, protocol, numServices, services, Optional.empty());
    }

    /** The flag bits (TCP header byte 13) as nmap writes them: the set flags' names, FIN first, no separator. */
    public static String flagNames(int flags) {
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < FLAG_NAMES.length; bit++) {
            if ((flags & 1 << bit) != 0) {
                sb.append(FLAG_NAMES[bit]);
            }
        }
        return sb.toString();
    }
}
