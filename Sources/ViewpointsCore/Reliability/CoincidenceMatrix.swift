/// Krippendorff's coincidence matrix o(c,k) over the points of a scale, built in one pass over units.
///
/// Each pairable unit u (m(u) ≥ 2 values) adds 1/(m(u) − 1) for every ordered pair of its values
/// from different coders, so every pairable value contributes exactly 1 to the matrix total n.
struct CoincidenceMatrix: Sendable {
    /// Number of points (rows and columns).
    let size: Int
    /// Row-major cells o(c,k).
    let cells: [Double]
    /// Row sums n(c).
    let marginals: [Double]
    /// Pairable units.
    let units: Int
    /// Coders with a value in a pairable unit.
    let coders: Int
    /// Pairable values n.
    let values: Int

    init(_ data: ReliabilityData, scale: AlphaScale) {
        let size = scale.count
        var cells = [Double](repeating: 0, count: size * size)
        var coderSeen = [Bool](repeating: false, count: data.coders.count)
        var weights = [Double](repeating: 0, count: data.coders.count + 1)
        for size in stride(from: 2, to: weights.count, by: 1) {
            weights[size] = 1 / Double(size - 1)
        }
        var units = 0
        var values = 0
        data.unitOffsets.withUnsafeBufferPointer { offsets in
            data.valueCategories.withUnsafeBufferPointer { categories in
                data.valueCoders.withUnsafeBufferPointer { coders in
                    scale.pointOf.withUnsafeBufferPointer { pointOf in
                        cells.withUnsafeMutableBufferPointer { cells in
                            coderSeen.withUnsafeMutableBufferPointer { seen in
                                for unit in 0..<(offsets.count - 1) {
                                    let start = offsets[unit]
                                    let end = offsets[unit + 1]
                                    let count = end - start
                                    if count < 2 { continue }
                                    units += 1
                                    values += count
                                    let weight = weights[count]
                                    for first in start..<end {
                                        seen[Int(coders[first])] = true
                                        let row = Int(pointOf[Int(categories[first])]) * size
                                        for second in start..<end where second != first {
                                            cells[row + Int(pointOf[Int(categories[second])])] += weight
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var marginals = [Double](repeating: 0, count: size)
        for row in 0..<size {
            var sum = 0.0
            for column in 0..<size {
                sum += cells[row * size + column]
            }
            marginals[row] = sum
        }
        self.size = size
        self.cells = cells
        self.marginals = marginals
        self.units = units
        self.coders = coderSeen.reduce(0) { $0 + ($1 ? 1 : 0) }
        self.values = values
    }

    /// Σ o(c,k) δ²(c,k) and Σ n(c) n(k) δ²(c,k), the numerators of observed and expected disagreement.
    func disagreementSums(scale: AlphaScale) -> (observed: Double, expected: Double) {
        let coordinates = scale.coordinates(marginals: marginals)
        var observed = 0.0
        var expected = 0.0
        for row in 0..<size where marginals[row] > 0 {
            for column in 0..<size where column != row && marginals[column] > 0 {
                let delta = AlphaScale.difference(row, column, level: scale.level, coordinates: coordinates)
                observed += cells[row * size + column] * delta
                expected += marginals[row] * marginals[column] * delta
            }
        }
        return (observed, expected)
    }
}
