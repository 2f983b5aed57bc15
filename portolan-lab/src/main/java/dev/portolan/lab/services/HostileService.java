package dev.portolan.lab.services;

import dev.portolan.lab.LabException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** A hostile test service: a {@link HostileServer} with one {@link Behaviour}, run in a JVM in the namespace. */
record HostileService(Behaviour behaviour) implements Daemon {
    @Override
    public String name() {
        return behaviour.label();
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
        return List.of(behaviour.defaultPort());
    }

    @Override
    public List<Endpoint> endpoints(List<Integer> ports) {
        return List.of(Endpoint.tcp(ports.get(0), behaviour.service()));
    }

    @Override
    public List<String> executables() {
        return List.of(java());
    }

    @Override
    public Launch prepare(DaemonDir dir, List<Integer> ports) {
        // --until-stdin-closes: the lab holds its stdin, so a killed lab JVM takes this one with it
        return Launch.asRoot(List.of(java(), "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", codeSource(), HostileServer.class.getName(), "--until-stdin-closes", behaviour.label(),
                ports.get(0).toString()));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String codeSource() {
        try {
            return Path.of(HostileServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new LabException("cannot locate the lab's classes: " + e.getMessage(), e);
        }
    }
}
