/// Fleiss' κ (Fleiss 1971) for a fixed number of values per unit from any coders.
public enum Fleiss {
    /// κ = (P̄ − P̄_e) / (1 − P̄_e); not applicable unless every unit has the same number m ≥ 2 of values.
    public static func kappa(_ data: ReliabilityData) -> ReliabilityResult {
        switch components(data) {
        case .failure(let error):
            return .notApplicable(error.reason)
        case .success(let parts):
            let result = { (state: ReliabilityResult.State) in
                ReliabilityResult(
                    state: state, units: parts.units, coders: parts.coders, pairableValues: parts.units * parts.size
                )
            }
            guard parts.units > 0 else {
                return result(.undefined(reason: "no pairable values: the data have no units"))
            }
            guard parts.chanceDisagreement > 0 else {
                return result(.undefined(reason: CoderPair.oneCategory))
            }
            return result(.defined((parts.observed - parts.expected) / (1 - parts.expected)))
        }
    }

    /// P̄ (mean agreement of units), P̄_e (chance agreement) and the counts they rest on.
    struct Components: Sendable {
        var observed: Double
        var expected: Double
        /// (N m)² − Σ column², zero exactly when one category holds every value.
        var chanceDisagreement: Int
        var units: Int
        var size: Int
        var coders: Int
    }

    /// Why Fleiss' κ does not apply.
    struct FleissError: Error, Sendable {
        let reason: String
    }

    static func components(_ data: ReliabilityData) -> Result<Components, FleissError> {
        let units = data.units.count
        var minimum = Int.max
        var maximum = 0
        for unit in 0..<units {
            let count = data.unitOffsets[unit + 1] - data.unitOffsets[unit]
            minimum = min(minimum, count)
            maximum = max(maximum, count)
        }
        if units > 0 && minimum != maximum {
            return .failure(
                FleissError(
                    reason:
                        "Fleiss' κ needs the same number of values for every unit; units have \(minimum) to \(maximum)")
            )
        }
        if units > 0 && maximum < 2 {
            return .failure(FleissError(reason: "Fleiss' κ needs at least two values per unit; units have 1"))
        }
        let size = maximum
        var columns = [Int](repeating: 0, count: data.categories.count)
        var counts = [Int](repeating: 0, count: data.categories.count)
        var agreement = 0.0
        for unit in 0..<units {
            let range = data.unitOffsets[unit]..<data.unitOffsets[unit + 1]
            for slot in range { counts[Int(data.valueCategories[slot])] += 1 }
            var squares = 0
            for slot in range {
                let category = Int(data.valueCategories[slot])
                squares += counts[category] * counts[category]
                columns[category] += counts[category]
                counts[category] = 0
            }
            agreement += Double(squares - size) / Double(size * (size - 1))
        }
        let total = units * size
        let squaredColumns = columns.reduce(0) { $0 + $1 * $1 }
        let coders = Set(data.valueCoders).count
        return .success(
            Components(
                observed: units > 0 ? agreement / Double(units) : 0,
                expected: total > 0 ? Double(squaredColumns) / Double(total * total) : 0,
                chanceDisagreement: total * total - squaredColumns, units: units, size: size, coders: coders
            ))
    }
}
