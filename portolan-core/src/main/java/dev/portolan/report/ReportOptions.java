package dev.portolan.report;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Presentation options shared by every report format: nmap's {@code --open}, {@code --reason} and {@code -v}, plus
 * Portolan's "list every port" and the zone used for human-readable times.
 *
 * @param openOnly {@code --open}: list only ports that may be open (open, open|filtered, unfiltered) and only hosts
 *                 that have such a port
 * @param showReason {@code --reason}: add the reason column and "received ..." (implied by {@code -vv})
 * @param verbosity the {@code -v} level; it raises the collapse threshold and lists down hosts
 * @param allPorts list every port instead of collapsing large states into "Not shown" / extraports
 * @param zone the zone of the human-readable times ("Sun Nov 22 14:03:11 2026"); epoch values never depend on it
 */
public record ReportOptions(boolean openOnly, boolean showReason, int verbosity, boolean allPorts, ZoneId zone) {

    /** nmap's defaults in the JVM's default zone. */
    public static final ReportOptions DEFAULTS = new ReportOptions(false, false, 0);

    public ReportOptions {
        if (verbosity < 0) {
            throw new IllegalArgumentException("verbosity must not be negative: " + verbosity);
        }
        Objects.requireNonNull(zone, "zone");
    }

    /** The three command-line options, in the JVM's default zone (as nmap uses local time). */
    public ReportOptions(boolean openOnly, boolean showReason, int verbosity) {
        this(openOnly, showReason, verbosity, false, SystemZone.get());
    }

    public ReportOptions withZone(ZoneId zone) {
        return new ReportOptions(openOnly, showReason, verbosity, allPorts, zone);
    }

    public ReportOptions withAllPorts(boolean allPorts) {
        return new ReportOptions(openOnly, showReason, verbosity, allPorts, zone);
    }

    /** Whether reasons are shown: {@code --reason}, or {@code -vv} and above as in nmap. */
    public boolean reasons() {
        return showReason || verbosity >= 2;
    }
}
