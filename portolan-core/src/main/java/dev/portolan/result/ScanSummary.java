package dev.portolan.result;

import java.time.Instant;

/**
 * How a scan ended, as nmap's {@code <runstats>} plus Portolan's retry accounting.
 *
 * @param end when it ended
 * @param elapsedMillis wall time of the whole scan
 * @param hostsUp hosts found up
 * @param hostsDown hosts found down
 * @param hostsTotal hosts that were scanned (up + down)
 * @param interrupted true when the user stopped the scan (Ctrl-C) before it finished
 * @param errorMessage set when the scan ended on an error
 * @param probesSent every probe sent, retries included
 * @param probesRetried probes that were sent again because the first went unanswered
 * @param probesUnanswered probes that stayed unanswered after every retry
 */
public record ScanSummary(Instant end, long elapsedMillis, int hostsUp, int hostsDown, int hostsTotal,
                          boolean interrupted, java.util.Optional<String> errorMessage, long probesSent,
                          long probesRetried, long probesUnanswered) {

    /** nmap's {@code exit} attribute: "success" or "error". */
    public String exitLabel() {
        return errorMessage.isPresent() || interrupted ? "error" : "success";
    }
}
