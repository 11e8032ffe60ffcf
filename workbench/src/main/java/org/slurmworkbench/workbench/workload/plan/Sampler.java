package org.slurmworkbench.workbench.workload.plan;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousUniformSampler;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.LogNormalSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Whole-number samples of a {@link Distribution}, from Commons RNG's samplers, rounded and clamped into the
 * distribution's bounds and {@code [floor, ceiling]}. Primitive all the way: the generator draws millions.
 */
@FunctionalInterface
interface Sampler {

    int next();

    /**
     * A seeded generator for one stream of a plan: each attribute has its own stream, so that changing, say, the
     * GPU share leaves the arrivals and run times of the same seed as they were.
     */
    static UniformRandomProvider stream(long seed, int stream) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[]{seed, 0x9E3779B97F4A7C15L * (stream + 1)});
    }

    /** Indexes 0..n-1 drawn with the given weights (alias method, O(1) a draw). */
    static DiscreteSampler weighted(UniformRandomProvider rng, double[] weights) {
        if (weights.length == 1) {
            return () -> 0;
        }
        return AliasMethodDiscreteSampler.of(rng, weights);
    }

    static Sampler of(Distribution d, UniformRandomProvider rng, int floor, int ceiling) {
        double lo = Math.max(floor, d.min() == null ? floor : Math.ceil(d.min()));
        double hi = Math.min(ceiling, d.max() == null ? ceiling : Math.floor(d.max()));
        int low = (int) Math.min(lo, ceiling);
        int high = (int) Math.max(hi, low);
        return switch (d.type()) {
            case FIXED -> {
                int v = clamp(Math.round(d.value()), low, high);
                yield () -> v;
            }
            case UNIFORM -> {
                // every whole number in [min, max] equally often
                var u = ContinuousUniformSampler.of(rng, low, high + 1.0);
                yield () -> clamp((long) Math.floor(u.sample()), low, high);
            }
            case EXPONENTIAL -> {
                var e = ZigguratSampler.Exponential.of(rng, d.mean());
                yield () -> clamp(Math.round(e.sample()), low, high);
            }
            case LOGNORMAL -> {
                var l = LogNormalSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), Math.log(d.median()), d.sigma());
                yield () -> clamp(Math.round(l.sample()), low, high);
            }
            case CHOICE -> {
                int[] values = new int[d.choices().size()];
                double[] weights = new double[values.length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = clamp(Math.round(d.choices().get(i).value()), low, high);
                    weights[i] = d.choices().get(i).weight();
                }
                DiscreteSampler index = weighted(rng, weights);
                yield () -> values[index.sample()];
            }
        };
    }

    private static int clamp(long v, int low, int high) {
        return (int) Math.max(low, Math.min(high, v));
    }
}
