package dev.portolan.api;

import dev.portolan.target.Protocol;

/** A port scan technique by nmap's letter and nmap's XML name. */
public enum ScanType {
    CONNECT("sT", "connect", Protocol.TCP),
    SYN("sS", "syn", Protocol.TCP),
    ACK("sA", "ack", Protocol.TCP),
    WINDOW("sW", "window", Protocol.TCP),
    MAIMON("sM", "maimon", Protocol.TCP),
    FIN("sF", "fin", Protocol.TCP),
    NULL("sN", "null", Protocol.TCP),
    XMAS("sX", "xmas", Protocol.TCP),
    UDP("sU", "udp", Protocol.UDP);

    private final String flag;
    private final String xmlName;
    private final Protocol protocol;

    ScanType(String flag, String xmlName, Protocol protocol) {
        this.flag = flag;
        this.xmlName = xmlName;
        this.protocol = protocol;
    }

    /** nmap's option letters without the dash ("sT"). */
    public String flag() {
        return flag;
    }

    /** nmap's {@code <scaninfo type=…>} name ("connect"). */
    public String xmlName() {
        return xmlName;
    }

    public Protocol protocol() {
        return protocol;
    }

    /** True for the techniques that send raw packets: every TCP type but the connect scan (UDP uses a UDP socket). */
    public boolean needsRawSockets() {
        return this != CONNECT && this != UDP;
    }
}
