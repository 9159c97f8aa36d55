/// The level of measurement of coded values, which selects Krippendorff's difference function.
public enum MeasurementLevel: String, Sendable, Hashable, CaseIterable {
    /// Labels without order; two values either agree or not.
    case nominal
    /// Ordered values; differences depend on how many values lie between them (Krippendorff 2011).
    case ordinal
    /// Numbers whose differences are meaningful: squared difference.
    case interval
    /// Numbers with an absolute zero: squared difference relative to their sum.
    case ratio
}
