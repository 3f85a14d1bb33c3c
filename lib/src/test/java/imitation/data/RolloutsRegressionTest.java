package imitation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import imitation.data.driving.DrivingRecord;
import imitation.data.driving.DrivingRuns;
import imitation.env.CartPole;
import imitation.env.driving.DrivingWorld;
import imitation.env.driving.ObservationKind;
import imitation.expert.CartPoleExpert;
import imitation.expert.DrivingExpert;
import imitation.policy.Policy;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Deterministic collections give the same episodes, bit for bit, as the collectors did before the
 * recurrent-policy change (digests recorded from {@code Rollouts} and {@code DrivingRuns} at commit 838d084).
 * Only pure-Java policies are used, so the digests do not depend on a BLAS build.
 */
class RolloutsRegressionTest {
    private static final DrivingWorld WORLD = DrivingWorld.builder().horizon(120).build();

    /** Pushes towards the side the pole leans to: short episodes, many resets. */
    private static final Policy LEAN = obs -> {
        double[][] a = new double[obs.length][1];
        for (int i = 0; i < obs.length; i++) {
            a[i][0] = obs[i][2] + 0.3 * obs[i][0] > 0 ? 1 : 0;
        }
        return a;
    };

    /** Steers against the offset a little, with Gaussian noise when sampled. */
    private static final Policy WOBBLY = new Policy() {
        @Override
        public double[][] act(double[][] obs) {
            double[][] a = new double[obs.length][1];
            for (int i = 0; i < obs.length; i++) {
                a[i][0] = Math.max(-1, Math.min(1, -0.5 * obs[i][0] - 0.3 * obs[i][1]));
            }
            return a;
        }

        @Override
        public double[][] sample(double[][] obs, RandomGenerator rng) {
            double[][] a = act(obs);
            for (double[] row : a) {
                row[0] = Math.max(-1, Math.min(1, row[0] + 0.2 * rng.nextGaussian()));
            }
            return a;
        }
    };

    @Test
    void cartPoleCollectionsAreUnchanged() {
        Digest d = new Digest();
        d.episodes(Rollouts.in(CartPole.classic().vec(3)).episodes(7).seed(5).run(new CartPoleExpert(), true));
        d.episodes(Rollouts.in(CartPole.classic().vec(4)).steps(300).seed(2).run(LEAN, true));
        d.episodes(Rollouts.in(CartPole::classic, 2).episodes(5).seed(11).run(LEAN, false));
        CartPoleExpert expert = new CartPoleExpert();
        int[] calls = {0};
        d.episodes(Rollouts.in(CartPole.fixedHorizon().vec(3)).episodes(5).seed(1).drive(
                running -> ++calls[0] > 60 ? null
                        : new Rollouts.Decision(LEAN.act(running.observations()), expert.act(running.observations())), true));
        assertEquals("0a8ae431723e6864b7ea369a9850db553248a36bdef95ff0092cfcf14c0e41d4", d.hex());
    }

    @Test
    void drivingRunsAreUnchanged() {
        Digest d = new Digest();
        d.records(DrivingRuns.in(WORLD).episodes(5).parallel(2).seed(4).demonstrate());
        d.records(DrivingRuns.in(WORLD).expert(DrivingExpert.builder(WORLD).noise(0.2).build()).episodes(3).parallel(2)
                .seed(9).demonstrate());
        d.records(DrivingRuns.in(WORLD).episodes(4).parallel(3).seed(1).drive(WOBBLY));
        d.records(DrivingRuns.in(WORLD).episodes(3).seed(7).stochastic(true).drive(WOBBLY));
        DrivingWorld camera = DrivingWorld.builder().observation(ObservationKind.CAMERA).horizon(40).build();
        d.records(DrivingRuns.in(camera).episodes(2).seed(3).recordObservations(false).drive(obs -> new double[obs.length][1]));
        d.records(DrivingRuns.in(camera).episodes(1).seed(3).demonstrate());
        assertEquals("1678d2e974864ef3f7c1dd82d58f5d8beb46d41b11652dd2b1d58f873c45d09b", d.hex());
    }

    /** SHA-256 over every number of the collected episodes. */
    private static final class Digest {
        private final MessageDigest sha;
        private final ByteBuffer buf = ByteBuffer.allocate(8);

        Digest() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void add(double v) {
            sha.update(buf.clear().putDouble(v).array());
        }

        void add(double[] row) {
            add(row.length);
            for (double v : row) {
                add(v);
            }
        }

        void add(double[][] rows) {
            add(rows.length);
            for (double[] row : rows) {
                add(row);
            }
        }

        void episodes(List<Episode> episodes) {
            for (Episode e : episodes) {
                add(e.index());
                add(e.seed());
                add(e.totalReward());
                add(e.length());
                add(e.terminated() ? 1 : 0);
                add(e.success() ? 1 : 0);
                e.trajectory().ifPresent(t -> {
                    add(t.observations());
                    add(t.actions());
                    add(t.rewards());
                    add(t.terminal() ? 1 : 0);
                });
            }
        }

        void records(List<DrivingRecord> records) {
            for (DrivingRecord r : records) {
                add(r.seed());
                add(r.path());
                add(r.offsets());
                r.observations().ifPresent(this::add);
                add(r.actions());
                add(r.labels());
                add(r.rewards());
                sha.update(r.metrics().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }

        String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }
}
