/// Pairable units grouped by their multiset of points, for resampling and for scales too large for a
/// dense coincidence matrix. Units with the same profile contribute identically to α.
struct UnitProfiles: Sendable {
    /// Entries of profile p are at `offsets[p] ..< offsets[p + 1]`.
    let offsets: [Int]
    /// Point of each entry.
    let points: [Int32]
    /// How many values of the unit fall on that point.
    let counts: [Double]
    /// Values per unit of each profile, m(p).
    let sizes: [Double]
    /// Number of units with each profile.
    let multiplicities: [Double]
    /// Profile of each pairable unit, in unit order.
    let profileOfUnit: [Int32]
    /// Coders with a value in a pairable unit.
    let coders: Int
    /// Points of the scale.
    let pointCount: Int

    init(_ data: ReliabilityData, scale: AlphaScale) {
        var profileIndex: [[Int32]: Int32] = [:]
        var offsets = [0]
        var points: [Int32] = []
        var counts: [Double] = []
        var sizes: [Double] = []
        var multiplicities: [Double] = []
        var profileOfUnit: [Int32] = []
        var coderSeen = [Bool](repeating: false, count: data.coders.count)
        var buffer: [Int32] = []
        var key: [Int32] = []
        for unit in 0..<data.units.count {
            let start = data.unitOffsets[unit]
            let end = data.unitOffsets[unit + 1]
            if end - start < 2 { continue }
            buffer.removeAll(keepingCapacity: true)
            for slot in start..<end {
                coderSeen[Int(data.valueCoders[slot])] = true
                buffer.append(scale.pointOf[Int(data.valueCategories[slot])])
            }
            buffer.sort()
            key.removeAll(keepingCapacity: true)
            var position = 0
            while position < buffer.count {
                var next = position + 1
                while next < buffer.count && buffer[next] == buffer[position] { next += 1 }
                key.append(buffer[position])
                key.append(Int32(next - position))
                position = next
            }
            if let existing = profileIndex[key] {
                multiplicities[Int(existing)] += 1
                profileOfUnit.append(existing)
            } else {
                let profile = Int32(sizes.count)
                profileIndex[key] = profile
                for pair in stride(from: 0, to: key.count, by: 2) {
                    points.append(key[pair])
                    counts.append(Double(key[pair + 1]))
                }
                offsets.append(points.count)
                sizes.append(Double(end - start))
                multiplicities.append(1)
                profileOfUnit.append(profile)
            }
        }
        self.offsets = offsets
        self.points = points
        self.counts = counts
        self.sizes = sizes
        self.multiplicities = multiplicities
        self.profileOfUnit = profileOfUnit
        self.coders = coderSeen.reduce(0) { $0 + ($1 ? 1 : 0) }
        self.pointCount = scale.count
    }

    /// Number of distinct profiles.
    var count: Int { sizes.count }

    /// Point marginals n(c) when profile p is taken `weights[p]` times.
    func marginals(weights: [Double]) -> [Double] {
        var marginals = [Double](repeating: 0, count: pointCount)
        for profile in 0..<count where weights[profile] > 0 {
            for entry in offsets[profile]..<offsets[profile + 1] {
                marginals[Int(points[entry])] += weights[profile] * counts[entry]
            }
        }
        return marginals
    }

    /// Each profile's within-unit disagreement Σ n(c) n(k) δ²(c,k) / (m − 1), its share of Σ o δ².
    func disagreements(scale: AlphaScale, coordinates: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: count)
        for profile in 0..<count {
            var sum = 0.0
            let range = offsets[profile]..<offsets[profile + 1]
            for first in range {
                for second in range where second != first {
                    let delta = AlphaScale.difference(
                        Int(points[first]), Int(points[second]), level: scale.level, coordinates: coordinates
                    )
                    sum += counts[first] * counts[second] * delta
                }
            }
            result[profile] = sum / (sizes[profile] - 1)
        }
        return result
    }

    /// Σ n(c) n(k) δ²(c,k) over all pairs of points: closed forms for nominal, interval and ordinal data.
    static func expectedSum(marginals: [Double], scale: AlphaScale, coordinates: [Double]) -> Double {
        var total = 0.0
        var usedPoints = 0
        for count in marginals where count > 0 {
            total += count
            usedPoints += 1
        }
        guard usedPoints >= 2 else { return 0 }
        switch scale.level {
        case .nominal:
            var squares = 0.0
            for count in marginals { squares += count * count }
            return total * total - squares
        case .interval, .ordinal:
            var mean = 0.0
            for (point, count) in marginals.enumerated() { mean += count * coordinates[point] }
            mean /= total
            var spread = 0.0
            for (point, count) in marginals.enumerated() where count > 0 {
                let gap = coordinates[point] - mean
                spread += count * gap * gap
            }
            return 2 * total * spread
        case .ratio:
            let used = marginals.indices.filter { marginals[$0] > 0 }
            var sum = 0.0
            for first in used {
                for second in used where second != first {
                    let delta = AlphaScale.difference(first, second, level: .ratio, coordinates: coordinates)
                    sum += marginals[first] * marginals[second] * delta
                }
            }
            return sum
        }
    }
}
