package dev.portolan.packet;

/** An ICMP or ICMPv6 error message, which quotes the start of the datagram that caused it. */
public sealed interface IcmpError permits Icmpv4Message.DestinationUnreachable, Icmpv4Message.TimeExceeded,
        Icmpv6Message.DestinationUnreachable, Icmpv6Message.PacketTooBig, Icmpv6Message.TimeExceeded,
        Icmpv6Message.ParameterProblem {
    int type();

    int code();

    QuotedDatagram quote();
}
