package dev.portolan.cli;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** Whether a file descriptor is a terminal, asked of libc's isatty: Java itself only knows about stdin and stdout. */
final class Tty {
    static final int STDERR = 2;

    private Tty() {
    }

    /** True when {@code fd} is a terminal; false also when libc cannot be called. */
    static boolean isTerminal(int fd) {
        if (!Tty.class.getModule().isNativeAccessEnabled()) {
            // Calling libc would print the JVM's restricted-method warning; without the flag there is no bar.
            return false;
        }
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle isatty = linker.downcallHandle(linker.defaultLookup().find("isatty").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            return (int) isatty.invokeExact(fd) == 1;
        } catch (Throwable e) {
            // No libc or no native access: no bar, which is the safe side.
            return false;
        }
    }
}
