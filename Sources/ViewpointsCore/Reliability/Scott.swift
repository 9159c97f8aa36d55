/// Scott's π for two coders (Scott 1955): chance agreement from the coders' pooled proportions.
public enum Scott {
    /// π = 1 − (1 − P_o) / (1 − P_e), P_e = Σ p(c)², p(c) the pooled share of category c.
    public static func pi(_ data: ReliabilityData, coders: (String, String)? = nil) -> ReliabilityResult {
        let pair: CoderPair
        switch CoderPair.select(data, coders: coders, statistic: "Scott's π") {
        case .success(let selected): pair = selected
        case .failure(let error): return .notApplicable(error.reason)
        }
        guard pair.count > 0 else { return pair.result(.undefined(reason: CoderPair.noCommonUnits)) }
        var pooled = [Int](repeating: 0, count: data.categories.count)
        var disagreements = 0
        for unit in 0..<pair.count {
            pooled[Int(pair.first[unit])] += 1
            pooled[Int(pair.second[unit])] += 1
            if pair.first[unit] != pair.second[unit] { disagreements += 1 }
        }
        // Exact integers: 1 − P_e = (4n² − Σ s(c)²) / 4n² with s(c) the pooled count.
        let units = pair.count
        let chanceDisagreement = 4 * units * units - pooled.reduce(0) { $0 + $1 * $1 }
        guard chanceDisagreement > 0 else { return pair.result(.undefined(reason: CoderPair.oneCategory)) }
        let value = 1 - Double(4 * units * disagreements) / Double(chanceDisagreement)
        return pair.result(.defined(value))
    }

    /// The pooled share of each category label over both coders' values (the "joint proportions").
    static func jointProportions(_ data: ReliabilityData, coders: (String, String)? = nil) -> [String: Double] {
        guard case .success(let pair) = CoderPair.select(data, coders: coders, statistic: "Scott's π"),
            pair.count > 0
        else { return [:] }
        var shares: [String: Double] = [:]
        for category in pair.first + pair.second {
            shares[data.categories[Int(category)], default: 0] += 1 / Double(2 * pair.count)
        }
        return shares
    }
}
