package imitation.env;

import java.util.SplittableRandom;

/**
 * Binaryworld (Wulfmeier, Ondrúška &amp; Posner 2015): an N×N grid with five actions and wind 0.3
 * whose cells are blue with probability 0.5, else red.
 *
 * <p>Features of a cell: the colours (1 blue, 0 red) of the nine cells of its 3×3 neighbourhood,
 * row by row (cells outside the grid count as red). True reward: +1 if exactly 4 of the 9 are blue,
 * −1 if exactly 5 are, 0 otherwise — a function no linear combination of the features can express,
 * which is why deep MaxEnt IRL beats linear MaxEnt here.
 */
public final class BinaryWorld {
    private BinaryWorld() {}

    public static Builder builder() {
        return new Builder();
    }

    /** Settings. Defaults: 32×32, blue probability 0.5, wind 0.3, horizon N, discount 1, seed 0. */
    public static final class Builder {
        private int size = 32;
        private double blue = 0.5;
        private double wind = 0.3;
        private int horizon;
        private double discount = 1;
        private long seed;

        private Builder() {}

        public Builder size(int n) {
            Grid.checkSize("size", n);
            size = n;
            return this;
        }

        /** Probability that a cell is blue. */
        public Builder blueProbability(double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("blueProbability = " + p + " must be in [0, 1]");
            }
            blue = p;
            return this;
        }

        public Builder wind(double w) {
            Grid.checkWind(w);
            wind = w;
            return this;
        }

        public Builder horizon(int t) {
            Grid.checkSize("horizon", t);
            horizon = t;
            return this;
        }

        public Builder discount(double gamma) {
            discount = gamma;
            return this;
        }

        /** Seed of the colour layout. */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        public TabularMdp build() {
            int cells = Grid.cells("BinaryWorld: size", size, size, 9);
            SplittableRandom rng = new SplittableRandom(seed);
            boolean[] isBlue = new boolean[cells];
            for (int s = 0; s < cells; s++) {
                isBlue[s] = rng.nextDouble() < blue;
            }
            double[][] features = new double[cells][9];
            double[] reward = new double[cells];
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int s = y * size + x;
                    int blues = 0;
                    int j = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int nx = x + dx;
                            int ny = y + dy;
                            boolean b = nx >= 0 && ny >= 0 && nx < size && ny < size && isBlue[ny * size + nx];
                            features[s][j++] = b ? 1 : 0;
                            blues += b ? 1 : 0;
                        }
                    }
                    reward[s] = blues == 4 ? 1 : blues == 5 ? -1 : 0;
                }
            }
            return Grid.moves(size, size, wind)
                    .features(features)
                    .discount(discount)
                    .horizon(horizon > 0 ? horizon : size)
                    .reward(reward)
                    .build();
        }
    }
}
