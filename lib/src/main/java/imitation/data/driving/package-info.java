/**
 * Recorded driving ({@link imitation.data.driving.DrivingRuns} makes
 * {@link imitation.data.driving.DrivingRecord}s that keep true states and expert labels) and the data
 * fixes for distribution shift: side cameras ({@link imitation.data.driving.SideCameras}), synthetic
 * perturbed states ({@link imitation.data.driving.SyntheticStates}) and noise injection while
 * demonstrating (a noisy {@link imitation.expert.DrivingExpert} given to {@code DrivingRuns.expert}).
 */
package imitation.data.driving;
