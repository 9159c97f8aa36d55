/// A coefficient computed over units × coders.
public enum ReliabilityMetric: String, Sendable, Hashable, CaseIterable {
    /// Krippendorff's α at the requested level.
    case alpha
    /// Cohen's κ, unweighted or weighted, for two coders.
    case cohen
    /// Fleiss' κ for a fixed number of values per unit.
    case fleiss
    /// Scott's π for two coders.
    case scott
    /// Pairwise percent agreement.
    case percent
}
