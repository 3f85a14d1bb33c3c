package imitation.learn;

/** Checks of the network-training settings that the learners' builders share. */
final class Settings {
    private Settings() {}

    /** A copy of the hidden layer widths, each at least 1. */
    static int[] widths(int[] widths) {
        if (widths == null) {
            throw new IllegalArgumentException("hidden: widths is null; pass e.g. hidden(64, 64)");
        }
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("hidden: width " + w + " must be at least 1");
            }
        }
        return widths.clone();
    }

    /** {@code value}, or a failure naming {@code name} when it is below 1. */
    static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " = " + value + " must be at least 1");
        }
        return value;
    }
}
