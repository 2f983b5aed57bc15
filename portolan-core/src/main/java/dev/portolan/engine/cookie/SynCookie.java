package dev.portolan.engine.cookie;

/**
 * The stateless probe cookie: a 32-bit TCP sequence number that is a keyed SipHash-2-4 of the probe's
 * (source address, destination address, source port, destination port), so a reply proves it answers a probe of
 * this scan without any table of sent probes. One per scan, keyed from {@link KeyMaterial}. Thread-safe.
 *
 * <p>Every method takes the probe's view: source = the scanner, destination = the target. A reply travels the other
 * way, so its destination is the probe's source: swap addresses and ports before asking.
 */
public final class SynCookie {
    // tells IPv4 and IPv6 messages apart beyond their different lengths
    private static final long IPV4_DOMAIN = 0x4L << 32;
    private static final long IPV6_DOMAIN = 0x6L << 32;

    private final SipHash sip;

    private SynCookie(byte[] key) {
        this.sip = SipHash.of(key);
    }

    /** A cookie with a fresh 128-bit key from the kernel's random bytes ({@link KeyMaterial}). */
    public static SynCookie random() {
        return new SynCookie(KeyMaterial.fresh(16));
    }

    /** A cookie with this 16-byte key (tests; a scan shared between processes). */
    public static SynCookie withKey(byte[] key) {
        return new SynCookie(key);
    }

    /** The sequence number for an IPv4 probe; addresses are their 32 bits, ports their low 16 bits. */
    public int ipv4(int source, int destination, int sourcePort, int destinationPort) {
        long addresses = (long) source << 32 | (destination & 0xffff_ffffL);
        return fold(sip.hash(addresses, IPV4_DOMAIN | ports(sourcePort, destinationPort)));
    }

    /** The sequence number for an IPv6 probe; addresses as high and low 64 bits, ports their low 16 bits. */
    public int ipv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int sourcePort,
                    int destinationPort) {
        return fold(sip.hash(sourceHigh, sourceLow, destinationHigh, destinationLow,
                IPV6_DOMAIN | ports(sourcePort, destinationPort)));
    }

    /** True when a SYN-ACK's acknowledgment number is this IPv4 probe's cookie plus one. */
    public boolean validateAckIpv4(int source, int destination, int sourcePort, int destinationPort, int ackNumber) {
        return ackNumber == ipv4(source, destination, sourcePort, destinationPort) + 1;
    }

    /** True when a SYN-ACK's acknowledgment number is this IPv6 probe's cookie plus one. */
    public boolean validateAckIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow,
                                   int sourcePort, int destinationPort, int ackNumber) {
        return ackNumber == ipv6(sourceHigh, sourceLow, destinationHigh, destinationLow, sourcePort, destinationPort)
                + 1;
    }

    private static long ports(int sourcePort, int destinationPort) {
        return (long) (sourcePort & 0xffff) << 16 | (destinationPort & 0xffff);
    }

    /** Both halves of the hash count, so the cookie keeps all 64 bits' mixing. */
    private static int fold(long h) {
        return (int) (h ^ h >>> 32);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "SynCookie";
    }
}
