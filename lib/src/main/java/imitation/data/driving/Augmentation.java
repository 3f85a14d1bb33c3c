package imitation.data.driving;

import imitation.data.Demonstrations;
import java.util.List;

/**
 * Makes extra labelled views from recorded expert driving, to teach a learner how to recover from
 * states the expert never visits. The result holds only the new trajectories: train on
 * {@code DrivingRecord.demonstrations(demos).concat(augmentation.augment(demos))}.
 *
 * <p>Each new trajectory follows one recorded episode, with every frame replaced by a view the car did
 * not have (shifted camera or perturbed state) and a label for that view. Its rewards are 0: these are
 * labelled frames, not experience.
 */
public interface Augmentation {

    Demonstrations augment(List<DrivingRecord> demonstrations);
}
