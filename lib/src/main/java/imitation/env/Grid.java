package imitation.env;

/**
 * Moves on a width × height grid shared by the grid generators: state s = y·width + x (row y = 0 on
 * top), actions 0 right, 1 down, 2 left, 3 up, 4 stay; a move off the grid leaves the agent in place.
 * With probability {@code wind} the intended action is replaced by one of the five drawn uniformly ({@link #moves}),
 * or by one of the four others drawn uniformly ({@link #movesToOthers}, as in Levine et al.'s Objectworld code).
 */
final class Grid {
    static final int ACTIONS = 5;
    private static final int[] DX = {1, 0, -1, 0, 0};
    private static final int[] DY = {0, 1, 0, -1, 0};

    private Grid() {}

    static void checkSize(String what, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " = " + n + " must be at least 1");
        }
    }

    /** Number of cells of a width × height grid, once an MDP with {@code features} per cell is known to fit. */
    static int cells(String what, int width, int height, long features) {
        TabularMdp.checkFits(what + " " + width + "×" + height, (long) width * height, ACTIONS, features);
        return width * height;
    }

    static void checkWind(double wind) {
        if (!(wind >= 0 && wind <= 1)) {
            throw new IllegalArgumentException("wind = " + wind + " must be a probability in [0, 1]");
        }
    }

    /** A builder holding the grid's transitions; the wind may blow the agent the intended way too. */
    static TabularMdp.Builder moves(int width, int height, double wind) {
        return moves(width, height, wind, false);
    }

    /** A builder holding the grid's transitions; the intended move happens with probability 1 − wind exactly. */
    static TabularMdp.Builder movesToOthers(int width, int height, double wind) {
        return moves(width, height, wind, true);
    }

    private static TabularMdp.Builder moves(int width, int height, double wind, boolean othersOnly) {
        TabularMdp.Builder b = TabularMdp.builder(width * height, ACTIONS);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int s = y * width + x;
                for (int a = 0; a < ACTIONS; a++) {
                    for (int taken = 0; taken < ACTIONS; taken++) {
                        double p = othersOnly ? (taken == a ? 1 - wind : wind / (ACTIONS - 1))
                                : (taken == a ? 1 - wind : 0) + wind / ACTIONS;
                        int nx = x + DX[taken];
                        int ny = y + DY[taken];
                        int target = nx < 0 || ny < 0 || nx >= width || ny >= height ? s : ny * width + nx;
                        b.transition(s, a, target, p);
                    }
                }
            }
        }
        return b;
    }
}
