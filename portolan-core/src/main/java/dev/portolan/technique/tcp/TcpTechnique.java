package dev.portolan.technique.tcp;

import dev.portolan.api.ScanType;
import dev.portolan.packet.TcpFlags;
import java.util.OptionalInt;

/**
 * A raw TCP scan technique as data: the flags its probes carry, where the cookie goes so that the reply echoes it,
 * and the state rules that read a reply (or silence) as an {@link Outcome}.
 *
 * @param type the nmap scan type whose state rules apply (-sS for --scanflags alone)
 * @param flags the probe's TCP flags (nmap's, or --scanflags)
 */
record TcpTechnique(ScanType type, int flags) {
    /** The SYN probe of -sS, also used for host discovery whatever the port scan's technique. */
    static final TcpTechnique SYN = new TcpTechnique(ScanType.SYN, TcpFlags.SYN);

    TcpTechnique {
        if (rules(type) == null) {
            throw new IllegalArgumentException(type.flag() + " is not a raw TCP technique");
        }
        if ((flags & ~0xff) != 0) {
            throw new IllegalArgumentException("TCP flags take 8 bits: " + flags);
        }
    }

    /** The technique of {@code type}, with {@code scanFlags} (--scanflags) in place of its own flags if present. */
    static TcpTechnique of(ScanType type, OptionalInt scanFlags) {
        return new TcpTechnique(type, scanFlags.orElse(defaultFlags(type)));
    }

    /** True for the scan types this class runs over raw sockets. */
    static boolean isRaw(ScanType type) {
        return rules(type) != null;
    }

    /** nmap's probe flags per scan type. */
    static int defaultFlags(ScanType type) {
        return switch (type) {
            case SYN -> TcpFlags.SYN;
            case ACK, WINDOW -> TcpFlags.ACK;
            case MAIMON -> TcpFlags.FIN | TcpFlags.ACK;
            case FIN -> TcpFlags.FIN;
            case NULL -> 0;
            case XMAS -> TcpFlags.FIN | TcpFlags.PSH | TcpFlags.URG;
            default -> throw new IllegalArgumentException(type.flag() + " is not a raw TCP technique");
        };
    }

    /** Which of nmap's state tables reads the replies of {@code type}; null when not a raw TCP type. */
    private static Rules rules(ScanType type) {
        return switch (type) {
            case SYN -> Rules.SYN;
            case ACK -> Rules.ACK;
            case WINDOW -> Rules.WINDOW;
            case MAIMON, FIN, NULL, XMAS -> Rules.SILENT_OPEN;
            default -> null;
        };
    }

    /**
     * True when the probe carries ACK: then a RST answering it takes its sequence number from the probe's
     * acknowledgment number (RFC 793), so the cookie goes there too.
     */
    boolean cookieInAck() {
        return (flags & TcpFlags.ACK) != 0;
    }

    /** The probe's acknowledgment number: the cookie when a RST will echo it, else 0 (branch-free for the lane). */
    int acknowledgment(int cookie) {
        return cookie & ((flags & TcpFlags.ACK) != 0 ? -1 : 0);
    }

    /** The acknowledgment number a reply to a probe without ACK carries: seq plus one for each of SYN and FIN. */
    int expectedAck(int cookie) {
        return cookie + ((flags & TcpFlags.SYN) != 0 ? 1 : 0) + ((flags & TcpFlags.FIN) != 0 ? 1 : 0);
    }

    /** What a validated RST with {@code window} says. */
    Outcome reset(int window) {
        return switch (rules(type)) {
            case SYN, SILENT_OPEN -> Outcome.RESET;
            case ACK -> Outcome.UNFILTERED;
            case WINDOW -> window != 0 ? Outcome.WINDOW_OPEN : Outcome.RESET;
        };
    }

    /** What a validated SYN-ACK says: open under the SYN rules; nmap's other tables do not expect one (null). */
    Outcome synAck() {
        return rules(type) == Rules.SYN ? Outcome.OPEN : null;
    }

    /** What no reply at all says once the retries are spent. */
    Outcome silence() {
        return rules(type) == Rules.SILENT_OPEN ? Outcome.OPEN_FILTERED : Outcome.NO_RESPONSE;
    }

    /** nmap's state tables for raw TCP scans. */
    private enum Rules {
        /** -sS: SYN-ACK open, RST closed, silence filtered. */
        SYN,
        /** -sA: RST unfiltered, silence filtered. */
        ACK,
        /** -sW: RST with a non-zero window open, with a zero window closed, silence filtered. */
        WINDOW,
        /** -sF, -sN, -sX, -sM: RST closed, silence open|filtered. */
        SILENT_OPEN
    }
}
