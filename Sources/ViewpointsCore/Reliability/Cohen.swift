/// Cohen's κ for two coders (Cohen 1960), optionally weighted (Cohen 1968).
public enum Cohen {
    /// Disagreement weights between two values x and y.
    public enum Weights: String, Sendable, Hashable, CaseIterable {
        /// Unweighted: every disagreement counts 1 (nominal data).
        case none
        /// |x − y|.
        case linear
        /// (x − y)².
        case quadratic
    }

    /// Where the values lie for weighting.
    public enum Positions: String, Sendable, Hashable, CaseIterable {
        /// At their numeric values, so an unused middle point still counts.
        case numeric
        /// At their ranks among the categories either coder used (R irr, scikit-learn).
        case observed
    }

    /// κ_w = 1 − n Σ w(i,j) o(i,j) / Σ w(i,j) r(i) c(j) over the units both coders coded.
    public static func kappa(
        _ data: ReliabilityData, coders: (String, String)? = nil, weights: Weights = .none,
        positions: Positions = .numeric
    ) -> ReliabilityResult {
        let pair: CoderPair
        switch CoderPair.select(data, coders: coders, statistic: "Cohen's κ") {
        case .success(let selected): pair = selected
        case .failure(let error): return .notApplicable(error.reason)
        }
        // Points: each label when unweighted; each distinct number (ascending) when weighted.
        var coordinateOf: [Double]
        var pointOf: [Int]
        if weights == .none {
            pointOf = Array(0..<data.categories.count)
            coordinateOf = []
        } else {
            guard let numbers = data.categoryNumbers else {
                return .notApplicable("weighted κ needs numbers: " + (data.nonNumericReason ?? ""))
            }
            let used = Set(pair.first.map { numbers[Int($0)] } + pair.second.map { numbers[Int($0)] })
            let distinct = positions == .observed ? used.sorted() : Array(Set(numbers)).sorted()
            var index: [Double: Int] = [:]
            for (point, value) in distinct.enumerated() { index[value] = point }
            pointOf = numbers.map { index[$0] ?? 0 }
            coordinateOf = positions == .observed ? distinct.indices.map(Double.init) : distinct
        }
        guard pair.count > 0 else { return pair.result(.undefined(reason: CoderPair.noCommonUnits)) }
        let size = (pointOf.max() ?? 0) + 1
        var table = [Double](repeating: 0, count: size * size)
        var rows = [Double](repeating: 0, count: size)
        var columns = [Double](repeating: 0, count: size)
        for unit in 0..<pair.count {
            let row = pointOf[Int(pair.first[unit])]
            let column = pointOf[Int(pair.second[unit])]
            table[row * size + column] += 1
            rows[row] += 1
            columns[column] += 1
        }
        var observed = 0.0
        var expected = 0.0
        for row in 0..<size {
            for column in 0..<size where column != row {
                let weight: Double
                switch weights {
                case .none: weight = 1
                case .linear: weight = abs(coordinateOf[row] - coordinateOf[column])
                case .quadratic:
                    let gap = coordinateOf[row] - coordinateOf[column]
                    weight = gap * gap
                }
                observed += weight * table[row * size + column]
                expected += weight * rows[row] * columns[column]
            }
        }
        guard expected > 0 else { return pair.result(.undefined(reason: CoderPair.oneCategory)) }
        return pair.result(.defined(1 - Double(pair.count) * observed / expected))
    }
}
