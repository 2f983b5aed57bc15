package dev.portolan.lab;

/** An nmap XML file that cannot be read, or whose port states cannot be told exactly. */
public final class NmapXmlException extends RuntimeException {
    public NmapXmlException(String message) {
        super(message);
    }

    public NmapXmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
