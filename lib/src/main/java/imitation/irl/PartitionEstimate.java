package imitation.irl;

import imitation.policy.Distribution;

/**
 * An importance-sampling estimate of a partition function {@code Z = ∫ f(x) dx} from samples {@code x_j} drawn
 * from a proposal {@code q} (or from a mixture, each sample with its weight {@code α_j}, Σα = 1):
 * <pre>
 * Ẑ = Σ_j α_j f(x_j) / q(x_j),      computed as  log Ẑ = logsumexp_j(log α_j + log f(x_j) − log q(x_j))
 * ESS = 1 / Σ_j w̃_j²,               w̃_j = α_j f(x_j)/q(x_j) / Ẑ   (the normalised importance weights)
 * </pre>
 * Everything stays in log space, so weights of e^1000 do not overflow. The effective sample size (Kish) says
 * how many samples the estimate really rests on: near the sample count when the proposal matches f, near 1 when
 * one weight dominates (the estimate has collapsed onto one sample and its variance is not to be trusted).
 *
 * @param logZ                the estimate {@code log Ẑ}
 * @param effectiveSampleSize {@code 1 / Σ w̃²}, between 1 and the number of samples with positive weight
 * @param weights             the normalised importance weights {@code w̃_j} (a copy), summing to 1
 */
public record PartitionEstimate(double logZ, double effectiveSampleSize, double[] weights) {

    public PartitionEstimate {
        weights = weights.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** Number of samples. */
    public int samples() {
        return weights.length;
    }

    /** Whether the effective sample size is below {@code minimum}: the estimate rests on too few samples. */
    public boolean collapsed(double minimum) {
        return effectiveSampleSize < minimum;
    }

    /** The estimate from samples of one proposal, equally weighted. */
    public static PartitionEstimate of(double[] logF, double[] logQ) {
        int n = logF == null ? 0 : logF.length;
        double[] logAlpha = new double[n];
        java.util.Arrays.fill(logAlpha, -Math.log(Math.max(n, 1)));
        return of(logF, logQ, logAlpha);
    }

    /**
     * The estimate from samples with mixture weights: {@code logAlpha[j] = log α_j} (they are normalised here, so
     * any common offset is fine).
     *
     * @throws IllegalArgumentException for null, empty or mismatched arrays, a NaN or +∞ {@code log f}, a
     *     non-finite {@code log q} (a sample the proposal cannot draw), or no sample with positive weight
     */
    public static PartitionEstimate of(double[] logF, double[] logQ, double[] logAlpha) {
        if (logF == null || logQ == null || logAlpha == null) {
            throw new IllegalArgumentException("partition estimate: " + (logF == null ? "logF" : logQ == null ? "logQ" : "logAlpha")
                    + " is null; pass one value per sample");
        }
        int n = logF.length;
        if (n == 0) {
            throw new IllegalArgumentException("partition estimate: no samples; draw at least one sample from the proposal");
        }
        if (logQ.length != n || logAlpha.length != n) {
            throw new IllegalArgumentException("partition estimate: " + n + " values of log f but " + logQ.length
                    + " of log q and " + logAlpha.length + " of log α; pass one of each per sample");
        }
        double[] a = new double[n];
        for (int j = 0; j < n; j++) {
            if (Double.isNaN(logF[j]) || logF[j] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("partition estimate: logF[" + j + "] = " + logF[j]
                        + "; the unnormalised log-density must be finite or −∞ (a diverged cost gives NaN)");
            }
            if (!Double.isFinite(logQ[j])) {
                throw new IllegalArgumentException("partition estimate: logQ[" + j + "] = " + logQ[j]
                        + "; every sample must have a finite log-density under the proposal that drew it");
            }
            if (Double.isNaN(logAlpha[j]) || logAlpha[j] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("partition estimate: logAlpha[" + j + "] = " + logAlpha[j]
                        + "; mixture weights must be finite or −∞ (weight 0)");
            }
            a[j] = logAlpha[j] + logF[j] - logQ[j];
        }
        double logSum = Distribution.logSumExp(a);
        double logNorm = Distribution.logSumExp(logAlpha);
        if (logSum == Double.NEGATIVE_INFINITY || logNorm == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("partition estimate: every sample has weight 0 (log f or log α is −∞"
                    + " for all " + n + "); draw samples where f is positive");
        }
        double[] w = new double[n];
        double sumSquares = 0;
        for (int j = 0; j < n; j++) {
            w[j] = Math.exp(a[j] - logSum);
            sumSquares += w[j] * w[j];
        }
        return new PartitionEstimate(logSum - logNorm, 1 / sumSquares, w);
    }
}
