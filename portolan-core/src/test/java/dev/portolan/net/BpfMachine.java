package dev.portolan.net;

import static dev.portolan.net.BpfInstruction.ABS;
import static dev.portolan.net.BpfInstruction.B;
import static dev.portolan.net.BpfInstruction.H;
import static dev.portolan.net.BpfInstruction.IMM;
import static dev.portolan.net.BpfInstruction.IND;
import static dev.portolan.net.BpfInstruction.LEN;
import static dev.portolan.net.BpfInstruction.MEM;
import static dev.portolan.net.BpfInstruction.MSH;

/** A classic BPF interpreter with the kernel's semantics, to run filters on hand-built packets without sockets. */
final class BpfMachine {
    private BpfMachine() {
    }

    /** What {@code program} returns for {@code packet}: 0 drops it; a load past the end drops it too. */
    static int run(BpfProgram program, byte[] packet) {
        int a = 0;
        int x = 0;
        int[] mem = new int[16];
        int pc = 0;
        while (true) {
            BpfInstruction in = program.instructions().get(pc++);
            int code = in.code();
            int k = in.k();
            switch (in.instructionClass()) {
                case BpfInstruction.LD -> {
                    int mode = code & 0xE0;
                    if (mode == IMM) {
                        a = k;
                    } else if (mode == LEN) {
                        a = packet.length;
                    } else if (mode == MEM) {
                        a = mem[k];
                    } else {
                        long at = (mode == IND ? x : 0) + (long) k;
                        int size = switch (code & 0x18) {
                            case B -> 1;
                            case H -> 2;
                            default -> 4;
                        };
                        if (mode != ABS && mode != IND || at < 0 || at + size > packet.length) {
                            return 0;
                        }
                        a = 0;
                        for (int i = 0; i < size; i++) {
                            a = a << 8 | packet[(int) at + i] & 0xFF;
                        }
                    }
                }
                case BpfInstruction.LDX -> {
                    int mode = code & 0xE0;
                    if (mode == MSH) {
                        if (k >= packet.length) {
                            return 0;
                        }
                        x = 4 * (packet[k] & 0x0F);
                    } else if (mode == LEN) {
                        x = packet.length;
                    } else if (mode == MEM) {
                        x = mem[k];
                    } else {
                        x = k;
                    }
                }
                case BpfInstruction.ST -> mem[k] = a;
                case BpfInstruction.STX -> mem[k] = x;
                case BpfInstruction.ALU -> {
                    int operand = (code & BpfInstruction.X) != 0 ? x : k;
                    a = switch (code & 0xF0) {
                        case BpfInstruction.ADD -> a + operand;
                        case BpfInstruction.SUB -> a - operand;
                        case BpfInstruction.MUL -> a * operand;
                        case BpfInstruction.DIV -> operand == 0 ? 0 : Integer.divideUnsigned(a, operand);
                        case BpfInstruction.MOD -> operand == 0 ? 0 : Integer.remainderUnsigned(a, operand);
                        case BpfInstruction.OR -> a | operand;
                        case BpfInstruction.AND -> a & operand;
                        case BpfInstruction.XOR -> a ^ operand;
                        case BpfInstruction.LSH -> a << operand;
                        case BpfInstruction.RSH -> a >>> operand;
                        case BpfInstruction.NEG -> -a;
                        default -> throw new IllegalArgumentException("ALU op " + in);
                    };
                }
                case BpfInstruction.JMP -> {
                    int operand = (code & BpfInstruction.X) != 0 ? x : k;
                    int op = code & 0xF0;
                    if (op == BpfInstruction.JA) {
                        pc += k;
                        continue;
                    }
                    boolean taken = switch (op) {
                        case BpfInstruction.JEQ -> a == operand;
                        case BpfInstruction.JGT -> Integer.compareUnsigned(a, operand) > 0;
                        case BpfInstruction.JGE -> Integer.compareUnsigned(a, operand) >= 0;
                        case BpfInstruction.JSET -> (a & operand) != 0;
                        default -> throw new IllegalArgumentException("jump " + in);
                    };
                    pc += taken ? in.jt() : in.jf();
                }
                case BpfInstruction.RET -> {
                    return (code & BpfInstruction.A) != 0 ? a : k;
                }
                default -> {
                    if ((code & BpfInstruction.TXA) != 0) {
                        a = x;
                    } else {
                        x = a;
                    }
                }
            }
        }
    }
}
