package dev.portolan.lab.services;

import java.util.List;

/** The names and standard ports every daemon has; subclasses say how to run it. */
abstract class BaseDaemon implements Daemon {
    private final String name;
    private final String product;
    private final String packageName;
    private final List<Integer> defaultPorts;

    BaseDaemon(String name, String product, String packageName, Integer... defaultPorts) {
        this.name = name;
        this.product = product;
        this.packageName = packageName;
        this.defaultPorts = List.of(defaultPorts);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String product() {
        return product;
    }

    @Override
    public final String packageName() {
        return packageName;
    }

    @Override
    public final List<Integer> defaultPorts() {
        return defaultPorts;
    }

    @Override
    public String toString() {
        return name;
    }
}
