package dev.portolan.service.probe;

import dev.portolan.target.PortList;
import java.util.Objects;

/**
 * An Exclude directive: ports that version detection leaves alone unless told to probe all ports (printers on
 * 9100 print whatever arrives).
 *
 * @param ports the excluded ports, per protocol
 */
public record Exclude(PortList ports) {
    public Exclude {
        Objects.requireNonNull(ports, "ports");
    }
}
