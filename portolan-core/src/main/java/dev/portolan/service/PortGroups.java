package dev.portolan.service;

import dev.portolan.target.PortList;
import dev.portolan.target.Protocol;
import java.io.BufferedReader;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Named port groups for "-p @web", from the shipped {@code port-groups.txt}: one section per group. */
public final class PortGroups {
    private static final Pattern HEADER = Pattern.compile("\\[([a-z0-9-]+)]\\s*(.*)");
    private static final Pattern ENTRY = Pattern.compile("(\\d{1,5})/(tcp|udp|sctp)");

    /**
     * One group.
     *
     * @param name the name without "@" ("web")
     * @param description what the group is for
     * @param ports its ports, each with its protocol
     */
    public record Group(String name, String description, PortList ports) {
    }

    private final Map<String, Group> groups;

    private PortGroups(Map<String, Group> groups) {
        this.groups = groups;
    }

    private static final class Builtin {
        static final PortGroups GROUPS = Resources.load("port-groups.txt", PortGroups::parse);
    }

    /** The groups shipped with Portolan, read on first use. */
    public static PortGroups builtin() {
        return Builtin.GROUPS;
    }

    /**
     * Reads groups: a "[name] description" line opens a group, then "port/protocol" lines follow; "#" starts a
     * comment. A malformed line throws IllegalArgumentException naming its line.
     */
    public static PortGroups parse(Reader text) {
        Map<String, Group> groups = new LinkedHashMap<>();
        List<String> lines = new BufferedReader(text).lines().toList();
        Group open = null;
        for (int i = 0; i < lines.size(); i++) {
            String body = lines.get(i).replaceFirst("#.*", "").strip();
            Matcher header = HEADER.matcher(body);
            Matcher entry = ENTRY.matcher(body);
            if (body.isEmpty()) {
                continue;
            } else if (header.matches()) {
                add(groups, open, i);
                open = new Group(header.group(1), header.group(2), PortList.empty());
            } else if (open != null && entry.matches() && Integer.parseInt(entry.group(1)) <= 65535) {
                Protocol protocol = Protocol.fromLabel(entry.group(2));
                open = new Group(open.name(), open.description(),
                        open.ports().union(PortList.of(protocol, Integer.parseInt(entry.group(1)))));
            } else {
                throw new IllegalArgumentException("port groups line " + (i + 1) + ": expected [group] or "
                        + "port/protocol, got \"" + body + "\"");
            }
        }
        add(groups, open, lines.size());
        return new PortGroups(groups);
    }

    private static void add(Map<String, Group> groups, Group group, int line) {
        if (group != null && groups.putIfAbsent(group.name(), group) != null) {
            throw new IllegalArgumentException("port groups: group " + group.name() + " appears twice (before line "
                    + (line + 1) + ")");
        }
    }

    /** The group {@code name} (without "@", any case), if there is one. */
    public Optional<Group> group(String name) {
        return Optional.ofNullable(groups.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The group names, in file order. */
    public Set<String> names() {
        return groups.keySet();
    }

    /** Every group, in file order. */
    public List<Group> groups() {
        return List.copyOf(groups.values());
    }
}
