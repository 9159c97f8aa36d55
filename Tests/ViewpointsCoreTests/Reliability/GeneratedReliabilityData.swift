import ViewpointsCore

/// Random units × coders matrices (nil = missing) for property and cross-checking tests.
struct GeneratedReliabilityData: Sendable {
    /// `matrix[unit][coder]`.
    var matrix: [[String?]]

    /// Coder names `c0`, `c1`, ….
    var coderNames: [String] { (0..<(matrix.first?.count ?? 0)).map { "c\($0)" } }

    /// Uniform random labels `1`…`categories` with each cell missing with probability `missing`.
    static func random(
        units: Int, coders: Int, categories: Int, missing: Double, seed: UInt64
    ) -> GeneratedReliabilityData {
        var generator = SplitMix64(seed: seed)
        let matrix = (0..<units).map { _ in
            (0..<coders).map { _ -> String? in
                if generator.unitInterval() < missing { return nil }
                return String(1 + generator.next(below: UInt64(categories)))
            }
        }
        return GeneratedReliabilityData(matrix: matrix)
    }

    /// Coders who report a unit's true category with probability `accuracy`, else a random one; population
    /// α is accuracy² for every level when the categories are equally likely.
    static func noisyCoders(
        units: Int, coders: Int, categories: Int, accuracy: Double, generator: inout SplitMix64
    ) -> GeneratedReliabilityData {
        let matrix = (0..<units).map { _ in
            let truth = 1 + generator.next(below: UInt64(categories))
            return (0..<coders).map { _ -> String? in
                let value = generator.unitInterval() < accuracy ? truth : 1 + generator.next(below: UInt64(categories))
                return String(value)
            }
        }
        return GeneratedReliabilityData(matrix: matrix)
    }

    /// The long-format rows, unit by unit, coder by coder.
    var triples: [(unit: String, coder: String, value: String)] {
        var rows: [(unit: String, coder: String, value: String)] = []
        for (unit, row) in matrix.enumerated() {
            for (coder, value) in row.enumerated() {
                if let value { rows.append((unit: "u\(unit)", coder: "c\(coder)", value: value)) }
            }
        }
        return rows
    }

    /// The data for a level (numbers are required unless nominal).
    func data(level: MeasurementLevel = .nominal) throws -> ReliabilityData {
        try ReliabilityData(triples, level: level)
    }

    /// The same values with every label renamed through `rename`.
    func relabeled(_ rename: (String) -> String) -> GeneratedReliabilityData {
        GeneratedReliabilityData(matrix: matrix.map { $0.map { $0.map(rename) } })
    }
}

extension SplitMix64 {
    /// A uniform double in [0, 1) from the top 53 bits.
    mutating func unitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// The elements in a random order (Fisher–Yates).
    mutating func shuffled<Element>(_ elements: [Element]) -> [Element] {
        var result = elements
        for index in stride(from: result.count - 1, to: 0, by: -1) {
            let other = Int(next(below: UInt64(index + 1)))
            result.swapAt(index, other)
        }
        return result
    }
}
