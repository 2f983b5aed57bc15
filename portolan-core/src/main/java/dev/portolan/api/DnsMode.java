package dev.portolan.api;

/** When to look up reverse-DNS names, as nmap's -n and -R. */
public enum DnsMode {
    /** -n: never. */
    NEVER,
    /** The default: for hosts found up. */
    UP_HOSTS,
    /** -R: for every target. */
    ALWAYS
}
