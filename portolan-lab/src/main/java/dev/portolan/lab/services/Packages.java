package dev.portolan.lab.services;

import dev.portolan.lab.LabException;
import dev.portolan.lab.Shell;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Versions of installed Debian packages, read with dpkg-query (once per package and JVM). */
public final class Packages {
    private static final Map<String, String> VERSIONS = new ConcurrentHashMap<>();

    private Packages() {
    }

    /** The installed version of {@code name} ("1:9.2p1-2+deb12u10"); a LabException when it is not installed. */
    public static String version(String name) {
        return VERSIONS.computeIfAbsent(name, Packages::query);
    }

    public static boolean installed(String name) {
        Shell.Result r = Shell.run("dpkg-query", "-W", "-f=${Status}", name);
        return r.ok() && r.stdout().contains("install ok installed");
    }

    private static String query(String name) {
        if (!installed(name)) {
            throw new LabException("Debian package " + name + " is not installed (scripts/install-deps.sh installs it)");
        }
        String v = Shell.check("dpkg-query", "-W", "-f=${Version}", name).stdout().strip();
        if (v.isEmpty()) {
            throw new LabException("dpkg-query gives no version for " + name);
        }
        return v;
    }
}
