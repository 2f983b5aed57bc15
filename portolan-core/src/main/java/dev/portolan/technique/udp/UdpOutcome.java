package dev.portolan.technique.udp;

import dev.portolan.result.PortState;
import dev.portolan.result.Reason;
import java.util.Optional;

/** What a UDP probe found out, with nmap's state and reason for it. */
enum UdpOutcome {
    OPEN(PortState.OPEN, Reason.UDP_RESPONSE),
    CLOSED(PortState.CLOSED, Reason.PORT_UNREACH),
    NET_UNREACH(PortState.FILTERED, Reason.NET_UNREACH),
    HOST_UNREACH(PortState.FILTERED, Reason.HOST_UNREACH),
    PROTO_UNREACH(PortState.FILTERED, Reason.PROTO_UNREACH),
    NET_PROHIBITED(PortState.FILTERED, Reason.NET_PROHIBITED),
    HOST_PROHIBITED(PortState.FILTERED, Reason.HOST_PROHIBITED),
    ADMIN_PROHIBITED(PortState.FILTERED, Reason.ADMIN_PROHIBITED),
    NO_ROUTE(PortState.FILTERED, Reason.NO_ROUTE),
    BEYOND_SCOPE(PortState.FILTERED, Reason.BEYOND_SCOPE),
    REJECT_ROUTE(PortState.FILTERED, Reason.REJECT_ROUTE),
    /** Nothing came back after every try: an open port whose service ignored the probe, or a filter. */
    OPEN_FILTERED(PortState.OPEN_FILTERED, Reason.NO_RESPONSE);

    static final int ICMP_UNREACH = 3;
    static final int ICMPV6_UNREACH = 1;

    private final PortState state;
    private final Reason reason;

    UdpOutcome(PortState state, Reason reason) {
        this.state = state;
        this.reason = reason;
    }

    PortState state() {
        return state;
    }

    Reason reason() {
        return reason;
    }

    /** What an ICMP (or ICMPv6 with {@code v6}) error of {@code type} and {@code code} says; empty: nothing. */
    static Optional<UdpOutcome> ofIcmp(boolean v6, int type, int code) {
        if (v6) {
            if (type != ICMPV6_UNREACH) {
                return Optional.empty();
            }
            return Optional.ofNullable(switch (code) {
                case 0 -> NO_ROUTE;
                case 1, 5 -> ADMIN_PROHIBITED;
                case 2 -> BEYOND_SCOPE;
                case 3 -> HOST_UNREACH;
                case 4 -> CLOSED;
                case 6 -> REJECT_ROUTE;
                default -> null;
            });
        }
        if (type != ICMP_UNREACH) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (code) {
            case 0 -> NET_UNREACH;
            case 1 -> HOST_UNREACH;
            case 2 -> PROTO_UNREACH;
            case 3 -> CLOSED;
            case 9 -> NET_PROHIBITED;
            case 10 -> HOST_PROHIBITED;
            case 13 -> ADMIN_PROHIBITED;
            default -> null;
        });
    }
}
