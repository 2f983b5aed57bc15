/**
 * Probe crafting: nmap's "firewall/IDS evasion and spoofing" options as one value ({@link
 * dev.portolan.craft.ProbeCrafting}) and the writer that turns one raw probe into the packets those options ask for
 * (decoys, fragments, TTL, payload, a bad checksum). Pure: no I/O.
 */
package dev.portolan.craft;
