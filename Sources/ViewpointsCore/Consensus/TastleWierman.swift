import Foundation

/// The consensus measure Cns for ordinal scales (Tastle & Wierman 2007).
public enum TastleWierman {
    /// Cns = 1 + Σ pᵢ log₂(1 − |Xᵢ − μ| / d), over the categories Xᵢ = −2 … 2 with shares pᵢ, μ the mean and
    /// d = X_max − X_min = 4 the width of the scale: 1 when everyone is in one category, 0 when half are at
    /// each extreme. nil when there is nobody. `counts[0]` is the count of −2, `counts[4]` of +2.
    public static func cns(counts: [Int]) -> Double? {
        let total = counts.reduce(0, +)
        guard total > 0 else { return nil }
        let width = Double(counts.count - 1)
        let offset = Double(counts.count - 1) / 2
        let n = Double(total)
        var mean = 0.0
        for (i, count) in counts.enumerated() { mean += Double(count) * (Double(i) - offset) }
        mean /= n
        var sum = 0.0
        for (i, count) in counts.enumerated() where count > 0 {
            sum += Double(count) / n * log2(1 - abs(Double(i) - offset - mean) / width)
        }
        return 1 + sum
    }
}
