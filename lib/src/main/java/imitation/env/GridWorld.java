package imitation.env;

import java.util.ArrayList;
import java.util.List;

/**
 * An N×M grid with five actions (right, down, left, up, stay), wind (with probability {@code wind}
 * a uniformly random action is taken instead), and goal cells that pay a reward each step the agent
 * stands on them. States are cells, s = y·width + x with row y = 0 on top.
 *
 * <p>Features are one-hot indicators of square blocks of {@code blockSize}×{@code blockSize} cells
 * (block size 1: one feature per cell), as in the macro-cell grid worlds of Ng &amp; Russell (2000) and
 * Levine et al. (2011). The world is fully determined by its settings.
 */
public final class GridWorld {
    private GridWorld() {}

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settings. Defaults: 8×8, wind 0, block size 1, uniform start, horizon width + height, discount 1,
     * one goal of reward 1 in the bottom-right corner (used only if no goal is added).
     */
    public static final class Builder {
        private int width = 8;
        private int height = 8;
        private double wind;
        private int blockSize = 1;
        private int horizon;
        private double discount = 1;
        private final List<double[]> goals = new ArrayList<>();

        private Builder() {}

        /** A square size × size grid. */
        public Builder size(int size) {
            return size(size, size);
        }

        public Builder size(int width, int height) {
            Grid.checkSize("width", width);
            Grid.checkSize("height", height);
            this.width = width;
            this.height = height;
            return this;
        }

        /** Probability that a uniformly random action replaces the chosen one. Default 0. */
        public Builder wind(double wind) {
            Grid.checkWind(wind);
            this.wind = wind;
            return this;
        }

        /** Side of the square feature blocks. Default 1 (one-hot cells). */
        public Builder blockSize(int b) {
            Grid.checkSize("blockSize", b);
            blockSize = b;
            return this;
        }

        /** Episode and planning horizon. Default width + height. */
        public Builder horizon(int t) {
            Grid.checkSize("horizon", t);
            horizon = t;
            return this;
        }

        /** Discount in (0, 1]. Default 1. */
        public Builder discount(double gamma) {
            discount = gamma;
            return this;
        }

        /** Adds a goal cell paying {@code reward} per step spent on it. */
        public Builder goal(int x, int y, double reward) {
            if (x < 0 || y < 0 || x >= width || y >= height) {
                throw new IllegalArgumentException("goal (" + x + ", " + y + ") is outside the " + width + "×" + height
                        + " grid; set the size first, then add goals inside it");
            }
            if (!Double.isFinite(reward)) {
                throw new IllegalArgumentException("goal reward = " + reward + " must be finite");
            }
            goals.add(new double[] {x, y, reward});
            return this;
        }

        public TabularMdp build() {
            int bw = (width + blockSize - 1) / blockSize;
            int bh = (height + blockSize - 1) / blockSize;
            int cells = Grid.cells("GridWorld with blockSize " + blockSize + ": size", width, height, (long) bw * bh);
            double[][] features = new double[cells][bw * bh];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    features[y * width + x][(y / blockSize) * bw + x / blockSize] = 1;
                }
            }
            double[] reward = new double[width * height];
            if (goals.isEmpty()) {
                reward[width * height - 1] = 1;
            }
            for (double[] g : goals) {
                if (g[0] >= width || g[1] >= height) {
                    throw new IllegalArgumentException("goal (" + (int) g[0] + ", " + (int) g[1] + ") is outside the "
                            + width + "×" + height + " grid; add goals after setting the size");
                }
                reward[(int) g[1] * width + (int) g[0]] += g[2];
            }
            return Grid.moves(width, height, wind)
                    .features(features)
                    .discount(discount)
                    .horizon(horizon > 0 ? horizon : width + height)
                    .reward(reward)
                    .build();
        }
    }
}
