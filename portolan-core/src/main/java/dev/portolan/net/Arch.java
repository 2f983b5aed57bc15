package dev.portolan.net;

import java.util.Locale;

/** The CPU architectures whose struct layouts the bindings know. */
final class Arch {
    private Arch() {
    }

    static boolean isSupported(String arch) {
        return isX86_64(arch) || isAarch64(arch);
    }

    /** x86-64 packs struct epoll_event to 12 bytes; every other architecture aligns it to 16. */
    static boolean isX86_64(String arch) {
        String a = arch.toLowerCase(Locale.ROOT);
        return a.equals("amd64") || a.equals("x86_64");
    }

    static boolean isAarch64(String arch) {
        String a = arch.toLowerCase(Locale.ROOT);
        return a.equals("aarch64") || a.equals("arm64");
    }

    static boolean isX86_64() {
        return isX86_64(System.getProperty("os.arch", ""));
    }
}
