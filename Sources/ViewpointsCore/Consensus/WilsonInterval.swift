import Foundation

/// The Wilson score interval of a binomial proportion (Wilson 1927).
public struct WilsonInterval: Sendable, Equatable {
    /// The 97.5% quantile of the standard normal distribution: a 95% two-sided interval.
    public static let z95 = 1.959963984540054

    public var low: Double
    public var high: Double

    /// The interval for `successes` of `trials`; nil when there are no trials.
    ///
    /// centre = (p + z²/2n) / (1 + z²/n), half-width = z / (1 + z²/n) · √(p(1 − p)/n + z²/4n²), clamped to 0 … 1.
    public init?(successes: Int, trials: Int, z: Double = WilsonInterval.z95) {
        guard trials > 0, (0...trials).contains(successes) else { return nil }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        low = successes == 0 ? 0 : max(0, centre - half)
        high = successes == trials ? 1 : min(1, centre + half)
    }
}
