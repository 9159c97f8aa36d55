/// The values two chosen coders gave the units both coded, as category indices of the data.
struct CoderPair: Sendable {
    /// Category of the first coder, per unit coded by both.
    let first: [Int32]
    /// Category of the second coder, per unit coded by both.
    let second: [Int32]

    /// Units coded by both.
    var count: Int { first.count }

    /// Picks the two coders (the only two when none are named) or returns why that is impossible.
    static func select(
        _ data: ReliabilityData, coders chosen: (String, String)?, statistic: String
    ) -> Result<CoderPair, PairError> {
        let firstCoder: Int
        let secondCoder: Int
        if let (firstName, secondName) = chosen {
            guard let first = data.coders.firstIndex(of: firstName) else {
                return .failure(PairError(reason: "coder '\(firstName)' has no values in the data"))
            }
            guard let second = data.coders.firstIndex(of: secondName) else {
                return .failure(PairError(reason: "coder '\(secondName)' has no values in the data"))
            }
            guard first != second else {
                return .failure(PairError(reason: "\(statistic) needs two different coders"))
            }
            (firstCoder, secondCoder) = (first, second)
        } else {
            guard data.coders.count == 2 else {
                let reason =
                    "\(statistic) needs exactly two coders; the data have \(data.coders.count)"
                    + (data.coders.count > 2 ? " (choose two)" : "")
                return .failure(PairError(reason: reason))
            }
            (firstCoder, secondCoder) = (0, 1)
        }
        var first: [Int32] = []
        var second: [Int32] = []
        for unit in 0..<data.units.count {
            var firstValue: Int32 = -1
            var secondValue: Int32 = -1
            for slot in data.unitOffsets[unit]..<data.unitOffsets[unit + 1] {
                let coder = Int(data.valueCoders[slot])
                if coder == firstCoder {
                    firstValue = data.valueCategories[slot]
                } else if coder == secondCoder {
                    secondValue = data.valueCategories[slot]
                }
            }
            if firstValue >= 0 && secondValue >= 0 {
                first.append(firstValue)
                second.append(secondValue)
            }
        }
        return .success(CoderPair(first: first, second: second))
    }

    /// Why two coders could not be chosen.
    struct PairError: Error, Sendable {
        let reason: String
    }

    /// A result of two coders over `count` units.
    func result(_ state: ReliabilityResult.State) -> ReliabilityResult {
        ReliabilityResult(state: state, units: count, coders: 2, pairableValues: 2 * count)
    }

    static let noCommonUnits = "no unit was coded by both coders"
    static let oneCategory = "all pairable values are equal (expected disagreement is 0)"
}
