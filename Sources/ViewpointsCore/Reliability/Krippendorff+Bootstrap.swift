extension Krippendorff {
    /// α with a 95% percentile interval from `samples` resamples of the pairable units with replacement,
    /// drawn with SplitMix64 from `seed`, and the number of resamples in which α was defined.
    public static func bootstrap(
        _ data: ReliabilityData, level: MeasurementLevel, samples: Int, seed: UInt64
    ) -> ReliabilityResult {
        var result = alpha(data, level: level)
        guard case .defined = result.state, samples > 0 else { return result }
        let scale: AlphaScale
        switch AlphaScale.make(data, level: level) {
        case .success(let made): scale = made
        case .failure: return result
        }
        let profiles = UnitProfiles(data, scale: scale)
        let fixed = level == .ordinal ? nil : profiles.disagreements(scale: scale, coordinates: scale.values)
        let unitCount = profiles.profileOfUnit.count
        var generator = SplitMix64(seed: seed)
        var weights = [Double](repeating: 0, count: profiles.count)
        var estimates: [Double] = []
        estimates.reserveCapacity(samples)
        for _ in 0..<samples {
            for profile in 0..<weights.count { weights[profile] = 0 }
            profiles.profileOfUnit.withUnsafeBufferPointer { profileOfUnit in
                weights.withUnsafeMutableBufferPointer { weights in
                    for _ in 0..<unitCount {
                        let unit = Int(generator.next(below: UInt64(unitCount)))
                        weights[Int(profileOfUnit[unit])] += 1
                    }
                }
            }
            if case .defined(let value) = evaluate(profiles, weights: weights, scale: scale, fixed: fixed).state {
                estimates.append(value)
            }
        }
        result.resamples = ReliabilityResult.Resamples(drawn: samples, defined: estimates.count)
        guard !estimates.isEmpty else { return result }
        estimates.sort()
        result.ci = ReliabilityResult.ConfidenceInterval(
            low: quantile(estimates, 0.025), high: quantile(estimates, 0.975), level: 0.95
        )
        return result
    }

    /// The p-quantile of sorted values by linear interpolation between order statistics
    /// (Hyndman & Fan type 7, the default of R and NumPy).
    static func quantile(_ sorted: [Double], _ probability: Double) -> Double {
        let position = Double(sorted.count - 1) * probability
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
    }
}
