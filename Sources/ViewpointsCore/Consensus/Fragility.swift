/// Fragility of a finding: the fewest participants whose participant stance, changed to any other value (another
/// stance or not addressed), would change the phrase's key (quantifier and side, or divided / mostly neutral /
/// too few) or the consensus class. Exact, by the method of METHODS.md ("Robustness of findings").
///
/// A change moves one participant between the categories support, neutral, oppose and not addressed; reaching
/// counts (k′, z′, o′, u′) from (k, z, o, u) takes the sum of the decreases. The class and the phrase are decision
/// lists, so the key changes exactly when an earlier rule becomes true or the matching one false; every such rule is
/// a condition on the panel's addressed count n′ and one category's count f′ alone (support, oppose or neutral).
/// For such a condition, the cheapest target with given (f′, n′) costs
/// (f − f′)⁺ + (r − r′)⁺ + (n′ − n)⁺, with r = n − f and r′ = n′ − f′ (the other two addressed categories
/// shrink by r − r′ between them, not addressed by n′ − n); for each f′ the allowed n′ form at most two
/// intervals, over which that cost is convex, so its minimum lies at an interval end or a kink. Every f′ from
/// 0 to N is tried: O(N log N) per rule, with no enumeration of count vectors.
///
/// Requires `strong` above 0.5 (as `--strong` does): then strong implies a majority.
public enum Fragility {
    /// The fewest changes that alter the phrase's key; nil when no change of the panel can (e.g. N < min-addressed).
    public static func phrase(_ tally: ConsensusTally, _ thresholds: ConsensusThresholds = .init()) -> Int? {
        let counts = Counts(tally)
        let least = max(1, thresholds.minAddressed)
        var rules: [(focus: Int, target: Target)]
        switch ConsensusPhrase.key(tally, thresholds) {
        case .tooFew:
            rules = [(counts.support, .addressedAtLeast(least))]
        case .divided:
            rules = [
                (counts.support, .addressedBelow(least)), (counts.support, .majority), (counts.oppose, .majority),
                (counts.neutral, .majority),
            ]
        case .mostlyNeutral:
            rules = [(counts.neutral, .addressedBelow(least)), (counts.neutral, .noMajority)]
        case .quantified(let quantifier, let side):
            // Quantified on this side ⇔ n′ ≥ min-addressed and 2f′ > n′; then the quantifier is a decision list on f′.
            let focus = side == .agreed ? counts.support : counts.oppose
            rules = [(focus, .addressedBelow(least)), (focus, .noMajority)]
            let big = counts.participants
            let list: [(yes: Target, no: Target)] = [
                (.unanimous, .notUnanimous),
                (.focus { 2 * $0 > big }, .focus { 2 * $0 <= big }),
                (.focus { 10 * $0 >= 3 * big }, .focus { 10 * $0 < 3 * big }),
                (.focus { 10 * $0 >= big }, .focus { 10 * $0 < big }),
                (.focus { $0 >= 2 }, .focus { $0 < 2 }),
                (.focus { $0 >= 1 }, .focus { $0 < 1 }),
            ]
            let index = ConsensusPhrase.Quantifier.allCases.firstIndex(of: quantifier)!
            rules += list.prefix(index).map { (focus, $0.yes) }
            if index < list.count { rules.append((focus, list[index].no)) }
        }
        return cheapest(counts, rules)
    }

    /// The fewest changes that alter the consensus class; nil when no change of the panel can.
    public static func consensusClass(_ tally: ConsensusTally, _ thresholds: ConsensusThresholds = .init()) -> Int? {
        let counts = Counts(tally)
        let (k, o) = (counts.support, counts.oppose)
        let strong = thresholds.strong
        // ConsensusClass's rules in order: the class changes when an earlier one becomes true or its own false
        let list: [(focus: Int, yes: Target, no: Target)] = [
            (k, .addressedBelow(max(1, thresholds.minAddressed)), .addressedAtLeast(max(1, thresholds.minAddressed))),
            (k, .unanimous, .notUnanimous), (o, .unanimous, .notUnanimous),
            (k, .shareAtLeast(strong), .shareBelow(strong)), (o, .shareAtLeast(strong), .shareBelow(strong)),
            (k, .majority, .noMajority), (o, .majority, .noMajority), (counts.neutral, .majority, .noMajority),
        ]
        let order: [ConsensusClass] = [
            .insufficient, .unanimousSupport, .unanimousOppose, .strongSupport, .strongOppose, .majoritySupport,
            .majorityOppose, .mostlyNeutral, .divided,
        ]
        let index = order.firstIndex(of: ConsensusClass(tally, thresholds))!
        var rules = list.prefix(index).map { ($0.focus, $0.yes) }
        if index < list.count { rules.append((list[index].focus, list[index].no)) }
        return cheapest(counts, rules)
    }

    // MARK: - The cheapest target of one rule

    struct Counts {
        var support: Int
        var neutral: Int
        var oppose: Int
        var addressed: Int
        var participants: Int

        init(_ tally: ConsensusTally) {
            support = tally.support
            neutral = tally.neutral
            oppose = tally.oppose
            addressed = tally.addressed
            participants = max(tally.participants, addressed)
        }
    }

    /// A condition on (f′, n′): one category's count and the addressed count of a target.
    enum Target {
        case addressedBelow(Int)
        case addressedAtLeast(Int)
        /// f′ = n′ and 2n′ ≥ N (unanimity, and the quantifier "all").
        case unanimous
        case notUnanimous
        /// n′ > 0 and f′ / n′ ≥ strong, in double precision exactly as `ConsensusClass` computes it.
        case shareAtLeast(Double)
        case shareBelow(Double)
        /// 2f′ > n′.
        case majority
        case noMajority
        /// A condition on f′ alone.
        case focus((Int) -> Bool)
    }

    static func cheapest(_ counts: Counts, _ rules: [(focus: Int, target: Target)]) -> Int? {
        var best: Int?
        for rule in rules {
            if let cost = cheapest(focus: rule.focus, counts: counts, rule.target, below: best) {
                best = min(best ?? cost, cost)
            }
        }
        return best
    }

    /// min over targets (f′, n′) allowed by `target` of (f − f′)⁺ + (r − r′)⁺ + (n′ − n)⁺; nil when none is
    /// allowed or none costs less than `below`.
    static func cheapest(focus f: Int, counts: Counts, _ target: Target, below: Int?) -> Int? {
        let n = counts.addressed
        let big = counts.participants
        let rest = n - f
        var best = below ?? Int.max
        func consider(_ range: ClosedRange<Int>?, _ fp: Int, _ base: Int) {
            guard let range else { return }
            // convex in n′ with kinks at n (not addressed unchanged) and fp + rest (the others unchanged)
            func cost(_ np: Int) -> Int {
                let clamped = min(max(np, range.lowerBound), range.upperBound)
                return base + max(0, rest - (clamped - fp)) + max(0, clamped - n)
            }
            best = min(best, cost(range.lowerBound), cost(range.upperBound), cost(n), cost(fp + rest))
        }
        for fp in 0...big {
            let base = max(0, f - fp)
            if base >= best { continue }
            let (first, second) = allowed(target, focus: fp, participants: big)
            consider(first, fp, base)
            consider(second, fp, base)
        }
        return best < (below ?? Int.max) ? best : nil
    }

    /// The addressed counts n′ in fp … N that `target` allows with focus count fp: at most two intervals.
    static func allowed(_ target: Target, focus fp: Int, participants big: Int)
        -> (ClosedRange<Int>?, ClosedRange<Int>?)
    {
        func range(_ low: Int, _ high: Int) -> ClosedRange<Int>? {
            let low = max(low, fp)
            let high = min(high, big)
            return low <= high ? low...high : nil
        }
        switch target {
        case .addressedBelow(let least): return (range(fp, least - 1), nil)
        case .addressedAtLeast(let least): return (range(least, big), nil)
        case .unanimous: return (2 * fp >= big ? range(fp, fp) : nil, nil)
        case .notUnanimous:
            // n′ > f′, or 2n′ < N
            return (range(fp + 1, big), big >= 1 ? range(fp, (big - 1) / 2) : nil)
        case .shareAtLeast(let strong):
            let low = max(fp, 1)
            guard low <= big, share(fp, low) >= strong else { return (nil, nil) }
            // the share falls as n′ grows: the largest n′ that keeps it
            var (good, bad) = (low, big + 1)
            while bad - good > 1 {
                let middle = (good + bad) / 2
                if share(fp, middle) >= strong { good = middle } else { bad = middle }
            }
            return (range(low, good), nil)
        case .shareBelow(let strong):
            if fp == 0 { return (range(0, big), nil) }
            guard share(fp, big) < strong else { return (nil, nil) }
            var (good, bad) = (big, fp - 1)
            while good - bad > 1 {
                let middle = (good + bad) / 2
                if share(fp, middle) < strong { good = middle } else { bad = middle }
            }
            return (range(good, big), nil)
        case .majority: return (fp >= 1 ? range(fp, 2 * fp - 1) : nil, nil)
        case .noMajority: return (range(2 * fp, big), nil)
        case .focus(let condition): return (condition(fp) ? range(fp, big) : nil, nil)
        }
    }

    static func share(_ part: Int, _ whole: Int) -> Double { Double(part) / Double(whole) }
}
