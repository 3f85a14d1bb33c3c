package imitation.nn;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * Long short-term memory (Hochreiter and Schmidhuber 1997, with the forget gate of Gers et al. 2000), in
 * PyTorch's gate order and equations, for input {@code x_t} and the previous state {@code (h_{t−1}, c_{t−1})}:
 * <pre>
 *   i = σ(x_t W_xi + h_{t−1} W_hi + b_i)      input gate
 *   f = σ(x_t W_xf + h_{t−1} W_hf + b_f)      forget gate
 *   g = tanh(x_t W_xg + h_{t−1} W_hg + b_g)   candidate cell
 *   o = σ(x_t W_xo + h_{t−1} W_ho + b_o)      output gate
 *   c_t = f ⊙ c_{t−1} + i ⊙ g,   h_t = o ⊙ tanh(c_t)
 * </pre>
 * The output is {@code h_t} for every step. Parameters: {@code W_x} ({@code in × 4h}), {@code W_h}
 * ({@code h × 4h}), both column-major with the gate blocks i, f, g, o side by side, then one bias {@code b}
 * ({@code 4h}; PyTorch's two biases sum to it). Weights start uniform in {@code ±1/√h}; the forget bias
 * starts at 1 so that the cell keeps its content early in training (Jozefowicz et al. 2015), the other
 * biases at 0. State carrying and truncation: see {@link Recurrent}.
 */
final class Lstm extends Recurrent {

    Lstm(int in, int hidden) {
        super("lstm", in, hidden, 4, 4 * hidden);
    }

    @Override
    public void initialise(Params.View p, SplittableRandom rng) {
        super.initialise(p, rng);
        for (int j = 0; j < hidden; j++) {
            p.set(biasOffset() + hidden + j, 1);
        }
    }

    @Override
    int stateParts() {
        return 2;
    }

    @Override
    public Batch forward(Batch x, Params.View p, Cache cache) {
        State s = begin(x, cache);
        int n = x.sequences();
        int steps = x.steps;
        int rows = x.rows;
        int h = hidden;
        Batch y = cache.batch(0, rows, h, steps);
        Batch z = cache.batch(1, rows, 4 * h, steps);
        Batch cells = cache.batch(2, rows, h, steps);
        Batch tanhCells = cache.batch(3, rows, h, steps);
        Batch rec = cache.batch(6, n, 4 * h, 1);
        cache.output = y;
        float[] b = biases(p);
        inputProduct(p, x, z);
        FloatBuffer zs = z.data;
        FloatBuffer cs = cells.data;
        FloatBuffer ts = tanhCells.data;
        FloatBuffer ys = y.data;
        FloatBuffer rs = rec.data;
        FloatBuffer c0 = s.start[1].data;
        for (int t = 0; t < steps; t++) {
            int row = t * n;
            // into a contiguous block (faster than adding into the rows of z)
            recurrentProduct(p, s, y, t, rec);
            // all four gates through one sigmoid over the block, vectorised for large blocks
            // (g = tanh(a) = 2σ(2a) − 1, so its pre-activation is doubled first)
            for (int k = 0; k < 4 * h; k++) {
                float scale = k >= 2 * h && k < 3 * h ? 2f : 1f;
                int gk = k * rows + row;
                int rk = k * n;
                float bk = b[k];
                for (int r = 0; r < n; r++) {
                    rs.put(rk + r, scale * (rs.get(rk + r) + zs.get(gk + r) + bk));
                }
            }
            Activation.SIGMOID.apply(rec, rec);
            for (int j = 0; j < h; j++) {
                int gi = j * rows + row;
                int gf = gi + h * rows;
                int gg = gf + h * rows;
                int go = gg + h * rows;
                int ri = j * n;
                int rf = ri + h * n;
                int rg = rf + h * n;
                int ro = rg + h * n;
                for (int r = 0; r < n; r++) {
                    float i = rs.get(ri + r);
                    float f = rs.get(rf + r);
                    float g = 2 * rs.get(rg + r) - 1;
                    float o = rs.get(ro + r);
                    zs.put(gi + r, i);
                    zs.put(gf + r, f);
                    zs.put(gg + r, g);
                    zs.put(go + r, o);
                    float previous = t == 0 ? c0.get(j * n + r) : cs.get(gi + r - n);
                    float c = f * previous + i * g;
                    float tc = Activation.tanh(c);
                    cs.put(gi + r, c);
                    ts.put(gi + r, tc);
                    ys.put(gi + r, o * tc);
                }
            }
        }
        keep(y, rows - n, s.carried[0]);
        keep(cells, rows - n, s.carried[1]);
        return y;
    }

    @Override
    public Batch backward(Batch dy, Params.View p, Cache cache) {
        State s = (State) cache;
        Batch y = cache.output;
        int n = y.sequences();
        int rows = y.rows;
        int steps = y.steps;
        int h = hidden;
        Batch z = cache.batch(1, rows, 4 * h, steps);
        Batch cells = cache.batch(2, rows, h, steps);
        Batch tanhCells = cache.batch(3, rows, h, steps);
        Batch dz = cache.batch(4, rows, 4 * h, steps);
        Batch dhNext = cache.batch(5, n, h, 1);
        float[] dcNext = new float[n * h];
        double[] db = new double[4 * h];
        FloatBuffer zs = z.data;
        FloatBuffer cs = cells.data;
        FloatBuffer ts = tanhCells.data;
        FloatBuffer dys = dy.data;
        FloatBuffer dzs = dz.data;
        FloatBuffer dhs = dhNext.data;
        FloatBuffer c0 = s.start[1].data;
        for (int t = steps - 1; t >= 0; t--) {
            int row = t * n;
            boolean last = t == steps - 1;
            for (int j = 0; j < h; j++) {
                int gi = j * rows + row;
                int gf = gi + h * rows;
                int gg = gf + h * rows;
                int go = gg + h * rows;
                double si = 0;
                double sf = 0;
                double sg = 0;
                double so = 0;
                for (int r = 0; r < n; r++) {
                    int k = j * n + r;
                    float dh = dys.get(gi + r) + (last ? 0f : dhs.get(k));
                    float i = zs.get(gi + r);
                    float f = zs.get(gf + r);
                    float g = zs.get(gg + r);
                    float o = zs.get(go + r);
                    float tc = ts.get(gi + r);
                    float dc = dh * o * (1 - tc * tc) + dcNext[k];
                    float previous = t == 0 ? c0.get(k) : cs.get(gi + r - n);
                    float di = dc * g * i * (1 - i);
                    float df = dc * previous * f * (1 - f);
                    float dg = dc * i * (1 - g * g);
                    float d0 = dh * tc * o * (1 - o);
                    dzs.put(gi + r, di);
                    dzs.put(gf + r, df);
                    dzs.put(gg + r, dg);
                    dzs.put(go + r, d0);
                    dcNext[k] = dc * f;
                    si += di;
                    sf += df;
                    sg += dg;
                    so += d0;
                }
                db[j] += si;
                db[h + j] += sf;
                db[2 * h + j] += sg;
                db[3 * h + j] += so;
            }
            if (t > 0) {
                stateGrad(p, dz, t, dhNext);
            }
        }
        addBiasGrad(p, db);
        addRecurrentGrad(p, s, y, dz, n);
        return inputGrad(p, cache, dz);
    }

    @Override
    public String describe() {
        return "Lstm(" + in + " → " + hidden + ")";
    }
}
