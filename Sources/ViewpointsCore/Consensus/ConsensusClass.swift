/// How far the participants who addressed a proposition agree; the first matching class wins.
public enum ConsensusClass: String, Sendable, CaseIterable {
    /// Fewer than `minAddressed` participants addressed it.
    case insufficient
    /// Everyone who addressed it supports it (resp. opposes it), and they are at least half the panel.
    case unanimousSupport = "unanimous-support"
    case unanimousOppose = "unanimous-oppose"
    /// At least `strong` of those who addressed it (Delphi: 75%, Diamond et al. 2014).
    case strongSupport = "strong-support"
    case strongOppose = "strong-oppose"
    /// More than half of those who addressed it.
    case majoritySupport = "majority-support"
    case majorityOppose = "majority-oppose"
    /// More than half of those who addressed it are neutral.
    case mostlyNeutral = "mostly-neutral"
    case divided

    /// The class of `tally` under `thresholds`.
    public init(_ tally: ConsensusTally, _ thresholds: ConsensusThresholds = .init()) {
        let n = tally.addressed
        let big = tally.participants
        let (k, o) = (tally.support, tally.oppose)
        if n < thresholds.minAddressed || n == 0 {
            self = .insufficient
        } else if k == n && 2 * n >= big {
            self = .unanimousSupport
        } else if o == n && 2 * n >= big {
            self = .unanimousOppose
        } else if Double(k) / Double(n) >= thresholds.strong {
            self = .strongSupport
        } else if Double(o) / Double(n) >= thresholds.strong {
            self = .strongOppose
        } else if 2 * k > n {
            self = .majoritySupport
        } else if 2 * o > n {
            self = .majorityOppose
        } else if 2 * tally.neutral > n {
            self = .mostlyNeutral
        } else {
            self = .divided
        }
    }
}

/// `--min-addressed` and `--strong`.
public struct ConsensusThresholds: Sendable, Equatable {
    /// Below this many participants who addressed it, no class or quantifier is given (default 3).
    public var minAddressed: Int
    /// The share of those who addressed it that makes a strong consensus (default 0.75).
    public var strong: Double

    public init(minAddressed: Int = 3, strong: Double = 0.75) {
        self.minAddressed = minAddressed
        self.strong = strong
    }
}
