package dev.portolan.net;

/**
 * One classic BPF instruction as the kernel's {@code struct sock_filter} holds it: opcode, the two jump offsets
 * (counted from the next instruction) and the constant. The opcode parts are the constants of this type.
 */
public record BpfInstruction(int code, int jt, int jf, int k) {
    // instruction classes
    public static final int LD = 0x00;
    public static final int LDX = 0x01;
    public static final int ST = 0x02;
    public static final int STX = 0x03;
    public static final int ALU = 0x04;
    public static final int JMP = 0x05;
    public static final int RET = 0x06;
    public static final int MISC = 0x07;
    // operand sizes of loads
    public static final int W = 0x00;
    public static final int H = 0x08;
    public static final int B = 0x10;
    // addressing modes of loads
    public static final int IMM = 0x00;
    public static final int ABS = 0x20;
    public static final int IND = 0x40;
    public static final int MEM = 0x60;
    public static final int LEN = 0x80;
    /** LDX only: X = 4 * (packet[k] & 0xf), the length of an IPv4 header. */
    public static final int MSH = 0xa0;
    // ALU operations
    public static final int ADD = 0x00;
    public static final int SUB = 0x10;
    public static final int MUL = 0x20;
    public static final int DIV = 0x30;
    public static final int OR = 0x40;
    public static final int AND = 0x50;
    public static final int LSH = 0x60;
    public static final int RSH = 0x70;
    public static final int NEG = 0x80;
    public static final int MOD = 0x90;
    public static final int XOR = 0xa0;
    // jumps
    public static final int JA = 0x00;
    public static final int JEQ = 0x10;
    public static final int JGT = 0x20;
    public static final int JGE = 0x30;
    public static final int JSET = 0x40;
    // operand source of ALU and jumps, return value source
    public static final int K = 0x00;
    public static final int X = 0x08;
    public static final int A = 0x10;
    // MISC operations
    public static final int TAX = 0x00;
    public static final int TXA = 0x80;

    public BpfInstruction {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("BPF opcode " + code + " is outside 0..0xffff");
        }
        if (jt < 0 || jt > 0xFF || jf < 0 || jf > 0xFF) {
            throw new IllegalArgumentException("BPF jump offsets " + jt + "/" + jf + " are outside 0..255");
        }
    }

    /** An instruction without jumps. */
    public static BpfInstruction statement(int code, int k) {
        return new BpfInstruction(code, 0, 0, k);
    }

    /** A conditional jump: {@code jt} instructions ahead when the condition holds, {@code jf} when not. */
    public static BpfInstruction jump(int code, int k, int jt, int jf) {
        return new BpfInstruction(code, jt, jf, k);
    }

    /** The instruction class (LD, JMP, RET, ...). */
    public int instructionClass() {
        return code & 0x07;
    }

    @Override
    public String toString() {
        return String.format("{ 0x%02x, %d, %d, 0x%08x }", code, jt, jf, k);
    }
}
