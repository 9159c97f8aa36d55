/// Krippendorff's α for any number of coders, missing values and four levels of measurement
/// (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").
public enum Krippendorff {
    /// Scales with more points than this use unit profiles instead of a dense coincidence matrix.
    static let denseLimit = 1024

    /// α = 1 − (n − 1) Σ o(c,k) δ²(c,k) / Σ n(c) n(k) δ²(c,k) from the coincidence matrix.
    public static func alpha(_ data: ReliabilityData, level: MeasurementLevel) -> ReliabilityResult {
        alpha(data, level: level, denseLimit: denseLimit)
    }

    static func alpha(_ data: ReliabilityData, level: MeasurementLevel, denseLimit: Int) -> ReliabilityResult {
        let scale: AlphaScale
        switch AlphaScale.make(data, level: level) {
        case .success(let made): scale = made
        case .failure(let error): return .notApplicable(error.reason)
        }
        if scale.count <= denseLimit {
            let matrix = CoincidenceMatrix(data, scale: scale)
            let sums = matrix.disagreementSums(scale: scale)
            return ReliabilityResult(
                state: state(observedSum: sums.observed, expectedSum: sums.expected, values: Double(matrix.values)),
                units: matrix.units, coders: matrix.coders, pairableValues: matrix.values
            )
        }
        let profiles = UnitProfiles(data, scale: scale)
        let evaluation = evaluate(profiles, weights: profiles.multiplicities, scale: scale, fixed: nil)
        let values = Int(evaluation.values.rounded())
        return ReliabilityResult(
            state: evaluation.state, units: profiles.profileOfUnit.count, coders: profiles.coders,
            pairableValues: values
        )
    }

    /// The state of α from the disagreement sums and the number n of pairable values.
    static func state(observedSum: Double, expectedSum: Double, values: Double) -> ReliabilityResult.State {
        if values == 0 {
            return .undefined(reason: "no pairable values: no unit has two or more values")
        }
        if expectedSum <= 0 {
            return .undefined(reason: "all pairable values are equal (expected disagreement is 0)")
        }
        return .defined(1 - (values - 1) * observedSum / expectedSum)
    }

    /// α when profile p is taken `weights[p]` times; `fixed` holds per-profile disagreements when δ does not
    /// depend on the marginals (every level but ordinal).
    static func evaluate(
        _ profiles: UnitProfiles, weights: [Double], scale: AlphaScale, fixed: [Double]?
    ) -> (state: ReliabilityResult.State, values: Double) {
        let marginals = profiles.marginals(weights: weights)
        let coordinates = scale.coordinates(marginals: marginals)
        let disagreements = fixed ?? profiles.disagreements(scale: scale, coordinates: coordinates)
        var observed = 0.0
        var values = 0.0
        for profile in 0..<profiles.count where weights[profile] > 0 {
            observed += weights[profile] * disagreements[profile]
            values += weights[profile] * profiles.sizes[profile]
        }
        let expected = UnitProfiles.expectedSum(marginals: marginals, scale: scale, coordinates: coordinates)
        return (state(observedSum: observed, expectedSum: expected, values: values), values)
    }
}
