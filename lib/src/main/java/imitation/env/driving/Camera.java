package imitation.env.driving;

import java.util.Arrays;

/**
 * Renders the ground ahead of a car as a small grey image: a downward-looking camera that sees a
 * rectangle of ground {@code [near, far]} metres ahead and {@code ±span} metres to the side.
 *
 * <p>Each image row is a line across the car's path at one forward distance. Walking the centreline
 * from the car's nearest point, the renderer finds where the centreline crosses each of those lines
 * (its lateral position and the road's direction there), so a row is road where the lateral distance
 * to the crossing is below the road's half width measured along the row ({@code halfWidth / |cos α|},
 * α the road's angle to the car). Pixels on the road's edge get their covered fraction, so the image
 * changes smoothly with the car's pose. Only the stretch of road ahead of the car is drawn: rows the
 * centreline does not cross (for example when the car faces away from the road) stay dark. A camera
 * shifted sideways by {@code d} sees the same crossings moved by {@code -d}.
 *
 * <p>One instance holds scratch rows and is used by one thread; it allocates nothing per frame.
 */
final class Camera {
    final int height;
    final int width;
    final double near;
    final double far;
    final double span;
    private final double pixel;
    private final double[] rowForward;
    private final double[] rowLateral;
    private final double[] rowHalf;
    private final boolean[] rowSeen;
    /** The pose given to the last {@link #look}: position and the cosine and sine of the heading. */
    private double x;
    private double y;
    private double cos;
    private double sin;

    Camera(int height, int width, double near, double far, double span) {
        this.height = height;
        this.width = width;
        this.near = near;
        this.far = far;
        this.span = span;
        this.pixel = 2 * span / width;
        rowForward = new double[height];
        for (int r = 0; r < height; r++) {
            rowForward[r] = far - (far - near) * r / (height - 1);
        }
        rowLateral = new double[height];
        rowHalf = new double[height];
        rowSeen = new boolean[height];
    }

    /** Lateral position (metres, left positive) of the centre of pixel column {@code c}. */
    double columnLateral(int c) {
        return span - (c + 0.5) * pixel;
    }

    /** Forward distance (metres) of image row {@code r}. */
    double rowForward(int r) {
        return rowForward[r];
    }

    /**
     * Finds the centreline crossing of every row for a car at (x, y) with heading h whose nearest
     * centreline point is {@code nearest}; {@link #draw} then paints images from any sideways shift.
     */
    void look(Track track, double x, double y, double h, int nearest) {
        double c = Math.cos(h);
        double s = Math.sin(h);
        this.x = x;
        this.y = y;
        this.cos = c;
        this.sin = s;
        double[] tx = track.x;
        double[] ty = track.y;
        double[] th = track.heading;
        int n = tx.length;
        int maxWalk = (int) ((far + 2 * span) / track.spacing) + 8;
        int row = height - 1;
        int k = nearest - 4;
        if (k < 0) {
            k += n;
        }
        double prevF = Double.NaN;
        double prevL = 0;
        double prevH = 0;
        for (int step = 0; step < maxWalk && row >= 0; step++) {
            double dx = tx[k] - x;
            double dy = ty[k] - y;
            double f = forward(dx, dy);
            double l = lateral(dx, dy);
            double a = th[k];
            while (row >= 0 && f >= rowForward[row]) {
                if (prevF < rowForward[row]) {
                    double w = (rowForward[row] - prevF) / (f - prevF);
                    rowLateral[row] = prevL + w * (l - prevL);
                    double cosA = Math.abs(Math.cos(prevH + w * (a - prevH) - h));
                    rowHalf[row] = track.halfWidth() / Math.max(cosA, 0.2);
                    rowSeen[row] = true;
                } else {
                    rowSeen[row] = false;
                }
                row--;
            }
            prevF = f;
            prevL = l;
            prevH = a;
            if (++k == n) {
                k = 0;
                // headings are unwrapped along the lap, which turns once: keep the interpolation continuous
                prevH -= 2 * Math.PI;
            }
        }
        for (; row >= 0; row--) {
            rowSeen[row] = false;
        }
    }

    /** Paints the image seen from a camera shifted {@code shift} metres to the left into {@code out[offset..]}. */
    void draw(double shift, double[] out, int offset) {
        int p = offset;
        for (int r = 0; r < height; r++) {
            if (!rowSeen[r]) {
                Arrays.fill(out, p, p + width, 0.0);
                p += width;
                continue;
            }
            double centre = rowLateral[r] - shift;
            double half = rowHalf[r];
            for (int col = 0; col < width; col++) {
                double d = Math.abs(columnLateral(col) - centre);
                double v = (half - d) / pixel + 0.5;
                out[p++] = v <= 0 ? 0 : (v >= 1 ? 1 : v);
            }
        }
    }

    /**
     * Darkens a disc of {@code radius} metres centred at the world point ({@code worldX}, {@code worldY}) in the
     * image {@code out[offset..]} already drawn from the pose of the last {@link #look} with the camera shifted
     * {@code shift} metres to the left: each pixel is at most its distance outside the disc in pixels (0 inside,
     * a soft edge one pixel wide).
     */
    void drawDisc(double worldX, double worldY, double radius, double shift, double[] out, int offset) {
        double dx = worldX - x;
        double dy = worldY - y;
        double forward = forward(dx, dy);
        double lateral = lateral(dx, dy) - shift;
        if (forward + radius < near || forward - radius > far) {
            return;
        }
        // a pixel changes only if its darkness v = (d − radius) / pixel + 0.5 falls below its value (at most 1),
        // so only where d < radius + pixel / 2; half a pixel more is a margin for rounding
        double reach = radius + pixel;
        int first = (int) Math.max(0, Math.floor((span - lateral - reach) / pixel - 0.5));
        int last = (int) Math.min(width - 1, Math.ceil((span - lateral + reach) / pixel - 0.5));
        for (int r = 0; r < height; r++) {
            double df = rowForward[r] - forward;
            if (!(Math.abs(df) < reach)) {
                continue;
            }
            int p = offset + r * width + first;
            for (int col = first; col <= last; col++, p++) {
                double d = Math.hypot(df, columnLateral(col) - lateral);
                double v = (d - radius) / pixel + 0.5;
                if (v < out[p]) {
                    out[p] = v <= 0 ? 0 : v;
                }
            }
        }
    }

    /** Distance ahead of the car posed by the last {@link #look} of a point (dx, dy) metres from it. */
    private double forward(double dx, double dy) {
        return dx * cos + dy * sin;
    }

    /** Distance to the left of the car posed by the last {@link #look} of a point (dx, dy) metres from it. */
    private double lateral(double dx, double dy) {
        return dy * cos - dx * sin;
    }
}
