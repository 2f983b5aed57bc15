package dev.portolan.engine;

/**
 * The send window of one host or of a whole scan (nmap's cwnd and ssthresh), which tells random loss from
 * congestion. The window grows by one per answer below ssthresh (slow start) and by 1/window above it; a probe
 * never answered (a filtered port) is no loss and grows it like an answer; one answered only after a retry is a
 * drop. Loss is judged per block of {@value #BLOCK} answers: two blocks in a row above floor + max(8 points, floor)
 * halve the window (it holds still after the first), and the next two blocks, at the lower rate, decide: if their
 * loss fell significantly (two-proportion test), loss grew with the rate and the cut stays; if not, the loss is
 * random, the cut is undone, slow start reopens and the floor (the loss taken as random) becomes that loss; a block
 * clearly below the floor lowers it. A smoothed RTT above three times the minimum RTT of the last 10-20 s, and
 * 5 ms above it, means queues fill and halves the window at once. After a cut, answers are ignored for two RTTs.
 */
public final class CongestionController {
    static final int BLOCK = 200;
    static final double LOSS_MARGIN = 0.08;
    /** How many standard errors the loss must fall by after a cut for the cut to stand. */
    static final double SIGNIFICANCE = 3.0;
    /** Loss above this is treated as congestion without a test: no path is worth flooding at that loss. */
    static final double SEVERE_LOSS = 0.5;
    static final double RTT_FACTOR = 3.0;
    static final long RTT_MARGIN_NANOS = 5_000_000L;
    static final long MIN_RTT_EPOCH_NANOS = 10_000_000_000L;
    static final long MIN_COOLDOWN_NANOS = 10_000_000L;
    private static final double MIN_WINDOW = 1.0;

    private final Clock clock;
    private final double maxWindow;
    private double window;
    private double ssthresh;

    private int blockAnswers;
    private int blockDrops;
    private double lastBlockLoss;
    private double floor;

    private boolean elevated;
    private double elevatedLoss;
    private boolean verifying;
    private int verifyBlocks;
    private double verifyLossSum;
    private double suspectLoss;
    private double windowBeforeCut;

    private long srtt;
    private long rttSamples;
    private long minRttCurrent = Long.MAX_VALUE;
    private long minRttPrevious = Long.MAX_VALUE;
    private long epochStart;
    private boolean cooling;
    private long cooldownUntil;
    private long cuts;
    private long undone;

    private CongestionController(Clock clock, double initialWindow, double maxWindow) {
        this.clock = clock;
        this.maxWindow = maxWindow;
        this.window = initialWindow;
        this.ssthresh = maxWindow;
        this.epochStart = clock.nanoTime();
    }

    /** A controller starting at {@code initialWindow} probes in flight, never above {@code maxWindow}. */
    public static CongestionController of(Clock clock, double initialWindow, double maxWindow) {
        if (!(maxWindow >= MIN_WINDOW) || !(initialWindow >= MIN_WINDOW) || initialWindow > maxWindow) {
            throw new IllegalArgumentException("windows need 1 <= initial <= max, got initial " + initialWindow
                    + " max " + maxWindow);
        }
        return new CongestionController(clock, initialWindow, maxWindow);
    }

    /** The current window, fractional. */
    public double window() {
        return window;
    }

    /** How many probes may be in flight now (at least one). */
    public int limit() {
        return Math.max(1, (int) window);
    }

    public double ssthresh() {
        return ssthresh;
    }

    public boolean inSlowStart() {
        return window < ssthresh;
    }

    /** How often the window was cut (undone cuts included). */
    public long cuts() {
        return cuts;
    }

    /** How often a cut was undone because the loss turned out random. */
    public long undone() {
        return undone;
    }

    /** The loss of the last complete block of answers. */
    public double recentLoss() {
        return lastBlockLoss;
    }

    /** The loss taken as random (not caused by the send rate). */
    public double lossFloor() {
        return floor;
    }

    /**
     * A probe was answered. {@code dropped}: only a retry of it was answered. {@code rttNanos}: the round trip of a
     * first-try answer, or negative when there is no valid sample.
     */
    public void onAnswer(boolean dropped, long rttNanos) {
        long now = clock.nanoTime();
        if (rttNanos >= 0) {
            addRtt(now, rttNanos);
        }
        if (cooling) {
            if (now - cooldownUntil < 0) {
                return;
            }
            cooling = false;
        }
        if (dropped) {
            blockDrops++;
        }
        if (++blockAnswers == BLOCK) {
            double loss = (double) blockDrops / BLOCK;
            lastBlockLoss = loss;
            blockAnswers = 0;
            blockDrops = 0;
            if (verifying) {
                verifyLossSum += loss;
                if (++verifyBlocks == 2) {
                    settleVerification(verifyLossSum / 2);
                }
            } else if (loss > floor + Math.max(LOSS_MARGIN, floor) && !elevated) {
                // one high block can be chance: hold the window and look at the next one
                elevated = true;
                elevatedLoss = loss;
            } else if (loss > floor + Math.max(LOSS_MARGIN, floor)) {
                elevated = false;
                suspectLoss = (elevatedLoss + loss) / 2;
                verifyBlocks = 0;
                verifyLossSum = 0;
                windowBeforeCut = window;
                verifying = true;
                cut(now);
                return;
            } else {
                elevated = false;
                // the floor only falls here, and only for a clearly lower block; it rises only by a test, so
                // congestion cannot creep into it
                if (loss < floor - SIGNIFICANCE * Math.sqrt(floor * (1 - floor) / BLOCK)) {
                    floor += (loss - floor) / 8;
                }
            }
        }
        if (rttInflated()) {
            // queues fill: that is congestion whatever the loss says
            verifying = false;
            elevated = false;
            cut(now);
            return;
        }
        if (!dropped && !elevated) {
            grow();
        }
    }

    /** A probe timed out without any answer: not congestion (no answer ever comes from a filtered port). */
    public void onUnanswered() {
        if (elevated || (cooling && clock.nanoTime() - cooldownUntil < 0)) {
            return;
        }
        grow();
    }

    private void settleVerification(double lower) {
        verifying = false;
        double pooled = (suspectLoss + lower) / 2;
        // both sides span two blocks
        double stdErr = Math.sqrt(pooled * (1 - pooled) * 2.0 / (2 * BLOCK));
        double fell = suspectLoss - lower;
        if ((fell > SIGNIFICANCE * stdErr && fell > LOSS_MARGIN / 2) || lower > SEVERE_LOSS) {
            // loss fell with the rate: congestion, the cut stands
            return;
        }
        // the same loss at half the rate: random loss, not ours to fix
        floor = pooled;
        window = Math.max(window, windowBeforeCut);
        // nothing showed a capacity limit: slow start may go on up to where loss rises above the new floor
        ssthresh = maxWindow;
        undone++;
    }

    private void grow() {
        window += window < ssthresh ? 1.0 : 1.0 / window;
        if (window > maxWindow) {
            window = maxWindow;
        }
    }

    private boolean rttInflated() {
        if (rttSamples < 8) {
            return false;
        }
        long min = Math.min(minRttCurrent, minRttPrevious);
        return srtt > RTT_FACTOR * min && srtt - min > RTT_MARGIN_NANOS;
    }

    private void cut(long now) {
        ssthresh = Math.max(MIN_WINDOW, window / 2);
        window = ssthresh;
        cuts++;
        cooling = true;
        cooldownUntil = now + Math.max(2 * srtt, MIN_COOLDOWN_NANOS);
        blockAnswers = 0;
        blockDrops = 0;
    }

    private void addRtt(long now, long rtt) {
        if (now - epochStart >= MIN_RTT_EPOCH_NANOS) {
            // two epochs, so the minimum follows a path whose base delay changed
            minRttPrevious = minRttCurrent;
            minRttCurrent = Long.MAX_VALUE;
            epochStart = now;
        }
        minRttCurrent = Math.min(minRttCurrent, rtt);
        srtt = rttSamples == 0 ? rtt : srtt + (rtt - srtt) / 8;
        rttSamples++;
    }

    @Override
    public String toString() {
        return String.format("cwnd=%.1f ssthresh=%.1f loss=%.3f floor=%.3f cuts=%d undone=%d", window, ssthresh,
                recentLoss(), floor, cuts, undone);
    }
}
