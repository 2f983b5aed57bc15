package dev.portolan.lab.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark results as a Markdown table, ready to paste into the README. */
public final class MarkdownReport {
    static final List<String> HEADER = List.of("scenario", "path", "tool", "wall time", "open found / truth",
            "all states correct", "wall / nmap's");
    static final List<String> SWEEP_HEADER = List.of("scenario", "path", "range", "tool", "wall time",
            "probes/s (own figure)", "hosts found / truth", "peak RSS", "heap after GC (max)");

    static final List<String> SERVICE_HEADER = List.of("scenario", "path", "tool", "wall time",
            "services named right / total", "versions right / total", "wall / nmap's");

    static final List<String> UDP_HEADER = List.of("scenario", "path", "tool", "wall time", "states right / ports",
            "open found / truth", "wall / nmap's");

    static final List<String> DISCOVERY_HEADER = List.of("scenario", "path", "tool", "wall time",
            "live hosts found / truth", "wall / nmap's");

    private MarkdownReport() {
    }

    /** Both tables, each when it has rows, a blank line between them. */
    public static String tables(BenchResults results) {
        List<String> parts = new ArrayList<>();
        if (!results.scans().isEmpty()) {
            parts.add(table(results.scans()));
        }
        if (!results.sweeps().isEmpty()) {
            parts.add(sweepTable(results.sweeps()));
        }
        if (!results.services().isEmpty()) {
            parts.add(serviceTable(results.services()));
        }
        if (!results.discoveries().isEmpty()) {
            parts.add(discoveryTable(results.discoveries()));
        }
        if (!results.udp().isEmpty()) {
            parts.add(udpTable(results.udp()));
        }
        return String.join("\n", parts);
    }

    public static String table(List<PathResult> results) {
        List<List<String>> rows = new ArrayList<>();
        for (PathResult r : results) {
            rows.add(row(r, r.nmap(), ""));
            rows.add(row(r, r.portolan(), ratio(r, r.portolan())));
            r.masscan().ifPresent(m -> rows.add(row(r, m, ratio(r, m))));
        }
        return render(HEADER, rows);
    }

    private static String ratio(PathResult r, ToolRun run) {
        return r.ratio(run).isPresent() ? String.format(Locale.ROOT, "%.2f", r.ratio(run).getAsDouble()) : "n/a";
    }

    private static List<String> row(PathResult r, ToolRun run, String ratio) {
        return List.of(r.scenario(), r.path(), run.tool(), wall(run), run.finished()
                ? run.openFound() + " / " + run.openTruth() : "n/a", correct(run), ratio);
    }

    public static String sweepTable(List<SweepResult> results) {
        List<List<String>> rows = new ArrayList<>();
        for (SweepResult r : results) {
            for (SweepRun run : r.runs()) {
                rows.add(List.of(r.scenario(), r.path(), run.range(), run.tool(), sweepWall(run),
                        run.rate().isPresent() ? String.format(Locale.ROOT, "%,.0f", run.rate().getAsDouble()) : "n/a",
                        run.finished() ? run.hostsFound() + " / " + run.hostsTruth()
                                + (run.wrong() > 0 ? " (" + run.wrong() + " wrong)" : "") : "n/a",
                        run.peakRssKib().isPresent() ? mib(run.peakRssKib().getAsLong()) : "n/a",
                        run.heapAfterGcKib().isPresent() ? mib(run.heapAfterGcKib().getAsLong()) : "n/a"));
            }
        }
        return render(SWEEP_HEADER, rows);
    }

    static String serviceTable(List<ServiceResult> results) {
        List<List<String>> rows = new ArrayList<>();
        for (ServiceResult r : results) {
            for (ServiceRun run : r.runs()) {
                boolean portolan = run == r.portolan();
                rows.add(List.of(r.scenario(), r.path(), run.tool(), wall(run.outcome(), run.wall(), run.detail()),
                        run.finished() ? run.named() + " / " + run.total() : "n/a",
                        run.finished() ? run.versioned() + " / " + run.versionsTelling() : "n/a",
                        portolan && r.ratio().isPresent() ? String.format(Locale.ROOT, "%.2f", r.ratio().getAsDouble())
                                : ""));
            }
        }
        return render(SERVICE_HEADER, rows);
    }

    static String discoveryTable(List<DiscoveryResult> results) {
        List<List<String>> rows = new ArrayList<>();
        for (DiscoveryResult r : results) {
            for (DiscoveryRun run : r.runs()) {
                rows.add(List.of(r.scenario(), r.path(), run.tool(), wall(run.outcome(), run.wall(), run.detail()),
                        run.finished() ? run.found() + " / " + run.truth() : "n/a",
                        r.ratio(run).isPresent() ? String.format(Locale.ROOT, "%.2f", r.ratio(run).getAsDouble())
                                : ""));
            }
        }
        return render(DISCOVERY_HEADER, rows);
    }

    static String udpTable(List<UdpResult> results) {
        List<List<String>> rows = new ArrayList<>();
        for (UdpResult r : results) {
            for (UdpRun run : r.runs()) {
                rows.add(List.of(r.scenario(), r.path(), run.tool(), wall(run.outcome(), run.wall(), run.detail()),
                        run.finished() ? run.right() + " / " + run.total() : "n/a",
                        run.finished() ? run.openFound() + " / " + run.openTruth() : "n/a",
                        r.ratio(run).isPresent() ? String.format(Locale.ROOT, "%.2f", r.ratio(run).getAsDouble())
                                : ""));
            }
        }
        return render(UDP_HEADER, rows);
    }

    private static String sweepWall(SweepRun run) {
        return wall(run.outcome(), run.wall(), run.detail());
    }

    static String mib(long kib) {
        return String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
    }

    private static String wall(ToolRun run) {
        return wall(run.outcome(), run.wall(), run.detail());
    }

    private static String wall(ToolRun.Outcome outcome, Duration wall, String detail) {
        return switch (outcome) {
            case FINISHED -> seconds(wall);
            case TIMED_OUT -> "timeout (> " + (wall.toSeconds() % 60 == 0
                    ? wall.toMinutes() + " min" : seconds(wall)) + ")";
            case FAILED -> "failed: " + detail;
        };
    }

    private static String correct(ToolRun run) {
        if (!run.finished()) {
            return "n/a";
        }
        if (!run.reportsAllStates()) {
            return "n/a (lists open ports only" + (run.wrongStates() > 0 ? "; " + run.wrongStates() + " false" : "")
                    + ")";
        }
        return run.wrongStates() == 0 ? "yes" : "no (" + run.wrongStates() + " wrong)";
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** A pipe table with columns padded to their widest cell; pipes inside cells are escaped. */
    static String render(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        for (List<String> row : rows) {
            all.add(row.stream().map(c -> c.replace("|", "\\|")).toList());
        }
        for (List<String> row : all) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(Math.max(width[i], row.get(i).length()), 3);
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, all.getFirst(), width);
        sb.append('|');
        for (int w : width) {
            sb.append(' ').append("-".repeat(w)).append(" |");
        }
        sb.append('\n');
        for (List<String> row : all.subList(1, all.size())) {
            line(sb, row, width);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        sb.append('|');
        for (int i = 0; i < width.length; i++) {
            String c = cells.get(i);
            sb.append(' ').append(c).append(" ".repeat(width[i] - c.length())).append(" |");
        }
        sb.append('\n');
    }
}
