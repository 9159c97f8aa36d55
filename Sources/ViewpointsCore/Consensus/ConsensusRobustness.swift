/// How stable one row's wording is: fragility (exact), panel resampling and coder sensitivity.
public struct ConsensusRobustness: Sendable, Equatable {
    /// The fewest participants whose changed stance alters the phrase's key, resp. the class (nil: none can).
    public var fragilityPhrase: Int?
    public var fragilityClass: Int?
    /// Panel resampling; nil for an empty panel.
    public var bootstrap: PanelBootstrap?
    /// Each reviewing coder's version, in coder order; nil when not computed (an analyst cannot read per-coder
    /// decisions), empty when nobody reviewed a statement of the proposition.
    public var coders: [CoderVersion]?
    /// The reported phrase key that coders' versions are compared with.
    public var reported: ConsensusPhrase.Key

    /// Fragility and resampling of `tally`; coder versions as given.
    public init(
        _ tally: ConsensusTally, _ thresholds: ConsensusThresholds, resamples: Int, seed: UInt64,
        coders: [CoderVersion]?
    ) {
        fragilityPhrase = Fragility.phrase(tally, thresholds)
        fragilityClass = Fragility.consensusClass(tally, thresholds)
        bootstrap = PanelBootstrap(tally, thresholds, resamples: resamples, seed: seed)
        self.coders = coders
        reported = ConsensusPhrase.key(tally, thresholds)
    }

    /// Whether every coder's version keeps the reported quantifier and side; nil when no coder version exists.
    public var codersAgree: Bool? {
        guard let coders, !coders.isEmpty else { return nil }
        return coders.allSatisfy { $0.phrase == reported }
    }

    /// The coders whose version changes the phrase's key, in coder order.
    public var dissentingCoders: [String] {
        (coders ?? []).filter { $0.phrase != reported }.map(\.coder)
    }

    /// One line for the narrow table, e.g. `robustness: 9 changes alter the phrase, 2 the class; phrase kept in
    /// 96.1% of resamples, class in 61.0%; support 0.66–0.88; coders agree`.
    /// The report's label for a key finding (METHODS.md, "Robust or fragile"): robust when at least
    /// `Verdict.minimumChanges` participants would have to answer otherwise to change its wording, at least
    /// `Verdict.minimumStability` of resampled panels keep the wording, and no coder's version changes it;
    /// fragile otherwise. Nil when the fragility of the wording is not known.
    public var verdict: Verdict? {
        guard let fragility = fragilityPhrase else { return nil }
        let stable = bootstrap.map { $0.phraseStability >= Verdict.minimumStability } ?? true
        return fragility >= Verdict.minimumChanges && stable && codersAgree != false ? .robust : .fragile
    }

    /// Robust or fragile, by the rule of `verdict`.
    public enum Verdict: String, Sendable {
        case robust, fragile

        /// Fewest changed participants a robust finding needs.
        public static let minimumChanges = 3
        /// Smallest share of resampled panels that keep a robust finding's wording.
        public static let minimumStability = 0.9
    }

    public var summary: String {
        func changes(_ count: Int?) -> String {
            guard let count else { return "none" }
            return count == 1 ? "1 change" : "\(count) changes"
        }
        var parts = ["fragility \(changes(fragilityPhrase)) (phrase), \(changes(fragilityClass)) (class)"]
        if let bootstrap {
            var part =
                "kept in \(percent(bootstrap.phraseStability)) / \(percent(bootstrap.classStability)) of resamples"
            if let low = bootstrap.supportLow, let high = bootstrap.supportHigh {
                part += ", support \(decimal(low))–\(decimal(high))"
            }
            parts.append(part)
        }
        if let agree = codersAgree {
            parts.append(agree ? "coders agree" : "differs for \(dissentingCoders.joined(separator: ", "))")
        }
        return parts.joined(separator: "; ")
    }

    func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded(.toNearestOrAwayFromZero))
        return "\(tenths / 10).\(tenths % 10)%"
    }

    func decimal(_ share: Double) -> String {
        let hundredths = Int((share * 100).rounded(.toNearestOrAwayFromZero))
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
