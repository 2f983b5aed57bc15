package dev.portolan.net;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/** Links libc functions with errno capture: the first argument of every handle is the call-state segment. */
final class Native {
    private static final Linker LINKER = Linker.nativeLinker();
    static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private Native() {
    }

    /** A handle to libc's {@code name}, taking the call-state segment first and then {@code descriptor}'s. */
    static MethodHandle function(String name, FunctionDescriptor descriptor) {
        MemorySegment address = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(address, descriptor, CAPTURE_ERRNO);
    }

    /** The errno the last call through {@code state} captured. */
    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** A native call cannot throw a checked exception; anything else is a bug in the binding. */
    static IllegalStateException failed(String call, Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call " + call + " failed: " + t, t);
    }
}
