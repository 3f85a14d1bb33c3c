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
 *
 * <p>The default ({@link Definition#PROJECT}) differs from the code Levine et al. published with the paper
 * (objectworldbuild.m, objectworldfeatures.m) in three ways; {@link Definition#LEVINE_2011} follows that code:
 * <table>
 *   <caption>ObjectWorld definitions</caption>
 *   <tr><th></th><th>PROJECT</th><th>LEVINE_2011</th></tr>
 *   <tr><td>action noise</td><td>with probability wind a uniformly drawn move out of all five (the intended one
 *       included: it happens with probability 1 − wind + wind/5)</td><td>with probability wind one of the four
 *       other moves (the intended one happens with probability exactly 1 − wind)</td></tr>
 *   <tr><td>distance rule</td><td>within means ≤: reward tests d ≤ 3 and d ≤ 2, binary features d ≤ k for
 *       k = 1..N</td><td>within means &lt;: d &lt; 3 and d &lt; 2, binary features d &lt; k for k = 1..N−1</td></tr>
 *   <tr><td>object placement</td><td>a fixed number of objects on distinct random cells, both colours uniform</td>
 *       <td>every cell holds an object with probability 0.05; outer colours are placed in rounds of two (so colours 0
 *       and 1 always take part), inner colours uniform</td></tr>
 * </table>
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

    /** Which definition of the world to build; see the class comment for the differences. */
    public enum Definition {
        /** This project's: noise over all five moves, distances tested with ≤, a fixed number of objects. */
        PROJECT,
        /** Levine et al. 2011's code: noise over the four other moves, distances tested with &lt;, objects per cell with probability 0.05. */
        LEVINE_2011
    }

    /** Probability that a cell holds an object under {@link Definition#LEVINE_2011} (the code's placement_prob). */
    static final double PLACEMENT_PROBABILITY = 0.05;

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
        private Definition definition = Definition.PROJECT;

        private Builder() {}

        /** {@link Definition#PROJECT} (default) or the paper's code, {@link Definition#LEVINE_2011}. */
        public Builder definition(Definition d) {
            definition = java.util.Objects.requireNonNull(d, "definition");
            return this;
        }

        public Builder size(int n) {
            Grid.checkSize("size", n);
            size = n;
            return this;
        }

        /** Number of objects (distinct cells); {@link Definition#PROJECT} only (the paper's places them per cell). */
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
            boolean paper = definition == Definition.LEVINE_2011;
            if (paper && objects > 0) {
                throw new IllegalArgumentException("objects = " + objects + " with definition LEVINE_2011, which places"
                        + " an object on each cell with probability " + PLACEMENT_PROBABILITY
                        + "; drop objects(...) or use Definition.PROJECT");
            }
            if (paper && kind == Features.BINARY && size < 2) {
                throw new IllegalArgumentException("size = " + size + " with LEVINE_2011 binary features, which test"
                        + " distance < k for k = 1..size−1; use a size of at least 2");
            }
            int thresholds = paper ? size - 1 : size;
            int cells = Grid.cells("ObjectWorld: size", size, size,
                    kind == Features.BINARY ? 2L * colours * thresholds : 2L * colours);
            SplittableRandom rng = new SplittableRandom(seed);
            int[][] placed = paper ? placePerCell(cells, rng) : placeCount(cells, rng);
            int[] cell = placed[0];
            int[] inner = placed[1];
            int[] outer = placed[2];
            int count = cell.length;
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
                boolean nearOuter0 = paper ? distance[s][1] < 3 : distance[s][1] <= 3;
                boolean nearOuter1 = paper ? distance[s][3] < 2 : distance[s][3] <= 2;
                reward[s] = nearOuter0 ? (nearOuter1 ? 1 : -1) : 0;
            }
            double[][] features = distance;
            if (kind == Features.BINARY) {
                features = new double[cells][2 * colours * thresholds];
                for (int s = 0; s < cells; s++) {
                    for (int j = 0; j < 2 * colours; j++) {
                        for (int d = 1; d <= thresholds; d++) {
                            boolean within = paper ? distance[s][j] < d : distance[s][j] <= d;
                            features[s][j * thresholds + d - 1] = within ? 1 : 0;
                        }
                    }
                }
            }
            return (paper ? Grid.movesToOthers(size, size, wind) : Grid.moves(size, size, wind))
                    .features(features)
                    .discount(discount)
                    .horizon(horizon > 0 ? horizon : size)
                    .reward(reward)
                    .build();
        }
    
        /** {cells, inner colours, outer colours} of max(2, round(N²/20)) objects (or the set count) on distinct cells. */
        private int[][] placeCount(int cells, SplittableRandom rng) {
            int count = objects > 0 ? objects : Math.max(2, Math.round(cells / 20f));
            if (count > cells) {
                throw new IllegalArgumentException("objects = " + count + " do not fit on " + cells + " cells; use fewer");
            }
            boolean[] taken = new boolean[cells];
            int[][] out = new int[3][count];
            for (int i = 0; i < count; i++) {
                int c;
                do {
                    c = rng.nextInt(cells);
                } while (taken[c]);
                taken[c] = true;
                out[0][i] = c;
                out[1][i] = rng.nextInt(colours);
                out[2][i] = rng.nextInt(colours);
            }
            return out;
        }

        /**
         * Levine et al.'s placement: in round k (k = 0, 1, ...) every empty cell gets an object with probability
         * 0.05 and outer colour 2k or 2k + 1 (half the probability and colour 2k alone for an odd last colour);
         * inner colours are uniform.
         */
        private int[][] placePerCell(int cells, SplittableRandom rng) {
            java.util.List<int[]> objectsPlaced = new java.util.ArrayList<>();
            boolean[] taken = new boolean[cells];
            for (int first = 0; first < colours; first += 2) {
                boolean single = first + 1 == colours;
                double p = single ? PLACEMENT_PROBABILITY / 2 : PLACEMENT_PROBABILITY;
                for (int c = 0; c < cells; c++) {
                    if (!taken[c] && rng.nextDouble() < p) {
                        taken[c] = true;
                        int outerColour = single ? first : first + rng.nextInt(2);
                        objectsPlaced.add(new int[] {c, rng.nextInt(colours), outerColour});
                    }
                }
            }
            int[][] out = new int[3][objectsPlaced.size()];
            for (int i = 0; i < objectsPlaced.size(); i++) {
                for (int k = 0; k < 3; k++) {
                    out[k][i] = objectsPlaced.get(i)[k];
                }
            }
            return out;
        }
}
}
