package scratch;

import imitation.data.*;
import imitation.learn.*;
import java.util.*;

public class SsExp2 {
    public static void main(String[] a) {
        int updates = Integer.getInteger("updates", 300);
        int len = Integer.getInteger("len", 60);
        double drift = Double.parseDouble(System.getProperty("drift", "0.1"));
        double noise = Double.parseDouble(System.getProperty("noise", "0.5"));
        int seeds = Integer.getInteger("seeds", 3);
        Map<String, SamplingSchedule> schedules = new LinkedHashMap<>();
        schedules.put("tf", SamplingSchedule.constant(1));
        schedules.put("linear", SamplingSchedule.linear(1, 1.0 / updates, 0));
        schedules.put("exp", SamplingSchedule.exponential(Math.pow(0.01, 1.0 / updates)));
        schedules.put("invsig", SamplingSchedule.inverseSigmoid(updates / 8.0));
        schedules.put("sampled", SamplingSchedule.constant(0));
        var test = RandomWalk.sample(200, len, drift, noise, 99);
        for (var e : schedules.entrySet()) {
            StringBuilder sb = new StringBuilder(e.getKey());
            for (int seed = 0; seed < seeds; seed++) {
                var train = RandomWalk.sample(Integer.getInteger("n", 20), len, drift, noise, seed);
                long c0 = System.nanoTime();
                var r = ScheduledSampling.builder().schedule(e.getValue()).hidden(16).steps(updates).seed(seed).build().train(train.values(), train.readings());
                double[] err = r.model().freeRunError(test.values(), test.readings());
                sb.append(String.format(" | mean %.3f final %.3f t %.1f", Arrays.stream(err).average().orElseThrow(), err[err.length - 1], (System.nanoTime() - c0) / 1e9));
            }
            System.out.println(sb);
        }
    }
}
