package imitation.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imitation.data.Demonstrations;
import imitation.data.Trajectory;
import imitation.env.Space;
import imitation.learn.GenerativeCloning;
import imitation.learn.Standardisation;
import imitation.nn.Activation;
import imitation.nn.GradCheck;
import imitation.nn.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The conditional VAE, the conditional GAN and the diffusion model: their gradients against finite differences,
 * recovery of a known bimodal action distribution, bad settings and inputs, and interruption.
 */
class GenerativeModelsTest {
    private static final Space BOX = Space.Box.of(2, -1, 1);
    private static final double SHARE_UP = 0.3;

    /**
     * Demonstrations whose action does not depend on the observation: (+0.6, +0.6) with probability 0.3, else
     * (−0.6, −0.6), plus noise of std 0.05 (clipped to [-1, 1]); observations uniform in [-1, 1].
     */
    private static Demonstrations bimodal(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Trajectory> out = new ArrayList<>();
        for (int e = 0; e < 40; e++) {
            double[][] obs = new double[21][1];
            double[][] act = new double[20][2];
            for (int t = 0; t <= 20; t++) {
                obs[t][0] = rng.nextDouble() * 2 - 1;
            }
            for (double[] a : act) {
                double m = rng.nextDouble() < SHARE_UP ? 0.6 : -0.6;
                a[0] = Math.max(-1, Math.min(1, m + 0.05 * rng.nextGaussian()));
                a[1] = Math.max(-1, Math.min(1, m + 0.05 * rng.nextGaussian()));
            }
            out.add(new Trajectory(obs, act, new double[20], false));
        }
        return Demonstrations.of(out);
    }

    /** Shares of 2000 samples (after {@code steps} of {@code batch} rows) within 0.2 (per value) of (+0.6, +0.6), of (−0.6, −0.6), and elsewhere. */
    static double[] shares(GenerativeModel model, int steps, int batch) {
        return shares(GenerativeCloning.builder().steps(steps).batchSize(batch).seed(1).build().train(bimodal(2), BOX, model));
    }

    /** Shares of 2000 samples of {@code p} within 0.2 (per value) of (+0.6, +0.6), of (−0.6, −0.6), and elsewhere. */
    static double[] shares(GenerativePolicy p) {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] obs = new double[2000][1];
        for (double[] o : obs) {
            o[0] = rng.nextDouble() * 2 - 1;
        }
        double[] c = new double[3];
        for (double[] a : p.sample(obs, rng)) {
            boolean near = Math.abs(Math.abs(a[0]) - 0.6) < 0.2 && Math.abs(Math.abs(a[1]) - 0.6) < 0.2 && a[0] * a[1] > 0;
            c[!near ? 2 : a[0] > 0 ? 0 : 1]++;
        }
        for (int i = 0; i < 3; i++) {
            c[i] /= obs.length;
        }
        return c;
    }

    private static void assertRecovers(GenerativeModel model, int steps, int batch) {
        double[] s = shares(model, steps, batch);
        String msg = model + ": shares up " + s[0] + ", down " + s[1] + ", elsewhere " + s[2];
        System.out.println(msg);
        assertEquals(SHARE_UP, s[0], 0.1, msg);
        assertEquals(1 - SHARE_UP, s[1], 0.1, msg);
        assertTrue(s[2] < 0.1, msg);
    }

    @Test
    void conditionalVaeRecoversBothModes() {
        assertRecovers(new ConditionalVae(1, 2, 2, 0.5, 2e-3, 1), 2000, 128);
    }

    @Test
    void conditionalGanRecoversBothModes() {
        assertRecovers(new ConditionalGan(1, 2, 2, 1e-3, 1), 2000, 64);
    }

    /**
     * With the R1 penalty the GAN splits its draws between the modes in the demonstrated proportion on every seed
     * (the plain GAN's split varies from seed to seed), at the price of more draws off the modes than the plain GAN.
     */
    @Test
    void conditionalGanWithR1KeepsTheProportionsOnEverySeed() {
        for (long seed = 1; seed <= 3; seed++) {
            GenerativeModel gan = new ConditionalGan(1, 2, 2, 1e-3, 10, seed);
            double[] s = shares(gan, 2000, 64);
            String msg = gan + " seed " + seed + ": shares up " + s[0] + ", down " + s[1] + ", elsewhere " + s[2];
            System.out.println(msg);
            assertEquals(SHARE_UP, s[0] / (s[0] + s[1]), 0.1, msg);
            assertTrue(s[2] < 0.2, msg);
        }
    }

    /**
     * Discriminator-driven sampling on the same bimodal distribution, with notebook 07's generator (ReLU, R1 penalty
     * γ = 10): from the same trained networks, 16 candidates per draw, resampled by the refitted discriminator, leave at
     * most half as many draws off the modes as the generator's own draws. (It does not keep the proportion better:
     * here the smaller mode's share among the draws on a mode went from 0.31 to 0.43.)
     */
    @Test
    void resamplingMovesDrawsOntoTheModes() {
        Demonstrations demos = bimodal(2);
        ConditionalGan gan = new ConditionalGan(1, 2, 2, 1e-3, 10, Activation.RELU, 1).resample(16, 2000);
        GenerativePolicy trained = GenerativeCloning.builder().steps(2000).batchSize(64).seed(1).build().train(demos, BOX, gan);
        Standardisation obs = Standardisation.of(demos.observations());
        Standardisation act = Standardisation.of(demos.actions());
        ConditionalGan model = (ConditionalGan) trained.model();
        assertEquals(16, model.candidates(), "a copy keeps the setting");
        double[] resampled = shares(new GenerativePolicy(model, obs.mean(), obs.scale(), act.mean(), act.scale(), BOX));
        double[] plain = shares(new GenerativePolicy(model.resample(1, 0), obs.mean(), obs.scale(), act.mean(), act.scale(), BOX));
        String msg = "shares up, down, elsewhere: plain " + java.util.Arrays.toString(plain) + ", resampled "
                + java.util.Arrays.toString(resampled);
        System.out.println(msg);
        assertTrue(plain[2] > 0.02, "the generator's own draws leave some mass off the modes: " + msg);
        assertTrue(resampled[2] <= plain[2] / 2, msg);
    }

    @Test
    void diffusionRecoversBothModes() {
        assertRecovers(new DiffusionModel(1, 2, 30, 1e-3, 1), 2000, 256);
    }

    // ---------------------------------------------------------------- gradients

    private static double[][] random(int rows, int cols, SplittableRandom rng) {
        double[][] out = new double[rows][cols];
        for (double[] row : out) {
            for (int j = 0; j < cols; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return out;
    }

    /**
     * Checks the gradient that {@code lossGradient} leaves in {@code nets}' parameters against central differences
     * of the loss it returns, over all their parameters as one vector.
     */
    private static void check(Network[] nets, ToDoubleFunction<Void> lossGradient) {
        check(nets, lossGradient, 1);
    }

    /** As {@link #check(Network[], ToDoubleFunction)} with the analytic gradient multiplied by {@code factor}. */
    private static void check(Network[] nets, ToDoubleFunction<Void> lossGradient, double factor) {
        check(nets, lossGradient, factor, GradCheck.H);
    }

    /** As {@link #check(Network[], ToDoubleFunction, double)} with central differences of step {@code h}. */
    private static void check(Network[] nets, ToDoubleFunction<Void> lossGradient, double factor, double h) {
        lossGradient.applyAsDouble(null);
        int total = 0;
        for (Network n : nets) {
            total += n.params().size();
        }
        double[] point = new double[total];
        double[] analytic = new double[total];
        int k = 0;
        for (Network n : nets) {
            float[] v = n.params().values();
            float[] g = n.params().gradient();
            for (int i = 0; i < v.length; i++, k++) {
                point[k] = v[i];
                analytic[k] = factor * g[i];
            }
        }
        GradCheck.function(point, p -> {
            int j = 0;
            for (Network n : nets) {
                for (int i = 0; i < n.params().size(); i++) {
                    n.params().setValue(i, (float) p[j++]);
                }
            }
            return lossGradient.applyAsDouble(null);
        }, analytic, h, 5, GradCheck.TOLERANCE);
    }

    /**
     * The CVAE's loss gradient for the parameters of network {@code net} (0 encoder, 1 prior, 2 decoder), scaled by
     * {@code factor}, checked against central differences of the loss. The prior's gradient comes from the KL term
     * alone, the encoder's from the KL term and through the reparameterised latent into the decoder.
     */
    private static void checkVae(int net, double factor) {
        SplittableRandom rng = new SplittableRandom(1);
        ConditionalVae vae = new ConditionalVae(3, 2, 2, 0.5, 1e-3, 2);
        double[][] s = random(6, 3, rng);
        double[][] a = random(6, 2, rng);
        double[][] eps = random(6, 2, rng);
        check(new Network[] {vae.networks()[net]}, v -> vae.lossGradient(s, a, eps), factor);
    }

    @Test
    void conditionalVaeGradientMatchesFiniteDifferences() {
        for (int net = 0; net < 3; net++) {
            checkVae(net, 1);
        }
    }

    /** Each network's gradient halved fails the same check. */
    @Test
    void aScaledConditionalVaeGradientFailsTheCheck() {
        for (int net = 0; net < 3; net++) {
            int n = net;
            assertThrows(AssertionError.class, () -> checkVae(n, 0.5), "network " + n);
        }
    }

    @Test
    void conditionalGanGradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(1);
        ConditionalGan gan = new ConditionalGan(3, 2, 2, 1e-3, 2);
        double[][] s = random(6, 3, rng);
        double[][] real = random(6, 2, rng);
        double[][] fake = random(6, 2, rng);
        double[][] z = random(6, 2, rng);
        Network generator = gan.networks()[0];
        Network discriminator = gan.networks()[1];
        check(new Network[] {discriminator}, v -> gan.discriminatorLossGradient(s, real, fake));
        check(new Network[] {generator}, v -> gan.generatorLossGradient(s, z));
        // a ReLU generator, with a step small enough to cross few of its kinks
        ConditionalGan relu = new ConditionalGan(3, 2, 2, 1e-3, 0, Activation.RELU, 2);
        check(new Network[] {relu.networks()[0]}, v -> relu.generatorLossGradient(s, z), 1, 1e-3);
        // the second phase's loss: a model with the R1 penalty, its discriminator fitted without it
        ConditionalGan penalised = new ConditionalGan(3, 2, 2, 1e-3, 10, 2);
        check(new Network[] {penalised.networks()[1]}, v -> penalised.discriminatorLossGradient(s, real, fake, false));
    }

    /**
     * The R1 penalty's gradient (a difference of the discriminator's parameter gradient along its action gradient),
     * scaled by {@code factor}, against central differences of the penalty itself; then the whole discriminator loss.
     */
    private static void checkPenalty(double factor) {
        SplittableRandom rng = new SplittableRandom(1);
        ConditionalGan gan = new ConditionalGan(3, 2, 2, 1e-3, 10, 2);
        double[][] s = random(6, 3, rng);
        double[][] real = random(6, 2, rng);
        double[][] fake = random(6, 2, rng);
        Network[] discriminator = {gan.networks()[1]};
        check(discriminator, v -> gan.penaltyGradient(s, real), factor);
        check(discriminator, v -> gan.discriminatorLossGradient(s, real, fake), factor);
    }

    @Test
    void r1PenaltyGradientMatchesFiniteDifferences() {
        checkPenalty(1);
    }

    /** A penalty gradient scaled by a constant fails the same check. */
    @Test
    void aScaledPenaltyGradientFailsTheCheck() {
        assertThrows(AssertionError.class, () -> checkPenalty(0.8));
    }

    /** The diffusion loss's gradient, scaled by {@code factor}, checked against the loss's differences. */
    private static void checkDiffusion(double factor) {
        SplittableRandom rng = new SplittableRandom(1);
        DiffusionModel model = new DiffusionModel(3, 2, 10, 1e-3, 2);
        double[][] s = random(6, 3, rng);
        double[][] a = random(6, 2, rng);
        double[][] eps = random(6, 2, rng);
        int[] t = {1, 3, 5, 7, 9, 10};
        check(new Network[] {model.network()}, v -> model.lossGradient(s, a, t, eps), factor);
    }

    @Test
    void diffusionGradientMatchesFiniteDifferences() {
        checkDiffusion(1);
    }

    /** A gradient scaled by a constant fails the same check (the check has teeth). */
    @Test
    void aScaledGradientFailsTheCheck() {
        assertThrows(AssertionError.class, () -> checkDiffusion(0.5));
    }

    // ---------------------------------------------------------------- bad input and interruption

    @Test
    void badSettingsAreNamed() {
        assertMessage(() -> new ConditionalVae(1, 2, 0, 0.1, 1e-3, 1), "latent = 0");
        assertMessage(() -> new ConditionalGan(1, 2, -1, 1e-3, 1), "latent = -1");
        assertMessage(() -> new ConditionalVae(1, 2, 2, 0, 1e-3, 1), "decoderStd = 0");
        assertMessage(() -> new DiffusionModel(1, 2, 1, 1e-3, 1), "steps = 1");
        assertMessage(() -> new DiffusionModel(0, 2, 30, 1e-3, 1), "observations = 0");
        assertMessage(() -> new ConditionalGan(1, 2, 2, Double.NaN, 1), "learningRate = NaN");
        assertMessage(() -> new ConditionalGan(1, 2, 2, 1e-3, -1, 1), "r1 = -1.0");
        assertMessage(() -> new ConditionalGan(1, 2, 2, 1e-3, Double.NaN, 1), "r1 = NaN");
        assertMessage(() -> new ConditionalGan(1, 2, 2, 1e-3, 10, 1).resample(0, 100), "resample candidates = 0");
        assertMessage(() -> new ConditionalGan(1, 2, 2, 1e-3, 10, 1).resample(16, -1), "discriminatorSteps = -1");
        assertMessage(() -> new ConditionalGan(1, 2, 2, 1e-3, 10, null, 1), "generator activation is null");
        double[][] row = {{0}};
        assertThrows(IllegalStateException.class, () -> new DiffusionModel(1, 2, 30, 1e-3, 1).refinementStep(row, row, new SplittableRandom(1)));
    }

    @Test
    void badInputsAreNamed() {
        Demonstrations demos = bimodal(1);
        GenerativeCloning bc = GenerativeCloning.builder().steps(5).build();
        assertMessage(() -> bc.train(demos, BOX, new DiffusionModel(2, 2, 30, 1e-3, 1)), "reads 2 observation values");
        assertMessage(() -> bc.train(demos, new Space.Discrete(3), new DiffusionModel(1, 2, 30, 1e-3, 1)), "not a Box");
        assertMessage(() -> bc.train(null, BOX, new DiffusionModel(1, 2, 30, 1e-3, 1)), "demos is null");
        double[][] obs = {{0}, {0}};
        double[][] outside = {{0, 2}};
        Demonstrations bad = Demonstrations.of(List.of(new Trajectory(obs, outside, new double[1], false)));
        assertMessage(() -> bc.train(bad, BOX, new DiffusionModel(1, 2, 30, 1e-3, 1)), "demonstrated action 0");
        GenerativePolicy p = bc.train(demos, BOX, new ConditionalVae(1, 2, 2, 0.1, 1e-3, 1));
        assertMessage(() -> p.sample(new double[][] {{0, 1}}, new SplittableRandom(1)), "observation 0 has 2 values");
        assertMessage(() -> p.sample(new double[][] {{0}}, null), "rng is null");
        assertMessage(() -> p.act(new double[][] {{Double.NaN}}), "NaN");
        DiffusionModel model = new DiffusionModel(1, 2, 30, 1e-3, 1);
        assertMessage(() -> new GenerativePolicy(model, new double[1], new double[] {1}, new double[2], new double[] {1, -1}, BOX),
                "GenerativePolicy: action scale[1] = -1.0");
        assertMessage(() -> new GenerativePolicy(model, new double[2], new double[] {1, 1}, new double[2], new double[] {1, 1}, BOX),
                "GenerativePolicy: observation mean and scale need 1 values, got 2 and 2");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    /**
     * An interrupted thread stops training at once, before the second phase too, and keeps the flag; the model is
     * left as it was.
     */
    @Test
    void interruptionStopsTraining() {
        ConditionalGan gan = new ConditionalGan(1, 2, 2, 1e-3, 1).resample(4, 100);
        float[] before = gan.networks()[0].params().values();
        float[] discriminatorBefore = gan.networks()[1].params().values();
        Thread.currentThread().interrupt();
        try {
            GenerativePolicy p = GenerativeCloning.builder().steps(1_000_000).build().train(bimodal(1), BOX, gan);
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag stays set for the caller");
            assertEquals(2, p.act(new double[][] {{0}})[0].length);
            org.junit.jupiter.api.Assertions.assertArrayEquals(before, gan.networks()[0].params().values());
            org.junit.jupiter.api.Assertions.assertArrayEquals(discriminatorBefore, gan.networks()[1].params().values());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void actIsRepeatableAndPoliciesAreSnapshots() {
        Demonstrations demos = bimodal(1);
        DiffusionModel model = new DiffusionModel(1, 2, 10, 1e-3, 1);
        GenerativeCloning bc = GenerativeCloning.builder().steps(20).build();
        GenerativePolicy p = bc.train(demos, BOX, model);
        double[][] obs = {{0.1}, {-0.3}};
        double[][] first = p.act(obs);
        bc.train(demos, BOX, model);
        org.junit.jupiter.api.Assertions.assertArrayEquals(first[1], p.act(obs)[1]);
    }
}
