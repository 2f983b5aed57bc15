package dev.portolan.technique.udp;

/** A payload file that does not follow the format; the message names the file and line. */
public final class UdpPayloadFormatException extends Exception {
    public UdpPayloadFormatException(String message) {
        super(message);
    }
}
