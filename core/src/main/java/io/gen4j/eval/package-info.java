/**
 * Evaluation of generative models ({@code gen4j eval}): a small CNN classifier trained on the dataset
 * and cached as the feature network, and metrics of generated samples against the test split in its
 * feature space: {@link io.gen4j.eval.FrechetDistance FID}, {@link io.gen4j.eval.KernelInceptionDistance
 * KID}, {@link io.gen4j.eval.InceptionScore Inception Score}, {@link io.gen4j.eval.ClassCoverage class
 * coverage} and {@link io.gen4j.eval.PrecisionRecall precision and recall}.
 */
package io.gen4j.eval;
