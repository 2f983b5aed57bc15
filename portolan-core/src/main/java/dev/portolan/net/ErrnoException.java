package dev.portolan.net;

import java.io.IOException;

/** A native call failed; the message names the call and says what errno means. */
public final class ErrnoException extends IOException {
    private final int errno;

    public ErrnoException(String call, int errno) {
        super(call + ": " + Errno.message(errno));
        this.errno = errno;
    }

    /** With a hint after the errno text, saying what to do about it ("...: Operation not permitted; run as root"). */
    public ErrnoException(String call, int errno, String hint) {
        super(call + ": " + Errno.message(errno) + "; " + hint);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    /** Throws for a negative result of a binding ({@code -errno}); returns non-negative results unchanged. */
    public static int check(String call, int result) throws ErrnoException {
        if (result < 0) {
            throw new ErrnoException(call, -result);
        }
        return result;
    }
}
