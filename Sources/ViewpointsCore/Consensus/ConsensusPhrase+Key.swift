extension ConsensusPhrase {
    /// What a phrase says, without its numbers: robustness asks whether this stays the same.
    public enum Key: Sendable, Hashable, CustomStringConvertible {
        /// `Too few participants addressed it`.
        case tooFew
        /// `Divided: …`.
        case divided
        /// `Mostly neutral: …`.
        case mostlyNeutral
        /// A quantifier of the panel and a side: `Most participants agreed`.
        case quantified(Quantifier, Side)

        /// E.g. `most agreed`, `divided`, `too few`.
        public var description: String {
            switch self {
            case .tooFew: "too few"
            case .divided: "divided"
            case .mostlyNeutral: "mostly neutral"
            case .quantified(let quantifier, let side): "\(quantifier.rawValue) \(side.rawValue)"
            }
        }
    }

    /// The quantifiers in the order the rules try them (first match wins).
    public enum Quantifier: String, Sendable, Hashable, CaseIterable {
        case all, most, many, some
        case aFew = "a few"
        case one
        case no
    }

    /// Which side the phrase reports: support ("agreed") when support ≥ oppose, else oppose ("disagreed").
    public enum Side: String, Sendable, Hashable {
        case agreed, disagreed
    }

    /// The key of `text(tally, thresholds)`: the same rules, without the numbers.
    public static func key(_ tally: ConsensusTally, _ thresholds: ConsensusThresholds = .init()) -> Key {
        switch ConsensusClass(tally, thresholds) {
        case .insufficient: return .tooFew
        case .divided: return .divided
        case .mostlyNeutral: return .mostlyNeutral
        default: break
        }
        let supportSide = tally.support >= tally.oppose
        let m = supportSide ? tally.support : tally.oppose
        let side: Side = supportSide ? .agreed : .disagreed
        return .quantified(
            quantifier(m: m, addressed: tally.addressed, participants: tally.participants), side)
    }

    /// The quantifier for m participants on the phrase's side, n who addressed it and a panel of N.
    static func quantifier(m: Int, addressed n: Int, participants big: Int) -> Quantifier {
        if m == n && 2 * n >= big { return .all }
        if 2 * m > big { return .most }
        if 10 * m >= 3 * big { return .many }
        if 10 * m >= big { return .some }
        if m >= 2 { return .aFew }
        if m == 1 { return .one }
        return .no
    }
}
