package dev.portolan.craft;

import java.net.InetAddress;
import java.util.Objects;

/** One entry of nmap's -D list: the scanner's own address ({@link Me}) or an address only written as a source. */
public sealed interface Decoy {
    /** ME: where the real probe goes in the order of the decoys. */
    record Me() implements Decoy {
        @Override
        public String toString() {
            return "ME";
        }
    }

    /** A source address the probe is also sent from; never a destination. */
    record Spoofed(InetAddress address) implements Decoy {
        public Spoofed {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String toString() {
            return address.getHostAddress();
        }
    }

    Decoy ME = new Me();
}
