package dev.portolan.technique.tcp;

/** A validated answer to one SYN probe: the target (IPv4 bits), its port, what it means, and its TTL. */
record TcpReply(int target, int port, Outcome outcome, int ttl) {
}
