/**
 * Evaluation of generative models ({@code gen4j eval}): metrics of generated samples against a
 * dataset's test split in a {@link io.gen4j.eval.FeatureSpace feature space}, either gen4j's own small
 * CNN trained on the dataset and cached (a classifier of its labels, or a rotation-prediction network for
 * a dataset without labels) or any image-to-features SavedModel ({@link io.gen4j.eval.SavedModelFeatures}):
 * {@link io.gen4j.eval.FrechetDistance FID}, {@link io.gen4j.eval.KernelInceptionDistance KID}, {@link
 * io.gen4j.eval.InceptionScore Inception Score} and {@link io.gen4j.eval.ClassCoverage class coverage}
 * (with class probabilities only), and {@link io.gen4j.eval.PrecisionRecall precision and recall}.
 */
package io.gen4j.eval;
