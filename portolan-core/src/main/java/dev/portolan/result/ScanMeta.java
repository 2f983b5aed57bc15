package dev.portolan.result;

import java.time.Instant;
import java.util.List;

/**
 * What a report needs to know before the first host: who scanned, how, and when.
 *
 * @param scanner the program name ("portolan")
 * @param version its version
 * @param args the command line as the user typed it
 * @param start when the scan began
 * @param scanInfos one entry per scan type and protocol
 * @param verbosity the -v level
 */
public record ScanMeta(String scanner, String version, String args, Instant start, List<ScanInfo> scanInfos,
                       int verbosity) {

    public ScanMeta {
        scanInfos = List.copyOf(scanInfos);
    }
}
