package dev.portolan.lab.services;

import dev.portolan.lab.LabException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** The lab's NetBIOS name service (UDP 137): a {@link NetbiosResponder} in a JVM in the target namespace. */
record NetbiosService() implements Daemon {
    /** Name, suffix (hex) and unique or group: a workstation with its workgroup and a logged-on user. */
    static final String[][] NAMES = {
        {"LABHOST-NB", "00", "unique"},
        {"LABGROUP", "00", "group"},
        {"LABHOST-NB", "20", "unique"},
        {"ALICE", "03", "unique"},
        {"LABGROUP", "1e", "group"},
    };
    /** The unit id (MAC) it reports. */
    static final String UNIT_ID = "00:1B:63:84:45:E6";

    @Override
    public String name() {
        return "netbios-ns";
    }

    @Override
    public String product() {
        return "";
    }

    @Override
    public String packageName() {
        return "";
    }

    @Override
    public List<Integer> defaultPorts() {
        return List.of(137);
    }

    @Override
    public List<Endpoint> endpoints(List<Integer> ports) {
        return List.of(Endpoint.udp(ports.get(0), "netbios-ns"));
    }

    @Override
    public List<String> executables() {
        return List.of(java());
    }

    @Override
    public Launch prepare(DaemonDir dir, List<Integer> ports) {
        return Launch.asRoot(List.of(java(), "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", codeSource(), NetbiosResponder.class.getName(), "--until-stdin-closes",
                ports.get(0).toString()));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String codeSource() {
        try {
            return Path.of(NetbiosResponder.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new LabException("cannot locate the lab's classes: " + e.getMessage(), e);
        }
    }
}
