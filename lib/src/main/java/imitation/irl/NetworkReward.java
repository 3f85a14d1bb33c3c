package imitation.irl;

import imitation.env.TabularMdp;
import imitation.nn.Network;

/**
 * A reward network r(s) = f_θ((φ(s) − m) / d) with the feature means m and spreads d of the
 * training world, so the same standardisation applies on any world it is transferred to. Holds its
 * own copy of the network; safe to use from several threads.
 */
final class NetworkReward implements RewardModel {
    private final Network network;
    private final double[] mean;
    private final double[] spread;

    NetworkReward(Network network, double[] mean, double[] spread) {
        this.network = network.copy();
        this.mean = mean.clone();
        this.spread = spread.clone();
    }

    /** Feature means and spreads (standard deviation, 1 for constant columns) of {@code mdp}. */
    static double[][] statistics(TabularMdp mdp) {
        int n = mdp.states();
        int f = mdp.featureCount();
        double[] mean = new double[f];
        double[] spread = new double[f];
        for (int j = 0; j < f; j++) {
            double sum = 0;
            for (int s = 0; s < n; s++) {
                sum += mdp.feature(s, j);
            }
            mean[j] = sum / n;
            double sq = 0;
            for (int s = 0; s < n; s++) {
                double d = mdp.feature(s, j) - mean[j];
                sq += d * d;
            }
            double sd = Math.sqrt(sq / n);
            spread[j] = sd > 1e-12 ? sd : 1;
        }
        return new double[][] {mean, spread};
    }

    /** The standardised feature matrix of {@code mdp}. */
    static double[][] standardise(TabularMdp mdp, double[] mean, double[] spread) {
        double[][] x = mdp.features();
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (row[j] - mean[j]) / spread[j];
            }
        }
        return x;
    }

    @Override
    public int featureCount() {
        return mean.length;
    }

    @Override
    public double[] rewards(TabularMdp mdp) {
        checkFeatures(mdp);
        double[][] out = network.predict(standardise(mdp, mean, spread));
        double[] r = new double[out.length];
        for (int s = 0; s < r.length; s++) {
            r[s] = out[s][0];
        }
        return r;
    }
}
