package imitation.nn;

import java.nio.FloatBuffer;

/**
 * Gated recurrent unit (Cho et al. 2014) in PyTorch's (and cuDNN's) form, where the reset gate scales the
 * recurrent product rather than the state, so each step needs a single product with {@code W_h}:
 * <pre>
 *   r = σ(x_t W_xr + h_{t−1} W_hr + b_r)                       reset gate
 *   z = σ(x_t W_xz + h_{t−1} W_hz + b_z)                       update gate
 *   n = tanh(x_t W_xn + b_n + r ⊙ (h_{t−1} W_hn + b_hn))      candidate
 *   h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
 * </pre>
 * The output is {@code h_t} for every step. Parameters: {@code W_x} ({@code in × 3h}), {@code W_h}
 * ({@code h × 3h}), both column-major with the gate blocks r, z, n side by side, then the biases
 * {@code b_r, b_z, b_n} ({@code 3h}) and {@code b_hn} ({@code h}). Weights start uniform in {@code ±1/√h},
 * biases at 0. State carrying and truncation: see {@link Recurrent}.
 */
final class Gru extends Recurrent {

    Gru(int in, int hidden) {
        super("gru", in, hidden, 3, 4 * hidden);
    }

    @Override
    int stateParts() {
        return 1;
    }

    @Override
    public Batch forward(Batch x, Params.View p, Cache cache) {
        State s = begin(x, cache);
        int n = x.sequences();
        int steps = x.steps;
        int rows = x.rows;
        int h = hidden;
        Batch y = cache.batch(0, rows, h, steps);
        Batch zx = cache.batch(1, rows, 3 * h, steps);
        Batch hn = cache.batch(2, rows, h, steps);
        Batch rec = cache.batch(3, n, 3 * h, 1);
        cache.output = y;
        float[] b = biases(p);
        inputProduct(p, x, zx);
        FloatBuffer zs = zx.data;
        FloatBuffer hs = hn.data;
        FloatBuffer rs = rec.data;
        FloatBuffer ys = y.data;
        FloatBuffer h0 = s.start[0].data;
        for (int t = 0; t < steps; t++) {
            int row = t * n;
            recurrentProduct(p, s, y, t, rec);
            for (int j = 0; j < h; j++) {
                int gr = j * rows + row;
                int gz = gr + h * rows;
                int gn = gz + h * rows;
                float br = b[j];
                float bz = b[h + j];
                float bn = b[2 * h + j];
                float bhn = b[3 * h + j];
                for (int q = 0; q < n; q++) {
                    int k = j * n + q;
                    float r = Activation.sigmoid(zs.get(gr + q) + br + rs.get(k));
                    float z = Activation.sigmoid(zs.get(gz + q) + bz + rs.get(h * n + k));
                    float hnv = rs.get(2 * h * n + k) + bhn;
                    float c = Activation.tanh(zs.get(gn + q) + bn + r * hnv);
                    float previous = t == 0 ? h0.get(k) : ys.get(gr + q - n);
                    zs.put(gr + q, r);
                    zs.put(gz + q, z);
                    zs.put(gn + q, c);
                    hs.put(gr + q, hnv);
                    ys.put(gr + q, (1 - z) * c + z * previous);
                }
            }
        }
        keep(y, rows - n, s.carried[0]);
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
        Batch zx = cache.batch(1, rows, 3 * h, steps);
        Batch hn = cache.batch(2, rows, h, steps);
        Batch dgx = cache.batch(4, rows, 3 * h, steps);
        Batch dgh = cache.batch(5, rows, 3 * h, steps);
        Batch dhNext = cache.batch(6, n, h, 1);
        float[] carry = new float[n * h];
        double[] db = new double[4 * h];
        FloatBuffer zs = zx.data;
        FloatBuffer hs = hn.data;
        FloatBuffer ys = y.data;
        FloatBuffer dys = dy.data;
        FloatBuffer dxs = dgx.data;
        FloatBuffer dhs = dgh.data;
        FloatBuffer next = dhNext.data;
        FloatBuffer h0 = s.start[0].data;
        for (int t = steps - 1; t >= 0; t--) {
            int row = t * n;
            boolean last = t == steps - 1;
            for (int j = 0; j < h; j++) {
                int gr = j * rows + row;
                int gz = gr + h * rows;
                int gn = gz + h * rows;
                double sr = 0;
                double sz = 0;
                double sn = 0;
                double shn = 0;
                for (int q = 0; q < n; q++) {
                    int k = j * n + q;
                    float dh = dys.get(gr + q) + (last ? 0f : next.get(k) + carry[k]);
                    float r = zs.get(gr + q);
                    float z = zs.get(gz + q);
                    float c = zs.get(gn + q);
                    float hnv = hs.get(gr + q);
                    float previous = t == 0 ? h0.get(k) : ys.get(gr + q - n);
                    float dn = dh * (1 - z) * (1 - c * c);
                    float dz = dh * (previous - c) * z * (1 - z);
                    float dr = dn * hnv * r * (1 - r);
                    float dhn = dn * r;
                    dxs.put(gr + q, dr);
                    dxs.put(gz + q, dz);
                    dxs.put(gn + q, dn);
                    dhs.put(gr + q, dr);
                    dhs.put(gz + q, dz);
                    dhs.put(gn + q, dhn);
                    carry[k] = dh * z;
                    sr += dr;
                    sz += dz;
                    sn += dn;
                    shn += dhn;
                }
                db[j] += sr;
                db[h + j] += sz;
                db[2 * h + j] += sn;
                db[3 * h + j] += shn;
            }
            if (t > 0) {
                stateGrad(p, dgh, t, dhNext);
            }
        }
        addBiasGrad(p, db);
        addRecurrentGrad(p, s, y, dgh, n);
        return inputGrad(p, cache, dgx);
    }

    @Override
    public String describe() {
        return "Gru(" + in + " → " + hidden + ")";
    }
}
