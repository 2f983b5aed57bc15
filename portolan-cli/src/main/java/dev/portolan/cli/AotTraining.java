package dev.portolan.cli;

/** The work of a typical start, run once when the launcher records the AOT cache. */
final class AotTraining {
    private AotTraining() {
    }

    static void run() {
        java.io.StringWriter sink = new java.io.StringWriter();
        java.io.PrintWriter out = new java.io.PrintWriter(sink);
        Main.run(new String[] {"--version"}, out, out);
        Main.run(new String[] {"scan", "--help"}, out, out);
    }
}
