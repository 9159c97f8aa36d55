/// The points α compares: each label for nominal data, each distinct number (ascending) otherwise.
struct AlphaScale: Sendable {
    /// The level whose difference function applies.
    let level: MeasurementLevel
    /// Point index of each category of the data.
    let pointOf: [Int32]
    /// Numeric value of each point, ascending; empty for nominal data.
    let values: [Double]
    /// Number of points.
    let count: Int

    /// Forms the scale, or returns why the level does not apply to the data.
    static func make(_ data: ReliabilityData, level: MeasurementLevel) -> Result<AlphaScale, ScaleError> {
        if level == .nominal {
            let identity = (0..<data.categories.count).map { Int32($0) }
            return .success(AlphaScale(level: level, pointOf: identity, values: [], count: identity.count))
        }
        guard let numbers = data.categoryNumbers else {
            return .failure(ScaleError(reason: data.nonNumericReason ?? "values are not numbers"))
        }
        if level == .ratio, let negative = numbers.first(where: { $0 < 0 }) {
            return .failure(ScaleError(reason: "ratio data cannot be negative; found \(negative)"))
        }
        let distinct = Array(Set(numbers)).sorted()
        var pointOfValue: [Double: Int32] = [:]
        for (point, value) in distinct.enumerated() {
            pointOfValue[value] = Int32(point)
        }
        let pointOf = numbers.map { pointOfValue[$0] ?? 0 }
        return .success(AlphaScale(level: level, pointOf: pointOf, values: distinct, count: distinct.count))
    }

    /// Why a level of measurement does not apply.
    struct ScaleError: Error, Sendable {
        let reason: String
    }

    /// The coordinates whose squared difference is δ² for interval and ordinal data: the values, or for
    /// ordinal data the mid-ranks C(g−1) + n(g)/2 of Krippendorff (2011) computed from point marginals.
    func coordinates(marginals: [Double]) -> [Double] {
        guard level == .ordinal else { return values }
        var coordinates = [Double](repeating: 0, count: count)
        var below = 0.0
        for point in 0..<count {
            coordinates[point] = below + marginals[point] / 2
            below += marginals[point]
        }
        return coordinates
    }

    /// The difference function δ² of Krippendorff (2011) between two points.
    @inline(__always)
    static func difference(_ first: Int, _ second: Int, level: MeasurementLevel, coordinates: [Double]) -> Double {
        if first == second { return 0 }
        switch level {
        case .nominal:
            return 1
        case .ordinal, .interval:
            let gap = coordinates[first] - coordinates[second]
            return gap * gap
        case .ratio:
            let sum = coordinates[first] + coordinates[second]
            if sum == 0 { return 0 }
            let ratio = (coordinates[first] - coordinates[second]) / sum
            return ratio * ratio
        }
    }
}
