package imitation.env;

/** Many CartPole episodes stepped in one loop over their state rows; shares {@link CartPole#advance}. */
final class CartPoleVec extends BufferedVecEnv {
    private static final Space ACTIONS = new Space.Discrete(2);
    private final boolean fixed;
    private final int horizon;
    private final boolean[] lost;
    private final int[] time;

    CartPoleVec(int count, boolean fixed, int horizon) {
        super(new double[checkedCount("vec: count", count)][4]);
        this.fixed = fixed;
        this.horizon = horizon;
        lost = new boolean[count];
        time = new int[count];
    }

    @Override
    public Space observationSpace() {
        return Space.Box.unbounded(4);
    }

    @Override
    public Space actionSpace() {
        return ACTIONS;
    }

    @Override
    public int horizon() {
        return horizon;
    }

    @Override
    public void reset(int slot, long seed) {
        checkSlot(slot);
        CartPole.initialState(seed, observations[slot], 0);
        rewards[slot] = 0;
        terminated[slot] = false;
        truncated[slot] = false;
        running[slot] = true;
        lost[slot] = false;
        time[slot] = 0;
    }

    @Override
    public void step(double[][] actions) {
        checkActionRows(actions);
        for (int i = 0; i < observations.length; i++) {
            if (!running[i]) {
                rewards[i] = 0;
                continue;
            }
            double[] a = actions[i];
            if (a == null || a.length != 1 || (a[0] != 0.0 && a[0] != 1.0)) {
                ACTIONS.check("action of slot " + i, a);
            }
            boolean out = CartPole.advance(observations[i], 0, a[0] == 1.0);
            int t = ++time[i];
            lost[i] |= out;
            boolean term = !fixed && out;
            boolean trunc = !term && t >= horizon;
            terminated[i] = term;
            truncated[i] = trunc;
            running[i] = !(term || trunc);
            rewards[i] = fixed ? (out ? 0 : 1) : 1;
        }
    }

    @Override
    public boolean succeeded(int slot) {
        checkSlot(slot);
        return !lost[slot] && time[slot] >= horizon;
    }
}
