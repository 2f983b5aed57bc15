package dev.portolan.cli;

import picocli.CommandLine;

/** The version printed by {@code --version} and written into every report. */
public final class Version implements CommandLine.IVersionProvider {
    public static final String NUMBER = "0.1.0";

    @Override
    public String[] getVersion() {
        return new String[] {"Portolan " + NUMBER, "Java " + Runtime.version() + " on " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch")};
    }
}
