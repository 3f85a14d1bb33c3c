package imitation.env;

import java.util.SplittableRandom;

/**
 * Objectworld (Levine, Popović &amp; Koltun 2011): an N×N grid with five actions and wind 0.3, where
 * objects sit on random cells, each with an inner and an outer colour drawn from C colours.
 *
 * <p>True reward: +1 in cells within (Euclidean) distance 3 of an object of outer colour 0 and within
 * distance 2 of an object of outer colour 1; −1 in cells within distance 3 of outer colour 0 only;
 * 0 elsewhere. Features, for each colour c and each of inner/outer: either the continuous distance to
 * the nearest object of that colour (2C features; a colour with no object gets the grid diagonal), or
 * the binary indicators "nearest object of that colour within distance d" for d = 1..N (2C·N
 * features). The reward is a nonlinear function of either feature set.
 */
public final class ObjectWorld {
    private ObjectWorld() {}

    /** Which features the states carry. */
    public enum Features {
        /** Distance to the nearest object of each inner and each outer colour (2C features). */
        CONTINUOUS,
        /** Indicators "nearest object of colour c within distance d", d = 1..N (2C·N features). */
        BINARY
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settings. Defaults: 32×32, max(2, round(N²/20)) objects, 2 colours, wind 0.3, continuous
     * features, horizon N, discount 1, seed 0.
     */
    public static final class Builder {
        private int size = 32;
        private int objects = -1;
        private int colours = 2;
        private double wind = 0.3;
        private Features kind = Features.CONTINUOUS;
        private int horizon;
        private double discount = 1;
        private long seed;

        private Builder() {}

        public Builder size(int n) {
            Grid.checkSize("size", n);
            size = n;
            return this;
        }

        /** Number of objects (distinct cells). */
        public Builder objects(int count) {
            Grid.checkSize("objects", count);
            objects = count;
            return this;
        }

        /** Number of colours C ≥ 2 (the reward uses colours 0 and 1). */
        public Builder colours(int c) {
            if (c < 2) {
                throw new IllegalArgumentException("colours = " + c + " must be at least 2: the reward rule uses colours 0 and 1");
            }
            colours = c;
            return this;
        }

        public Builder wind(double w) {
            Grid.checkWind(w);
            wind = w;
            return this;
        }

        public Builder features(Features k) {
            kind = java.util.Objects.requireNonNull(k, "features");
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

        /** Seed of the object layout. */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        public TabularMdp build() {
            int cells = Grid.cells("ObjectWorld: size", size, size,
                    kind == Features.BINARY ? 2L * colours * size : 2L * colours);
            int count = objects > 0 ? objects : Math.max(2, Math.round(cells / 20f));
            if (count > cells) {
                throw new IllegalArgumentException("objects = " + count + " do not fit on " + cells + " cells; use fewer");
            }
            SplittableRandom rng = new SplittableRandom(seed);
            boolean[] taken = new boolean[cells];
            int[] cell = new int[count];
            int[] inner = new int[count];
            int[] outer = new int[count];
            for (int i = 0; i < count; i++) {
                int c;
                do {
                    c = rng.nextInt(cells);
                } while (taken[c]);
                taken[c] = true;
                cell[i] = c;
                inner[i] = rng.nextInt(colours);
                outer[i] = rng.nextInt(colours);
            }
            double diagonal = Math.sqrt(2.0) * size;
            // distance[s][2c] to the nearest inner colour c, distance[s][2c+1] to the nearest outer colour c
            double[][] distance = new double[cells][2 * colours];
            for (int s = 0; s < cells; s++) {
                java.util.Arrays.fill(distance[s], diagonal);
                int x = s % size;
                int y = s / size;
                for (int i = 0; i < count; i++) {
                    double d = Math.hypot(x - cell[i] % size, y - cell[i] / size);
                    distance[s][2 * inner[i]] = Math.min(distance[s][2 * inner[i]], d);
                    distance[s][2 * outer[i] + 1] = Math.min(distance[s][2 * outer[i] + 1], d);
                }
            }
            double[] reward = new double[cells];
            for (int s = 0; s < cells; s++) {
                boolean nearOuter0 = distance[s][1] <= 3;
                boolean nearOuter1 = distance[s][3] <= 2;
                reward[s] = nearOuter0 ? (nearOuter1 ? 1 : -1) : 0;
            }
            double[][] features = distance;
            if (kind == Features.BINARY) {
                features = new double[cells][2 * colours * size];
                for (int s = 0; s < cells; s++) {
                    for (int j = 0; j < 2 * colours; j++) {
                        for (int d = 1; d <= size; d++) {
                            features[s][j * size + d - 1] = distance[s][j] <= d ? 1 : 0;
                        }
                    }
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
