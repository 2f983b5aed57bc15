package dev.portolan.packet;

import java.util.StringJoiner;

/** The TCP flag bits as held in {@link TcpHeader#flags()}: the eight classic flags, AE (ex-NS) and three reserved. */
public final class TcpFlags {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;
    /** Accurate ECN (RFC 9768), formerly the ECN nonce sum "NS" of RFC 3540. */
    public static final int AE = 0x100;
    /** The three bits still reserved, between the data offset and AE. */
    public static final int RESERVED = 0xe00;
    /** Every bit the flags field can hold. */
    public static final int ALL = 0xfff;

    private static final String[] NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};

    private TcpFlags() {
    }

    /** The set flags by name, lowest bit first, joined with '|' ("SYN|ACK"); "none" for 0. */
    public static String toString(int flags) {
        StringJoiner j = new StringJoiner("|");
        for (int i = 0; i < NAMES.length; i++) {
            if ((flags & 1 << i) != 0) {
                j.add(NAMES[i]);
            }
        }
        if ((flags & RESERVED) != 0) {
            j.add("RES" + Integer.toHexString((flags & RESERVED) >>> 9));
        }
        return flags == 0 ? "none" : j.toString();
    }
}
