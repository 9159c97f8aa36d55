/// Small-cell suppression of a breakdown: which groups of one row set have their counts withheld.
public enum Suppression: String, Sendable, Equatable {
    /// Shown.
    case shown
    /// Fewer than K participants: it would reveal individuals.
    case small
    /// Withheld so that the one small group cannot be recovered by subtracting the others from the total.
    case secondary

    /// Whether the counts are withheld.
    public var isSuppressed: Bool { self != .shown }

    /// For groups with these names and sizes (participants), in the same order: groups smaller than `minCell`
    /// are `small`; when exactly one is, the smallest other group (ties by name) is `secondary`.
    /// `minCell` 0 shows everything.
    public static func decide(groups: [(name: String, size: Int)], minCell: Int) -> [Suppression] {
        var result = groups.map { $0.size < minCell ? Suppression.small : .shown }
        guard result.filter({ $0 == .small }).count == 1 else { return result }
        let next = groups.indices.filter { result[$0] == .shown }.min { a, b in
            (groups[a].size, groups[a].name) < (groups[b].size, groups[b].name)
        }
        if let next { result[next] = .secondary }
        return result
    }
}

extension ConsensusRow {
    /// Applies small-cell suppression to a breakdown: each code's rows are one row set, decided by their
    /// groups' participants (N). Rows keep their order.
    public static func suppressing(_ rows: [ConsensusRow], minCell: Int) -> [ConsensusRow] {
        var result = rows
        var setsByCode: [String: [Int]] = [:]
        for (index, row) in rows.enumerated() { setsByCode[row.code, default: []].append(index) }
        for indices in setsByCode.values {
            let groups = indices.map { (name: rows[$0].group ?? "", size: rows[$0].tally.participants) }
            for (index, decision) in zip(indices, Suppression.decide(groups: groups, minCell: minCell)) {
                result[index].suppression = decision
            }
        }
        return result
    }
}
