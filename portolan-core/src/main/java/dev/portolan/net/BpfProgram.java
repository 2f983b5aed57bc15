package dev.portolan.net;

import java.util.List;

/**
 * A classic BPF socket filter: a checked, immutable list of instructions that the kernel runs on each packet
 * before queueing it (a return of 0 drops it, anything else keeps that many bytes). Attach it with
 * {@link NativeSocket#attach(BpfProgram)}.
 */
public record BpfProgram(List<BpfInstruction> instructions) {
    /** The kernel's BPF_MAXINSNS. */
    public static final int MAX_INSTRUCTIONS = 4096;

    /** Checks what the kernel would refuse with a bare EINVAL: the length, jumps past the end, no final return. */
    public BpfProgram {
        instructions = List.copyOf(instructions);
        int n = instructions.size();
        if (n == 0 || n > MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("a BPF program has 1.." + MAX_INSTRUCTIONS + " instructions, got " + n);
        }
        for (int i = 0; i < n; i++) {
            BpfInstruction in = instructions.get(i);
            if (in.instructionClass() != BpfInstruction.JMP) {
                continue;
            }
            long furthest = (in.code() & 0xF0) == BpfInstruction.JA
                    ? Integer.toUnsignedLong(in.k())
                    : Math.max(in.jt(), in.jf());
            if (i + 1 + furthest >= n) {
                throw new IllegalArgumentException("BPF instruction " + i + " " + in + " jumps past the end");
            }
        }
        if (instructions.get(n - 1).instructionClass() != BpfInstruction.RET) {
            throw new IllegalArgumentException("a BPF program must end with a return, not "
                    + instructions.get(n - 1));
        }
    }

    public static BpfProgram of(BpfInstruction... instructions) {
        return new BpfProgram(List.of(instructions));
    }

    public int size() {
        return instructions.size();
    }
}
