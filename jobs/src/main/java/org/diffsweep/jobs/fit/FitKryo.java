package org.diffsweep.jobs.fit;

import java.util.List;

/**
 * The classes Spark MLlib's tree training ships through Kryo (found by training a forest with Kryo's unregistered-class
 * warnings on), registered by name in {@code run.KryoRegistrator} because every session runs with
 * {@code spark.kryo.registrationRequired=true}.
 */
public final class FitKryo {
    private FitKryo() {}

    /** Binary class names; a name this Spark version lacks is skipped. */
    public static final List<String> CLASSES = List.of(
            "org.apache.spark.ml.tree.ContinuousSplit",
            "org.apache.spark.ml.tree.CategoricalSplit",
            "[Lorg.apache.spark.ml.tree.Split;",
            "[[Lorg.apache.spark.ml.tree.Split;",
            "org.apache.spark.ml.tree.impl.DTStatsAggregator",
            "org.apache.spark.ml.tree.impl.DecisionTreeMetadata",
            "org.apache.spark.mllib.tree.configuration.QuantileStrategy$",
            "org.apache.spark.mllib.tree.impurity.Variance$",
            "org.apache.spark.mllib.tree.impurity.VarianceAggregator",
            "org.apache.spark.mllib.tree.impurity.VarianceCalculator",
            "org.apache.spark.mllib.tree.model.ImpurityStats",
            "org.apache.spark.util.collection.OpenHashMap$mcD$sp",
            "org.apache.spark.util.collection.OpenHashSet",
            "org.apache.spark.util.collection.OpenHashSet$DoubleHasher",
            "scala.Enumeration$Val",
            "scala.reflect.ManifestFactory$DoubleManifest");
}
