package imitation.policy;

import imitation.env.Space;

/**
 * A policy that reads camera images with a {@link ConvNet} regressor: {@link #act} returns the
 * network's output clipped to the action box. Pixels go in as they are (the driving camera's are
 * already in [0, 1]). The policy owns a private copy of the network.
 */
public final class ConvPolicy implements Policy {
    private final ConvNet net;
    private final Space.Box actionSpace;

    /**
     * @param net         the trained network (copied)
     * @param actionSpace a Box with as many dimensions as the network has outputs
     */
    public ConvPolicy(ConvNet net, Space actionSpace) {
        if (!(actionSpace instanceof Space.Box box) || box.size() != net.outputs()) {
            throw new IllegalArgumentException("ConvPolicy: the network has " + net.outputs() + " outputs but the action space "
                    + actionSpace + " is not a Box of that size; ConvPolicy regresses continuous actions");
        }
        this.net = net.copy();
        this.actionSpace = box;
    }

    public Space actionSpace() {
        return actionSpace;
    }

    /** A copy of the network. */
    public ConvNet network() {
        return net.copy();
    }

    @Override
    public double[][] act(double[][] observations) {
        double[][] out = net.output(observations);
        double[] low = actionSpace.low();
        double[] high = actionSpace.high();
        for (double[] row : out) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.max(low[j], Math.min(high[j], row[j]));
            }
        }
        return out;
    }
}
