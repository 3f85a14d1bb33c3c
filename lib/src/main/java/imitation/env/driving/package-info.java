/**
 * The driving world: a car with kinematic bicycle dynamics at constant speed on a seeded closed
 * {@link imitation.env.driving.Track}, observed through features or a small ground camera, single
 * ({@link imitation.env.driving.DrivingEnv}) or vectorised ({@link imitation.env.driving.DrivingVecEnv}),
 * both made by a {@link imitation.env.driving.DrivingWorld}. The expert that drives it is
 * {@link imitation.expert.DrivingExpert}; recording and augmentation live in {@code imitation.data.driving}.
 */
package imitation.env.driving;
