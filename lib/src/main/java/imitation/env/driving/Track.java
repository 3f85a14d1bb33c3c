package imitation.env.driving;

import java.util.SplittableRandom;

/**
 * A closed road drawn from a seed: a smooth centreline with varied curvature and a fixed width.
 *
 * <p>The centreline is a star-shaped curve in polar form,
 * {@code r(φ) = R·(1 + Σ_{k=2}^{K+1} a_k cos(kφ + p_k))}, with random phases and random amplitudes
 * (weighted towards low orders) whose sum is between half and all of {@code wiggle}. It is driven counter-clockwise and stored at points equally spaced in arc length, each
 * with its heading and signed curvature {@code κ = (r² + 2r'² − r r'') / (r² + r'²)^{3/2}} (positive
 * means a left turn). A draw is kept only when the road is drivable: its tightest radius of curvature
 * is at least {@link Builder#minCurveRadius} and parts of the road that are far apart along the track
 * stay at least 1.5 road widths apart; otherwise the generator draws again, up to
 * {@value #ATTEMPTS} times, and then explains which parameter to relax.
 *
 * <pre>{@code
 * Track track = Track.builder().meanRadius(40).wiggle(0.3).seed(7).build();
 * }</pre>
 */
public final class Track {
    static final int ATTEMPTS = 200;

    private final long seed;
    private final double halfWidth;
    private final double length;
    final double spacing;
    final double[] x;
    final double[] y;
    final double[] heading;
    final double[] curvature;
    /** Unit tangent of each point (cos and sin of the heading), kept for the projection in the step loop. */
    final double[] tx;
    final double[] ty;
    private final double minRadius;

    private Track(long seed, double halfWidth, double length, double[] x, double[] y, double[] heading,
            double[] curvature) {
        this.seed = seed;
        this.halfWidth = halfWidth;
        this.length = length;
        this.spacing = length / x.length;
        this.x = x;
        this.y = y;
        this.heading = heading;
        this.curvature = curvature;
        this.tx = new double[x.length];
        this.ty = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            tx[i] = Math.cos(heading[i]);
            ty[i] = Math.sin(heading[i]);
        }
        double maxK = 0;
        for (double k : curvature) {
            maxK = Math.max(maxK, Math.abs(k));
        }
        this.minRadius = 1 / maxK;
    }

    /**
     * A stadium: two straights of {@code straight} metres joined by half circles of {@code radius}
     * metres, driven counter-clockwise from the start of the lower straight. Not random (its seed is 0);
     * its straights make the camera and the dynamics easy to check by hand.
     */
    public static Track stadium(double straight, double radius, double roadWidth) {
        if (!(straight >= 0) || Double.isInfinite(straight)) {
            throw new IllegalArgumentException("Track.stadium: straight = " + straight + " m must be finite and >= 0");
        }
        if (!(roadWidth > 0) || !(radius >= roadWidth) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("Track.stadium: radius = " + radius + " m and roadWidth = " + roadWidth
                    + " m need 0 < roadWidth <= radius (a tighter bend folds the inside edge over itself)");
        }
        double arc = Math.PI * radius;
        double total = 2 * straight + 2 * arc;
        int n = (int) Math.max(16, Math.round(total / Math.min(0.5, roadWidth / 4)));
        double[] px = new double[n];
        double[] py = new double[n];
        double[] ph = new double[n];
        double[] pk = new double[n];
        for (int i = 0; i < n; i++) {
            double s = total * i / n;
            double h;
            if (s < straight) {
                px[i] = -straight / 2 + s;
                py[i] = -radius;
                h = 0;
            } else if (s < straight + arc) {
                h = (s - straight) / radius;
                px[i] = straight / 2 + radius * Math.sin(h);
                py[i] = -radius * Math.cos(h);
                pk[i] = 1 / radius;
            } else if (s < 2 * straight + arc) {
                px[i] = straight / 2 - (s - straight - arc);
                py[i] = radius;
                h = Math.PI;
            } else {
                h = Math.PI + (s - 2 * straight - arc) / radius;
                px[i] = -straight / 2 + radius * Math.sin(h);
                py[i] = -radius * Math.cos(h);
                pk[i] = 1 / radius;
            }
            ph[i] = h;
        }
        return new Track(0, roadWidth / 2, total, px, py, ph, pk);
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The seed the track was drawn from. */
    public long seed() {
        return seed;
    }

    /** Length of the centreline in metres (one lap). */
    public double length() {
        return length;
    }

    /** Half the road width in metres: the car leaves the road when its lateral offset exceeds it. */
    public double halfWidth() {
        return halfWidth;
    }

    /** Tightest radius of curvature of the centreline, in metres. */
    public double minCurveRadius() {
        return minRadius;
    }

    /** Number of stored centreline points. */
    public int points() {
        return x.length;
    }

    /** Distance in metres between consecutive stored points. */
    public double spacing() {
        return spacing;
    }

    /** x coordinate of centreline point {@code i} (indices wrap around). */
    public double x(int i) {
        return x[wrap(i)];
    }

    /** y coordinate of centreline point {@code i} (indices wrap around). */
    public double y(int i) {
        return y[wrap(i)];
    }

    /** Heading (radians, direction of travel) at centreline point {@code i} (indices wrap around). */
    public double heading(int i) {
        return heading[wrap(i)];
    }

    /** Signed curvature (1/m, positive = left turn) at centreline point {@code i} (indices wrap around). */
    public double curvature(int i) {
        return curvature[wrap(i)];
    }

    /** Curvature at arc length {@code s} (any real number; wraps around the lap), linearly interpolated. */
    public double curvatureAt(double s) {
        double u = s / spacing;
        double f = Math.floor(u);
        int i = wrap((long) f);
        int j = i + 1 == x.length ? 0 : i + 1;
        double w = u - f;
        return curvature[i] * (1 - w) + curvature[j] * w;
    }

    /**
     * The centreline and both road edges as closed polylines for drawing: rows {@code centreX, centreY,
     * leftX, leftY, rightX, rightY}, each with {@link #points()} + 1 values (the first point repeated).
     */
    public double[][] outline() {
        int n = x.length;
        double[][] out = new double[6][n + 1];
        for (int k = 0; k <= n; k++) {
            int i = k % n;
            double nx = -Math.sin(heading[i]);
            double ny = Math.cos(heading[i]);
            out[0][k] = x[i];
            out[1][k] = y[i];
            out[2][k] = x[i] + halfWidth * nx;
            out[3][k] = y[i] + halfWidth * ny;
            out[4][k] = x[i] - halfWidth * nx;
            out[5][k] = y[i] - halfWidth * ny;
        }
        return out;
    }

    /** Index of the centreline point nearest to (px, py), by a search over every point. */
    int nearest(double px, double py) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            double dx = px - x[i];
            double dy = py - y[i];
            double d = dx * dx + dy * dy;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    /**
     * Index of the centreline point nearest to (px, py), found by walking downhill from {@code hint};
     * exact as long as the point moved less than a few metres since the hint was computed.
     */
    int nearest(double px, double py, int hint) {
        int i = hint;
        double d = dist2(px, py, i);
        while (true) {
            int next = i + 1 == x.length ? 0 : i + 1;
            double dn = dist2(px, py, next);
            if (dn < d) {
                i = next;
                d = dn;
                continue;
            }
            int prev = i == 0 ? x.length - 1 : i - 1;
            double dp = dist2(px, py, prev);
            if (dp < d) {
                i = prev;
                d = dp;
                continue;
            }
            return i;
        }
    }

    private double dist2(double px, double py, int i) {
        double dx = px - x[i];
        double dy = py - y[i];
        return dx * dx + dy * dy;
    }

    int wrap(long i) {
        long n = x.length;
        long r = i % n;
        return (int) (r < 0 ? r + n : r);
    }

    /**
     * Configures the track generator. Defaults: mean radius 40 m, road width 6 m, wiggle 0.35, 3
     * harmonics, minimum radius of curvature 12 m, point spacing 0.5 m, seed 0.
     */
    public static final class Builder {
        private double meanRadius = 40;
        private double roadWidth = 6;
        private double wiggle = 0.35;
        private int harmonics = 3;
        private double minCurveRadius = 12;
        private double spacing = 0.5;
        private long seed;

        private Builder() {}

        /** Mean distance R of the centreline from the track's centre, in metres. Default 40. */
        public Builder meanRadius(double metres) {
            this.meanRadius = metres;
            return this;
        }

        /** Full width of the road in metres. Default 6. */
        public Builder roadWidth(double metres) {
            this.roadWidth = metres;
            return this;
        }

        /**
         * How far the centreline departs from a circle: the harmonic amplitudes sum to between half and
         * all of this fraction of R. 0 gives a circle. Default 0.35; must be in [0, 0.9].
         */
        public Builder wiggle(double fraction) {
            this.wiggle = fraction;
            return this;
        }

        /** Number K of harmonics (orders 2..K+1) shaping the centreline. Default 3; 1 to 8. */
        public Builder harmonics(int k) {
            this.harmonics = k;
            return this;
        }

        /**
         * Tightest allowed bend: the centreline's radius of curvature must stay at least this, in
         * metres. It must lie between the road width and R. Default 12.
         */
        public Builder minCurveRadius(double metres) {
            this.minCurveRadius = metres;
            return this;
        }

        /** Arc-length spacing of the stored centreline points, in metres. Default 0.5. */
        public Builder spacing(double metres) {
            this.spacing = metres;
            return this;
        }

        /** Seed of the random shape. Default 0. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Draws the track, or explains which parameter makes a valid one impossible. */
        public Track build() {
            positive("meanRadius", meanRadius);
            positive("roadWidth", roadWidth);
            positive("spacing", spacing);
            positive("minCurveRadius", minCurveRadius);
            if (!(wiggle >= 0 && wiggle <= 0.9)) {
                throw new IllegalArgumentException("Track: wiggle = " + wiggle
                        + " must be in [0, 0.9]; 0 is a circle, 0.2-0.4 gives varied bends");
            }
            if (harmonics < 1 || harmonics > 8) {
                throw new IllegalArgumentException("Track: harmonics = " + harmonics + " must be in [1, 8]");
            }
            if (minCurveRadius < roadWidth) {
                throw new IllegalArgumentException("Track: minCurveRadius = " + minCurveRadius
                        + " is below roadWidth = " + roadWidth
                        + "; the inside edge of such a bend folds over itself: raise minCurveRadius or narrow the road");
            }
            if (minCurveRadius > meanRadius) {
                throw new IllegalArgumentException("Track: minCurveRadius = " + minCurveRadius
                        + " exceeds meanRadius = " + meanRadius
                        + "; every closed track bends tighter than its mean radius somewhere, so no track is valid: "
                        + "raise meanRadius or lower minCurveRadius");
            }
            if (spacing > roadWidth / 4) {
                throw new IllegalArgumentException("Track: spacing = " + spacing + " m is coarse for a road "
                        + roadWidth + " m wide; use at most roadWidth / 4 = " + roadWidth / 4);
            }
            SplittableRandom rng = new SplittableRandom(seed);
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                double[] amp = new double[harmonics];
                double[] phase = new double[harmonics];
                double sum = 0;
                for (int k = 0; k < harmonics; k++) {
                    amp[k] = rng.nextDouble() / (k + 2);
                    phase[k] = rng.nextDouble(2 * Math.PI);
                    sum += amp[k];
                }
                double scale = wiggle * rng.nextDouble(0.5, 1) / sum;
                for (int k = 0; k < harmonics; k++) {
                    amp[k] *= scale;
                }
                Track t = trace(amp, phase);
                if (t != null) {
                    return t;
                }
            }
            throw new IllegalArgumentException("Track: no valid track in " + ATTEMPTS + " draws with meanRadius = "
                    + meanRadius + ", roadWidth = " + roadWidth + ", wiggle = " + wiggle + ", harmonics = "
                    + harmonics + ", minCurveRadius = " + minCurveRadius
                    + "; the bends come out too tight or the road touches itself: lower wiggle or harmonics, "
                    + "or raise meanRadius");
        }

        /** The track of one draw, or null when it is not drivable. */
        private Track trace(double[] amp, double[] phase) {
            int fine = 16384;
            double[] cum = new double[fine + 1];
            double prevSpeed = polarSpeed(amp, phase, 0);
            for (int m = 1; m <= fine; m++) {
                double phi = 2 * Math.PI * m / fine;
                double sp = polarSpeed(amp, phase, phi);
                if (Double.isNaN(sp)) {
                    return null;
                }
                cum[m] = cum[m - 1] + 0.5 * (sp + prevSpeed) * (2 * Math.PI / fine);
                prevSpeed = sp;
            }
            double total = cum[fine];
            int n = (int) Math.round(total / spacing);
            double[] px = new double[n];
            double[] py = new double[n];
            double[] ph = new double[n];
            double[] pk = new double[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                double s = total * i / n;
                while (cum[m + 1] < s) {
                    m++;
                }
                double w = (s - cum[m]) / (cum[m + 1] - cum[m]);
                double phi = 2 * Math.PI * (m + w) / fine;
                double[] r = radius(amp, phase, phi);
                double c = Math.cos(phi);
                double sn = Math.sin(phi);
                px[i] = r[0] * c;
                py[i] = r[0] * sn;
                double dx = r[1] * c - r[0] * sn;
                double dy = r[1] * sn + r[0] * c;
                double h = Math.atan2(dy, dx);
                if (i > 0) {
                    h = ph[i - 1] + Math.IEEEremainder(h - ph[i - 1], 2 * Math.PI);
                }
                ph[i] = h;
                double q = r[0] * r[0] + r[1] * r[1];
                pk[i] = (q + r[1] * r[1] - r[0] * r[2]) / (q * Math.sqrt(q));
                if (Math.abs(pk[i]) * minCurveRadius > 1) {
                    return null;
                }
            }
            double clearance = 1.5 * roadWidth;
            int skip = (int) Math.ceil(Math.PI * minCurveRadius / (total / n));
            for (int i = 0; i < n; i += 2) {
                for (int j = i + skip; j < n - skip + i && j < n; j += 2) {
                    double dx = px[i] - px[j];
                    double dy = py[i] - py[j];
                    if (dx * dx + dy * dy < clearance * clearance) {
                        return null;
                    }
                }
            }
            return new Track(seed, roadWidth / 2, total, px, py, ph, pk);
        }

        /** {@code |d(x, y)/dφ|}, or NaN when the radius is not positive there. */
        private double polarSpeed(double[] amp, double[] phase, double phi) {
            double[] r = radius(amp, phase, phi);
            return r[0] <= 0 ? Double.NaN : Math.sqrt(r[0] * r[0] + r[1] * r[1]);
        }

        /** r(φ), r'(φ), r''(φ). */
        private double[] radius(double[] amp, double[] phase, double phi) {
            double r = 1;
            double d1 = 0;
            double d2 = 0;
            for (int k = 0; k < amp.length; k++) {
                int order = k + 2;
                double a = order * phi + phase[k];
                r += amp[k] * Math.cos(a);
                d1 -= amp[k] * order * Math.sin(a);
                d2 -= amp[k] * order * order * Math.cos(a);
            }
            return new double[] {meanRadius * r, meanRadius * d1, meanRadius * d2};
        }

        private static void positive(String name, double v) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("Track: " + name + " = " + v + " must be a positive finite number");
            }
        }
    }
}
