/// How a presence α reads against Krippendorff's thresholds (α ≥ 0.800 reliable; 0.667 ≤ α < 0.800 tentative
/// conclusions only; below 0.667 the codebook definitions need revising).
public enum ReliabilityStatus: String, Sendable, Hashable, CaseIterable {
    /// α ≥ 0.800.
    case acceptable
    /// 0.667 ≤ α < 0.800.
    case tentative
    /// α < 0.667.
    case flagged
    /// α has no value (nothing pairable, or every value equal) or does not apply.
    case undefined

    /// The lowest α that is not flagged.
    public static let flagBelow = 0.667
    /// The lowest α that is not tentative.
    public static let tentativeBelow = 0.800

    /// The status of an α result.
    public init(alpha: ReliabilityResult) {
        guard let value = alpha.value else {
            self = .undefined
            return
        }
        self = value < Self.flagBelow ? .flagged : value < Self.tentativeBelow ? .tentative : .acceptable
    }
}
