package dev.portolan.api;

import dev.portolan.result.HostResult;
import dev.portolan.result.PortResult;
import dev.portolan.result.ScanMeta;
import dev.portolan.result.ScanSummary;
import dev.portolan.target.Target;

/**
 * Everything a scan reports while it runs; every method is optional. Feeds the progress bar, the reports,
 * the dashboard and the monitors. Called from the scan's threads: implementations must be quick.
 */
public interface ScanListener {

    default void scanStarted(ScanMeta meta) {
    }

    /** A port reached its final state (called once per port, open ones as soon as they answer). */
    default void portDone(Target target, PortResult result) {
    }

    /** A host is finished: every port has its final state, or the host is down or timed out. */
    default void hostDone(HostResult host) {
    }

    default void progress(Progress progress) {
    }

    /** Something the user should know that does not stop the scan (an unresolvable name, a fallback). */
    default void warning(String message) {
    }

    default void scanFinished(ScanSummary summary) {
    }

    ScanListener NONE = new ScanListener() {
    };
}
