package dev.portolan.lab.services;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run a prepared daemon: the commands that initialise its files (run first, in order), then the command
 * that keeps it in the foreground, both as {@code user} (null: as root) with {@code environment} added.
 */
public record Launch(List<List<String>> init, List<String> command, String user, Map<String, String> environment) {
    public Launch {
        init = init.stream().map(List::copyOf).toList();
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty daemon command");
        }
    }

    /** A daemon run as root with no init step and no extra environment. */
    public static Launch asRoot(List<String> command) {
        return new Launch(List.of(), command, null, Map.of());
    }

    public static Launch as(String user, List<String> command) {
        return new Launch(List.of(), command, Objects.requireNonNull(user, "user"), Map.of());
    }

    public Launch withEnvironment(String name, String value) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put(name, value);
        return new Launch(init, command, user, env);
    }
}
