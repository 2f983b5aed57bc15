package dev.portolan.lab.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark results as a Markdown table, ready to paste into the README. */
public final class MarkdownReport {
    static final List<String> HEADER = List.of("scenario", "path", "tool", "wall time", "open found / truth",
            "all states correct", "Portolan / nmap");

    private MarkdownReport() {
    }

    public static String table(List<PathResult> results) {
        List<List<String>> rows = new ArrayList<>();
        for (PathResult r : results) {
            rows.add(row(r, r.nmap(), ""));
            rows.add(row(r, r.portolan(), r.ratio().isPresent()
                    ? String.format(Locale.ROOT, "%.2f", r.ratio().getAsDouble()) : "n/a"));
        }
        return render(HEADER, rows);
    }

    private static List<String> row(PathResult r, ToolRun run, String ratio) {
        return List.of(r.scenario(), r.path(), run.tool(), wall(run), run.finished()
                ? run.openFound() + " / " + run.openTruth() : "n/a", correct(run), ratio);
    }

    private static String wall(ToolRun run) {
        return switch (run.outcome()) {
            case FINISHED -> seconds(run.wall());
            case TIMED_OUT -> "timeout (> " + (run.wall().toSeconds() % 60 == 0
                    ? run.wall().toMinutes() + " min" : seconds(run.wall())) + ")";
            case FAILED -> "failed: " + run.detail();
        };
    }

    private static String correct(ToolRun run) {
        if (!run.finished()) {
            return "n/a";
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
