package dev.portolan.service.probe;

/** A response as a CharSequence that stops a regex after a budget of reads, so no pattern can stall a scan. */
final class BoundedText implements CharSequence {
    /** Thrown when the budget is spent; carries no stack trace, it is a control transfer. */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("pattern step budget spent", null, false, false);
        }
    }

    private final CharSequence text;
    private final long[] budget;

    BoundedText(CharSequence text, long steps) {
        this(text, new long[] {steps});
    }

    private BoundedText(CharSequence text, long[] budget) {
        this.text = text;
        this.budget = budget;
    }

    /** Reads left before the budget is spent (never below zero). */
    long remaining() {
        return Math.max(0, budget[0]);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        if (--budget[0] < 0) {
            throw new Exhausted();
        }
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text.subSequence(start, end), budget);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
