/// Pairwise percent agreement: the mean, over units with at least two values, of agreeing pairs / all pairs.
///
/// Not the share of unanimous units (R irr `agree`) and not Krippendorff's observed agreement, which
/// weights units by their number of values.
public enum PercentAgreement {
    /// The unit-averaged share of agreeing value pairs; labels are compared exactly.
    public static func compute(_ data: ReliabilityData) -> ReliabilityResult {
        var counts = [Int](repeating: 0, count: data.categories.count)
        var coderSeen = [Bool](repeating: false, count: data.coders.count)
        var units = 0
        var values = 0
        var sum = 0.0
        for unit in 0..<data.units.count {
            let range = data.unitOffsets[unit]..<data.unitOffsets[unit + 1]
            let size = range.count
            if size < 2 { continue }
            units += 1
            values += size
            for slot in range {
                counts[Int(data.valueCategories[slot])] += 1
                coderSeen[Int(data.valueCoders[slot])] = true
            }
            var agreeing = 0
            for slot in range {
                let category = Int(data.valueCategories[slot])
                agreeing += counts[category] - 1
            }
            for slot in range { counts[Int(data.valueCategories[slot])] = 0 }
            sum += Double(agreeing) / Double(size * (size - 1))
        }
        let coders = coderSeen.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard units > 0 else {
            return ReliabilityResult(
                state: .undefined(reason: "no pairable values: no unit has two or more values"),
                units: 0, coders: coders, pairableValues: 0
            )
        }
        return ReliabilityResult(
            state: .defined(sum / Double(units)), units: units, coders: coders, pairableValues: values
        )
    }
}
