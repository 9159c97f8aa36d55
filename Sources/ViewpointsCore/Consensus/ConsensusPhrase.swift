/// The report's wording for a tally: a quantifier of the whole panel N, with both denominators.
public enum ConsensusPhrase {
    /// E.g. `Most participants agreed (39 of 60; 39 of 50 who addressed it)`.
    ///
    /// The side is support when support ≥ oppose, else oppose; m is that side's count. First match wins:
    /// n < min-addressed: too few; m = n and 2n ≥ N: all; 2m > N: most; 10m ≥ 3N: many; 10m ≥ N: some;
    /// m ≥ 2: a few; m = 1: one; else no participant.
    ///
    /// A `divided` or `mostly-neutral` proposition names every side instead, so that a phrase pasted into a
    /// report never reads as one-sided when the other side is as large: `Divided: 3 agreed, 3 disagreed,
    /// 2 neutral (8 of 17 addressed it)`, `Mostly neutral: 5 neutral, 2 agreed, 1 disagreed (8 of 60 addressed it)`.
    public static func text(_ tally: ConsensusTally, _ thresholds: ConsensusThresholds = .init()) -> String {
        let n = tally.addressed
        let big = tally.participants
        switch ConsensusClass(tally, thresholds) {
        case .divided:
            return "Divided: \(tally.support) agreed, \(tally.oppose) disagreed, \(tally.neutral) neutral "
                + "(\(n) of \(big) addressed it)"
        case .mostlyNeutral:
            return "Mostly neutral: \(tally.neutral) neutral, \(tally.support) agreed, \(tally.oppose) disagreed "
                + "(\(n) of \(big) addressed it)"
        default: break
        }
        let supportSide = tally.support >= tally.oppose
        let m = supportSide ? tally.support : tally.oppose
        let verb = supportSide ? "agreed" : "disagreed"
        let both = "(\(m) of \(big); \(m) of \(n) who addressed it)"
        if n < thresholds.minAddressed || n == 0 { return "Too few participants addressed it (\(n) of \(big))" }
        if m == n && 2 * n >= big { return "All participants who addressed it \(verb) (\(n) of \(big))" }
        if 2 * m > big { return "Most participants \(verb) \(both)" }
        if 10 * m >= 3 * big { return "Many participants \(verb) \(both)" }
        if 10 * m >= big { return "Some participants \(verb) \(both)" }
        if m >= 2 { return "A few participants \(verb) \(both)" }
        if m == 1 { return "One participant \(verb) \(both)" }
        return "No participant \(verb) (0 of \(big))"
    }
}
