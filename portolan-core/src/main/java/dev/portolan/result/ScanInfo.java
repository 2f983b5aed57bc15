package dev.portolan.result;

import dev.portolan.target.Protocol;

/**
 * One scan type of a run, as nmap's {@code <scaninfo>}: "connect" over tcp on 1000 ports.
 *
 * @param type nmap's scan type name: connect, syn, ack, window, maimon, fin, null, xmas, udp
 * @param protocol the protocol it probes
 * @param numServices how many ports
 * @param services the ports as a compact list ("1-1000,8080")
 */
public record ScanInfo(String type, Protocol protocol, int numServices, String services) {
}
