package dev.portolan.net;

import static dev.portolan.net.BpfInstruction.ABS;
import static dev.portolan.net.BpfInstruction.ALU;
import static dev.portolan.net.BpfInstruction.AND;
import static dev.portolan.net.BpfInstruction.B;
import static dev.portolan.net.BpfInstruction.H;
import static dev.portolan.net.BpfInstruction.IND;
import static dev.portolan.net.BpfInstruction.JEQ;
import static dev.portolan.net.BpfInstruction.JGE;
import static dev.portolan.net.BpfInstruction.JGT;
import static dev.portolan.net.BpfInstruction.JMP;
import static dev.portolan.net.BpfInstruction.JSET;
import static dev.portolan.net.BpfInstruction.K;
import static dev.portolan.net.BpfInstruction.LD;
import static dev.portolan.net.BpfInstruction.LDX;
import static dev.portolan.net.BpfInstruction.MSH;
import static dev.portolan.net.BpfInstruction.RET;

import java.util.ArrayList;
import java.util.List;

/**
 * Prebuilt socket filters, as data. IPv4 filters take the framing of the socket they go on: a raw IPv4 socket's
 * filter sees the IPv4 header first, an AF_PACKET socket's the Ethernet header. A raw IPv6 socket's filter sees
 * the transport header first (the kernel has removed the IPv6 header), hence the separate IPv6 filters.
 */
public final class BpfFilters {
    /** How many bytes an accepted packet keeps: more than any packet, as tcpdump's default snap length. */
    public static final int KEEP_ALL = 0x40000;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int TCP_RST = 0x04;
    private static final int TCP_SYN_ACK = 0x12;

    /** What comes before the IPv4 header in the packets a filter sees. */
    public enum Framing {
        /** Raw IPv4 sockets: the IPv4 header at offset 0. */
        IP(0),
        /** AF_PACKET sockets on Ethernet (and on lo): a 14-byte Ethernet header first. */
        ETHERNET(14);

        final int offset;

        Framing(int offset) {
            this.offset = offset;
        }
    }

    private BpfFilters() {
    }

    public static BpfProgram acceptAll() {
        return BpfProgram.of(BpfInstruction.statement(RET | K, KEEP_ALL));
    }

    /** Drops everything: attached first, it keeps a socket's queue empty until the real filter is in place. */
    public static BpfProgram rejectAll() {
        return BpfProgram.of(BpfInstruction.statement(RET | K, 0));
    }

    /** Ethernet frames of one ethertype (on an AF_PACKET socket bound to ETH_P_ALL). */
    public static BpfProgram etherType(int etherType) {
        checkU16("ethertype", etherType);
        return new Assembler().jumpUnless(LD | H | ABS, 12, JEQ, etherType).build();
    }

    /** IPv4 packets of one protocol (TCP 6, UDP 17, ICMP 1). */
    public static BpfProgram ipv4Protocol(Framing framing, int protocol) {
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("IP protocol " + protocol + " is outside 0..255");
        }
        return new Assembler().ipv4(framing, protocol).build();
    }

    /**
     * IPv4 TCP or UDP packets (not later fragments) whose destination port is in low..high: both protocols keep
     * it at offset 2 of their header.
     */
    public static BpfProgram ipv4ToPorts(Framing framing, int protocol, int lowPort, int highPort) {
        if (protocol != Libc.IPPROTO_TCP && protocol != Libc.IPPROTO_UDP) {
            throw new IllegalArgumentException("ports of IP protocol " + protocol + ": only TCP (6) and UDP (17)");
        }
        return new Assembler().ipv4Transport(framing, protocol)
                .portRange(framing.offset + 2, true, lowPort, highPort).build();
    }

    /** IPv4 TCP segments with SYN and ACK set, or with RST set: the answers to a SYN probe. */
    public static BpfProgram ipv4TcpSynAckOrRst(Framing framing) {
        return new Assembler().ipv4Transport(framing, Libc.IPPROTO_TCP).synAckOrRst(framing.offset + 13, true)
                .build();
    }

    /** The answers to SYN probes sent from ports low..high: SYN+ACK or RST to one of them. */
    public static BpfProgram ipv4TcpRepliesToPorts(Framing framing, int lowPort, int highPort) {
        return new Assembler().ipv4Transport(framing, Libc.IPPROTO_TCP)
                .portRange(framing.offset + 2, true, lowPort, highPort).synAckOrRst(framing.offset + 13, true).build();
    }

    /** On a raw IPv6 TCP socket: SYN+ACK or RST to one of the ports low..high. */
    public static BpfProgram ipv6TcpRepliesToPorts(int lowPort, int highPort) {
        return new Assembler().portRange(2, false, lowPort, highPort).synAckOrRst(13, false).build();
    }

    /** On a raw ICMPv6 socket: messages of one type (129 echo reply, 1 destination unreachable, ...). */
    public static BpfProgram icmpv6Type(int type) {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("ICMPv6 type " + type + " is outside 0..255");
        }
        return new Assembler().jumpUnless(LD | B | ABS, 0, JEQ, type).build();
    }

    private static void checkU16(String what, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(what + " " + value + " is outside 0..65535");
        }
    }

    /** Straight-line code whose jumps go to the next instruction or to the final accept or reject. */
    private static final class Assembler {
        private static final int NEXT = -1;
        private static final int ACCEPT = -2;
        private static final int REJECT = -3;

        private final List<int[]> code = new ArrayList<>();

        private Assembler add(int op, int k, int whenTrue, int whenFalse) {
            code.add(new int[] {op, whenTrue, whenFalse, k});
            return this;
        }

        /** Loads with {@code load}, then goes on only when the jump test against {@code k} holds. */
        Assembler jumpUnless(int load, int offset, int test, int k) {
            return add(load, offset, 0, 0).add(JMP | test | K, k, NEXT, REJECT);
        }

        Assembler ipv4(Framing framing, int protocol) {
            if (framing == Framing.ETHERNET) {
                jumpUnless(LD | H | ABS, 12, JEQ, ETHERTYPE_IPV4);
            }
            return jumpUnless(LD | B | ABS, framing.offset + 9, JEQ, protocol);
        }

        /** IPv4 of {@code protocol}, not a later fragment, with X = the IPv4 header's length. */
        Assembler ipv4Transport(Framing framing, int protocol) {
            ipv4(framing, protocol);
            add(LD | H | ABS, framing.offset + 6, 0, 0);
            add(JMP | JSET | K, 0x1FFF, REJECT, NEXT);
            return add(LDX | B | MSH, framing.offset, 0, 0);
        }

        /** The 16-bit port at {@code offset} (after X when {@code indexed}) lies in low..high. */
        Assembler portRange(int offset, boolean indexed, int low, int high) {
            checkU16("port", low);
            checkU16("port", high);
            if (low > high) {
                throw new IllegalArgumentException("port range " + low + "-" + high + " is empty");
            }
            add(indexed ? LD | H | IND : LD | H | ABS, offset, 0, 0);
            add(JMP | JGE | K, low, NEXT, REJECT);
            return add(JMP | JGT | K, high, REJECT, NEXT);
        }

        /** The TCP flags at {@code offset} (after X when {@code indexed}) have SYN and ACK, or RST. */
        Assembler synAckOrRst(int offset, boolean indexed) {
            add(indexed ? LD | B | IND : LD | B | ABS, offset, 0, 0);
            add(JMP | JSET | K, TCP_RST, ACCEPT, NEXT);
            add(ALU | AND | K, TCP_SYN_ACK, 0, 0);
            return add(JMP | JEQ | K, TCP_SYN_ACK, ACCEPT, REJECT);
        }

        BpfProgram build() {
            int accept = code.size();
            int reject = accept + 1;
            List<BpfInstruction> out = new ArrayList<>(code.size() + 2);
            for (int i = 0; i < code.size(); i++) {
                int[] c = code.get(i);
                out.add(new BpfInstruction(c[0], offset(i, c[1], accept, reject), offset(i, c[2], accept, reject),
                        c[3]));
            }
            out.add(BpfInstruction.statement(RET | K, KEEP_ALL));
            out.add(BpfInstruction.statement(RET | K, 0));
            return new BpfProgram(out);
        }

        private static int offset(int from, int target, int accept, int reject) {
            return switch (target) {
                case ACCEPT -> accept - from - 1;
                case REJECT -> reject - from - 1;
                default -> 0;
            };
        }
    }
}
