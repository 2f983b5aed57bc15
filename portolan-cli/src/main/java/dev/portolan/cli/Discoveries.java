package dev.portolan.cli;

import dev.portolan.api.ScanListener;
import dev.portolan.result.PortResult;
import dev.portolan.result.PortState;
import dev.portolan.target.Target;
import java.io.PrintWriter;

/** With -v, each open port on the terminal the moment it answers, as nmap's "Discovered open port" lines. */
final class Discoveries implements ScanListener {
    private final PrintWriter out;
    private final Screen screen;

    Discoveries(PrintWriter out, Screen screen) {
        this.out = out;
        this.screen = screen;
    }

    @Override
    public void portDone(Target target, PortResult result) {
        if (result.state() != PortState.OPEN) {
            return;
        }
        String line = "Discovered open port " + result.port() + "/" + result.protocol().label() + " on " + target.ip();
        screen.print(() -> {
            out.println(line);
            out.flush();
        });
    }
}
