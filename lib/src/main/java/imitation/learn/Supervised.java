package imitation.learn;

import imitation.nn.Batch;
import imitation.nn.Network;
import imitation.nn.Optimizer;
import imitation.nn.Tape;
import java.util.SplittableRandom;

/**
 * The one supervised training loop of the learners: minibatch optimiser steps over seeded, shuffled epochs
 * of a fixed training set, with a {@link Listener} called every {@code logEvery} steps (logging, validation,
 * evaluation, early stopping, progress). What is learned is an {@link Objective}: the loss of the network's
 * raw outputs on a set of rows, and its gradient with respect to them; the loop does the rest
 * (forward, backward, step). Stops cleanly, keeping what was learned, when its thread is interrupted.
 */
final class Supervised {

    /** The loss of a minibatch and its gradient with respect to the raw outputs. */
    interface Objective {
        /**
         * The mean loss over {@code rows} (indices into the training set) of the raw outputs {@code raw}
         * ({@code [rows.length, outputs]}, row {@code i} for example {@code rows[i]}); writes {@code dL/draw} into
         * {@code dRaw}.
         */
        double lossGradient(Batch raw, int[] rows, Batch dRaw);
    }

    /** Called after every step with its minibatch loss; returns true to stop training. */
    interface Listener {
        boolean afterStep(int step, double loss);
    }

    private final Network net;
    private final Optimizer optimizer;
    private final double[][] x;
    private final Objective objective;
    private final Tape tape;

    /** Trains {@code net} on inputs {@code x} (one row per example, already standardised) for {@code objective}. */
    Supervised(Network net, Optimizer optimizer, double[][] x, Objective objective) {
        this.net = net;
        this.optimizer = optimizer;
        this.x = x;
        this.objective = objective;
        this.tape = net.tape();
    }

    /** The network's raw outputs on {@code rows} (owned by this loop's tape until its next pass). */
    Batch outputs(int[] rows) {
        Batch in = tape.input(rows.length, net.inputs());
        for (int i = 0; i < rows.length; i++) {
            double[] row = x[rows[i]];
            for (int j = 0; j < row.length; j++) {
                in.set(i, j, row[j]);
            }
        }
        return net.forward(tape, in);
    }

    /** The mean loss on {@code rows} without a step (a validation loss). */
    double loss(int[] rows) {
        Batch raw = outputs(rows);
        return objective.lossGradient(raw, rows, Batch.zeros(raw.rows(), raw.cols()));
    }

    /** The loss grows past this multiple of its first value (plus one): training has diverged. */
    static final double DIVERGED = 1e4;
    /** An L2 penalty this many times the data loss at the start swamps the data. */
    static final double SWAMPED = 1e6;

    private double firstLoss = Double.NaN;

    /** One optimiser step on the minibatch {@code rows}; returns its loss before the step. */
    double step(int[] rows, int stepNumber) {
        Batch raw = outputs(rows);
        Batch dRaw = gradientBuffer(raw);
        double loss = objective.lossGradient(raw, rows, dRaw);
        checkHealthy(loss, stepNumber);
        net.params().zeroGrad();
        net.backwardParams(tape, dRaw);
        optimizer.step(net.params());
        return loss;
    }

    /**
     * Fails, naming the step and the setting to lower, when the loss is not finite, has grown far beyond its
     * first value (a learning rate too large makes Adam or SGD overshoot further each step), or when the L2
     * penalty dwarfs the data loss from the start (the data then barely matters).
     */
    private void checkHealthy(double loss, int stepNumber) {
        String settings = "learningRate = " + optimizer.learningRate() + ", l2 = " + optimizer.l2();
        if (!Double.isFinite(loss)) {
            throw new ArithmeticException("the training loss became " + loss + " at step " + stepNumber + " with "
                    + settings + "; training diverged: lower the learning rate, or check the data for extreme values");
        }
        if (Double.isNaN(firstLoss)) {
            firstLoss = loss;
            double penalty = 0.5 * optimizer.l2() * net.params().weightSquaredNorm();
            if (penalty > SWAMPED * (Math.abs(loss) + 1e-3)) {
                throw new ArithmeticException("the L2 penalty (" + String.format("%.3g", penalty) + ") is more than "
                        + String.format("%.0g", SWAMPED) + " times the data loss (" + String.format("%.3g", loss)
                        + ") at the start with " + settings + "; lower l2 (typical values are 1e-5 to 1e-2)");
            }
        } else if (Math.abs(loss) > DIVERGED * (Math.abs(firstLoss) + 1)) {
            throw new ArithmeticException("the training loss grew from " + String.format("%.4g", firstLoss) + " at step 1 to "
                    + String.format("%.4g", loss) + " at step " + stepNumber + " with " + settings
                    + "; training diverged: lower the learning rate (e.g. by 10x)");
        }
    }

    private Batch dRawCache;

    private Batch gradientBuffer(Batch raw) {
        if (dRawCache == null || dRawCache.rows() != raw.rows() || dRawCache.cols() != raw.cols()) {
            dRawCache = Batch.zeros(raw.rows(), raw.cols());
        }
        return dRawCache;
    }

    /**
     * Runs {@code steps} minibatch steps of {@code batchSize} over the first {@code trainCount} examples,
     * reshuffled each epoch with {@code rng}, calling {@code listener} after each. Returns the number of steps
     * taken: fewer if the listener stopped it or the thread was interrupted (the interrupt flag stays set for
     * the caller, and the network keeps what it learned).
     */
    int run(int steps, int batchSize, int trainCount, SplittableRandom rng, Listener listener) {
        return minibatches(steps, batchSize, trainCount, rng, (step, rows) -> listener.afterStep(step, step(rows, step)));
    }

    /** One minibatch step of a training loop: trains on {@code rows} and returns true to stop. */
    interface Minibatch {
        boolean step(int step, int[] rows);
    }

    /**
     * The minibatch schedule every loop here shares: {@code steps} calls of {@code body} with {@code batchSize}
     * rows of the first {@code trainCount} examples, reshuffled each epoch with {@code rng}. Returns the number of
     * steps taken: fewer if {@code body} stopped it or the thread was interrupted (the interrupt flag stays set
     * for the caller).
     */
    static int minibatches(int steps, int batchSize, int trainCount, SplittableRandom rng, Minibatch body) {
        int batch = Math.min(batchSize, trainCount);
        int perEpoch = trainCount / batch;
        int[] order = null;
        int[] rows = new int[batch];
        for (int step = 1; step <= steps; step++) {
            if (Thread.currentThread().isInterrupted()) {
                return step - 1;
            }
            int k = (step - 1) % perEpoch;
            if (k == 0) {
                order = Standardisation.permutation(trainCount, rng);
            }
            System.arraycopy(order, k * batch, rows, 0, batch);
            if (body.step(step, rows)) {
                return step;
            }
        }
        return steps;
    }
}
