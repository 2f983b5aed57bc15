package dev.portolan.technique.tcp;

import dev.portolan.result.PortState;
import dev.portolan.result.Reason;

/** What one connect or raw TCP probe found out, with the port state and reason it gives. */
enum Outcome {
    OPEN(PortState.OPEN, Reason.SYN_ACK),
    CLOSED(PortState.CLOSED, Reason.CONN_REFUSED),
    HOST_UNREACH(PortState.FILTERED, Reason.HOST_UNREACH),
    NET_UNREACH(PortState.FILTERED, Reason.NET_UNREACH),
    PROHIBITED(PortState.FILTERED, Reason.ADMIN_PROHIBITED),
    /** A RST answered the SYN (the SYN scan's closed port). */
    RESET(PortState.CLOSED, Reason.RESET),
    PORT_UNREACH(PortState.FILTERED, Reason.PORT_UNREACH),
    PROTO_UNREACH(PortState.FILTERED, Reason.PROTO_UNREACH),
    NET_PROHIBITED(PortState.FILTERED, Reason.NET_PROHIBITED),
    HOST_PROHIBITED(PortState.FILTERED, Reason.HOST_PROHIBITED),
    NO_RESPONSE(PortState.FILTERED, Reason.NO_RESPONSE),
    NO_ROUTE(PortState.FILTERED, Reason.NO_ROUTE),
    BEYOND_SCOPE(PortState.FILTERED, Reason.BEYOND_SCOPE),
    REJECT_ROUTE(PortState.FILTERED, Reason.REJECT_ROUTE),
    /** A RST answered an ACK probe (-sA): the port is reachable, open or closed. */
    UNFILTERED(PortState.UNFILTERED, Reason.RESET),
    /** A RST with a non-zero window answered a window probe (-sW). */
    WINDOW_OPEN(PortState.OPEN, Reason.RESET),
    /** No reply to a FIN, NULL, Xmas or Maimon probe: an open port keeps silent, and so does a filter. */
    OPEN_FILTERED(PortState.OPEN_FILTERED, Reason.NO_RESPONSE),
    /** connect failed with an error nobody expects; the scanner warns about it. */
    UNKNOWN_ERROR(PortState.FILTERED, Reason.UNKNOWN_RESPONSE);

    private static final Outcome[] BY_CODE = values();

    private final PortState state;
    private final Reason reason;

    Outcome(PortState state, Reason reason) {
        this.state = state;
        this.reason = reason;
    }

    PortState state() {
        return state;
    }

    Reason reason() {
        return reason;
    }

    /** The target itself answered (a SYN-ACK or a RST): the host is up and the round trip is real. */
    boolean fromTarget() {
        return this == OPEN || this == CLOSED || this == RESET || this == UNFILTERED || this == WINDOW_OPEN;
    }

    /** Non-zero code for the compact per-port array; 0 there means "not final yet". */
    byte code() {
        return (byte) (ordinal() + 1);
    }

    static Outcome ofCode(byte code) {
        return code == 0 ? null : BY_CODE[code - 1];
    }
}
