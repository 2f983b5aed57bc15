package dev.portolan.lab.services;

import dev.portolan.lab.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The directory of one daemon in a lab's files: its config, pid file, sockets, data and log, nothing elsewhere. */
public record DaemonDir(Path path) {
    public DaemonDir {
        path = path.toAbsolutePath();
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }

    /** Writes {@code text} to {@code name} (readable by all: daemons read their config after dropping root). */
    public Path write(String name, String text) throws IOException {
        Path file = path.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    /** A sub-directory, 0755 so that a daemon's own user can reach what it needs below. */
    public Path mkdir(String name) throws IOException {
        Path dir = path.resolve(name);
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /** A sub-directory owned by {@code user} (and its login group), for daemons that write as that user. */
    public Path mkdirOwnedBy(String name, String user) throws IOException {
        Path dir = mkdir(name);
        Shell.check("chown", "-R", user + ":", dir.toString());
        return dir;
    }

    public void chown(String user) {
        Shell.check("chown", user + ":", path.toString());
    }
}
