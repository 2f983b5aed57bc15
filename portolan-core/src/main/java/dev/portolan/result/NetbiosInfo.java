package dev.portolan.result;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a host said about itself in a NetBIOS node status answer (UDP 137), nmap's nbstat fields.
 *
 * @param name the computer name (a unique name of suffix 00 or 20)
 * @param workgroup the workgroup or domain (the group name of suffix 00), if any
 * @param user the logged-on user (a unique name of suffix 03 other than the computer's), if any
 * @param mac the unit id the host gave, upper-case and colon-separated, absent when it gave none or zeros
 * @param names the whole name table as nbtstat shows it ("WS01<00>", "WORKGROUP<00> group")
 */
public record NetbiosInfo(String name, Optional<String> workgroup, Optional<String> user, Optional<String> mac,
                          List<String> names) {
    public NetbiosInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(workgroup, "workgroup");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(mac, "mac");
        names = List.copyOf(names);
    }

    /** nmap's nbstat line: "NetBIOS name: WS01, NetBIOS user: &lt;unknown&gt;, NetBIOS MAC: &lt;unknown&gt;". */
    public String summary() {
        return "NetBIOS name: " + name + ", NetBIOS user: " + user.orElse("<unknown>") + ", NetBIOS MAC: "
                + mac.orElse("<unknown>") + workgroup.map(w -> ", workgroup: " + w).orElse("");
    }
}
