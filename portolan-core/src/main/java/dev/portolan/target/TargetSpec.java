package dev.portolan.target;

import dev.portolan.target.AddressRanges.Range;
import java.net.Inet6Address;
import java.util.List;

/** One target token, parsed: literal addresses (with the nmap octet-range and CIDR syntax) or a host name. */
sealed interface TargetSpec {

    /**
     * Addresses written literally.
     *
     * @param ipv6 the family
     * @param ranges sorted, disjoint ranges
     * @param scoped the address with its scope when the token was a single IPv6 address with %scope, else null
     */
    record Literal(boolean ipv6, List<Range> ranges, Inet6Address scoped) implements TargetSpec {
    }

    /**
     * A host name to resolve, with the prefix length of "name/24", or -1.
     */
    record HostName(String name, int prefix) implements TargetSpec {
    }

    /** Parses one token; a malformed one throws {@link TargetSpecException} naming it. */
    static TargetSpec parse(String token) {
        return TargetSpecParser.parse(token);
    }
}
