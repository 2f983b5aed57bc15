package dev.portolan.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** nmap's {@code --dns-servers SERVER[,SERVER...]}: IP addresses, each with an optional port (53 by default). */
public final class DnsServers {
    public static final int DNS_PORT = 53;

    private DnsServers() {
    }

    /**
     * Parses "198.51.100.53,2001:db8::53,[2001:db8::54]:5353,198.51.100.54:5353".
     *
     * @throws IllegalArgumentException naming the first entry that is no address, in one line
     */
    public static List<InetSocketAddress> parse(String spec) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String raw : spec.split(",", -1)) {
            String s = raw.strip();
            if (s.isEmpty()) {
                throw new IllegalArgumentException("an empty server name in '" + spec + "'");
            }
            servers.add(server(s));
        }
        return List.copyOf(servers);
    }

    private static InetSocketAddress server(String s) {
        String host = s;
        int port = DNS_PORT;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || !(close == s.length() - 1 || s.charAt(close + 1) == ':')) {
                throw new IllegalArgumentException("'" + s + "' is not an address: write [IPv6]:port");
            }
            host = s.substring(1, close);
            port = close == s.length() - 1 ? DNS_PORT : port(s, s.substring(close + 2));
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = port(s, s.substring(s.indexOf(':') + 1));
        }
        // only literals, never resolved: looking up the name server's own name would need the resolver it replaces
        try {
            return new InetSocketAddress(InetAddress.ofLiteral(host), port);
        } catch (IllegalArgumentException e) {
            String why = host.matches("[0-9A-Fa-f:.]+") ? "" : " (give name servers by address)";
            throw new IllegalArgumentException("'" + s + "' is not an IP address" + why);
        }
    }

    private static int port(String whole, String port) {
        try {
            int p = Integer.parseInt(port);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + whole + "': port '" + port + "' is not 1 to 65535");
    }
}
