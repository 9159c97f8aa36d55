import ViewpointsCore

/// Straightforward textbook formulas, written independently of the module, to cross-check it.
enum ReliabilityReferenceFormulas {
    /// α from pairwise disagreements: D_o = Σ_u Σ_{i≠j} δ²/(m_u − 1) / n over pairable units, D_e over all
    /// ordered pairs of pairable values / (n(n − 1)); nil when n = 0 or D_e = 0.
    static func alpha(_ matrix: [[String?]], level: MeasurementLevel) -> Double? {
        let units = matrix.map { $0.compactMap { $0 } }.filter { $0.count >= 2 }
        let pooled = units.flatMap { $0 }
        let count = Double(pooled.count)
        guard count > 0 else { return nil }
        let frequency = Dictionary(pooled.map { (Double($0)!, 1.0) }, uniquingKeysWith: +)
        func delta(_ first: String, _ second: String) -> Double {
            if level == .nominal { return first == second ? 0 : 1 }
            let (x, y) = (Double(first)!, Double(second)!)
            switch level {
            case .nominal: return 0
            case .interval: return (x - y) * (x - y)
            case .ratio: return x + y == 0 ? 0 : ((x - y) / (x + y)) * ((x - y) / (x + y))
            case .ordinal:
                let (low, high) = (min(x, y), max(x, y))
                if low == high { return 0 }
                let between = frequency.filter { $0.key >= low && $0.key <= high }.values.reduce(0, +)
                let gap = between - (frequency[low]! + frequency[high]!) / 2
                return gap * gap
            }
        }
        var observed = 0.0
        for unit in units {
            var sum = 0.0
            for i in unit.indices {
                for j in unit.indices where j != i { sum += delta(unit[i], unit[j]) }
            }
            observed += sum / Double(unit.count - 1)
        }
        var expected = 0.0
        for i in pooled.indices {
            for j in pooled.indices where j != i { expected += delta(pooled[i], pooled[j]) }
        }
        guard expected > 0 else { return nil }
        return 1 - (observed / count) / (expected / (count * (count - 1)))
    }

    /// Pairs of values of coders `first` and `second` over the units both coded.
    static func pairs(_ matrix: [[String?]], _ first: Int, _ second: Int) -> [(String, String)] {
        matrix.compactMap { row in
            guard let a = row[first], let b = row[second] else { return nil }
            return (a, b)
        }
    }

    /// Cohen's κ (weighted with agreement weights 1 − |i − j|/(k − 1) or 1 − (i − j)²/(k − 1)² over the
    /// given positions) from a k × k contingency table; nil when chance agreement is 1.
    static func cohen(
        _ pairs: [(String, String)], weights: Cohen.Weights, positions: [String: Double]? = nil
    ) -> Double? {
        let labels = Array(Set(pairs.flatMap { [$0.0, $0.1] })).sorted()
        let size = labels.count
        let n = Double(pairs.count)
        guard n > 0 else { return nil }
        var table = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
        for (a, b) in pairs { table[labels.firstIndex(of: a)!][labels.firstIndex(of: b)!] += 1 }
        let position = labels.map { positions?[$0] ?? 0 }
        let span = (position.max() ?? 0) - (position.min() ?? 0)
        func agreement(_ i: Int, _ j: Int) -> Double {
            switch weights {
            case .none: return i == j ? 1 : 0
            case .linear: return span == 0 ? 1 : 1 - abs(position[i] - position[j]) / span
            case .quadratic: return span == 0 ? 1 : 1 - pow2(position[i] - position[j]) / pow2(span)
            }
        }
        let rows = table.map { $0.reduce(0, +) / n }
        let columns = (0..<size).map { j in table.reduce(0) { $0 + $1[j] } / n }
        var observed = 0.0
        var chance = 0.0
        for i in 0..<size {
            for j in 0..<size {
                observed += agreement(i, j) * table[i][j] / n
                chance += agreement(i, j) * rows[i] * columns[j]
            }
        }
        guard abs(1 - chance) > 1e-12 else { return nil }
        return (observed - chance) / (1 - chance)
    }

    /// Scott's π with pooled proportions; nil when chance agreement is 1.
    static func scott(_ pairs: [(String, String)]) -> Double? {
        guard !pairs.isEmpty else { return nil }
        let n = Double(pairs.count)
        let observed = Double(pairs.filter { $0.0 == $0.1 }.count) / n
        let pooled = Dictionary(pairs.flatMap { [($0.0, 1.0), ($0.1, 1.0)] }, uniquingKeysWith: +)
        let chance = pooled.values.reduce(0) { $0 + pow2($1 / (2 * n)) }
        guard abs(1 - chance) > 1e-12 else { return nil }
        return (observed - chance) / (1 - chance)
    }

    /// Fleiss' κ from the subjects × categories count table; nil when not every unit has the same m ≥ 2.
    static func fleiss(_ matrix: [[String?]]) -> Double? {
        let units = matrix.map { $0.compactMap { $0 } }.filter { !$0.isEmpty }
        guard let m = units.first?.count, m >= 2, units.allSatisfy({ $0.count == m }) else { return nil }
        let labels = Array(Set(units.flatMap { $0 })).sorted()
        let table = units.map { unit in labels.map { label in Double(unit.filter { $0 == label }.count) } }
        let subjects = Double(units.count)
        let raters = Double(m)
        let agreement = table.map { row in (row.reduce(0) { $0 + $1 * $1 } - raters) / (raters * (raters - 1)) }
        let meanAgreement = agreement.reduce(0, +) / subjects
        let shares = labels.indices.map { j in table.reduce(0) { $0 + $1[j] } / (subjects * raters) }
        let chance = shares.reduce(0) { $0 + $1 * $1 }
        guard abs(1 - chance) > 1e-12 else { return nil }
        return (meanAgreement - chance) / (1 - chance)
    }

    private static func pow2(_ x: Double) -> Double { x * x }
}
