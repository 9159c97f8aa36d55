import Testing

@testable import ViewpointsCore

/// Fragility against brute force: every count vector a panel can reach, each with its cost.
@Suite struct FragilityTests {
    /// (support, neutral, oppose, not addressed).
    typealias Counts = (k: Int, z: Int, o: Int, u: Int)

    static func tally(_ c: Counts) -> ConsensusTally {
        ConsensusTally(participants: c.k + c.z + c.o + c.u, support: c.k, neutral: c.z, oppose: c.o)
    }

    /// Every count vector of a panel of `big`.
    static func vectors(_ big: Int) -> [Counts] {
        var result: [Counts] = []
        for k in 0...big {
            for z in 0...(big - k) {
                for o in 0...(big - k - z) { result.append((k, z, o, big - k - z - o)) }
            }
        }
        return result
    }

    /// The sum of the decreases: the participants who must change.
    static func cost(_ a: Counts, _ b: Counts) -> Int {
        max(0, a.k - b.k) + max(0, a.z - b.z) + max(0, a.o - b.o) + max(0, a.u - b.u)
    }

    /// The brute-force fragility of every vector of a panel, by phrase key and by class.
    static func bruteForce(_ big: Int, _ thresholds: ConsensusThresholds) -> [(Counts, Int?, Int?)] {
        let all = vectors(big)
        let phrases = all.map { ConsensusPhrase.key(tally($0), thresholds) }
        let classes = all.map { ConsensusClass(tally($0), thresholds) }
        return all.indices.map { i in
            var (phrase, klass): (Int?, Int?) = (nil, nil)
            for j in all.indices {
                let c = cost(all[i], all[j])
                if phrases[j] != phrases[i], c < (phrase ?? .max) { phrase = c }
                if classes[j] != classes[i], c < (klass ?? .max) { klass = c }
            }
            return (all[i], phrase, klass)
        }
    }

    static let thresholdSets: [ConsensusThresholds] = [
        .init(), .init(minAddressed: 1, strong: 0.75), .init(minAddressed: 2, strong: 0.8),
        .init(minAddressed: 4, strong: 1.0), .init(minAddressed: 3, strong: 0.6), .init(minAddressed: 5, strong: 0.9),
    ]

    @Test(arguments: 0...12)
    func equalsBruteForceForSmallPanels(_ big: Int) {
        for thresholds in FragilityTests.thresholdSets {
            for (counts, phrase, klass) in FragilityTests.bruteForce(big, thresholds) {
                let tally = FragilityTests.tally(counts)
                #expect(
                    Fragility.phrase(tally, thresholds) == phrase,
                    "phrase of \(counts) with \(thresholds)")
                #expect(
                    Fragility.consensusClass(tally, thresholds) == klass,
                    "class of \(counts) with \(thresholds)")
            }
        }
    }

    /// Brute force for one vector of a larger panel.
    static func bruteForce(_ counts: Counts, _ thresholds: ConsensusThresholds) -> (Int?, Int?) {
        let big = counts.k + counts.z + counts.o + counts.u
        let start = tally(counts)
        let phrase = ConsensusPhrase.key(start, thresholds)
        let klass = ConsensusClass(start, thresholds)
        var result: (Int?, Int?) = (nil, nil)
        for target in vectors(big) {
            let c = cost(counts, target)
            if c >= (result.0 ?? .max) && c >= (result.1 ?? .max) { continue }
            let other = tally(target)
            if c < (result.0 ?? .max), ConsensusPhrase.key(other, thresholds) != phrase { result.0 = c }
            if c < (result.1 ?? .max), ConsensusClass(other, thresholds) != klass { result.1 = c }
        }
        return result
    }

    @Test func workedExample() {
        // 39 of 60 support, 50 addressed (3, 3, 5, 25, 14): "Most" needs 9 supporters fewer to become "Many",
        // strong-support only 2 supporters turned neutral (37 / 50 = 0.74)
        let tally = ConsensusTally(participants: 60, stances: [3, 3, 5, 25, 14])
        #expect(Fragility.phrase(tally) == 9)
        #expect(Fragility.consensusClass(tally) == 2)
        let fewer = ConsensusTally(participants: 60, support: 30, neutral: 5, oppose: 6)
        #expect(ConsensusPhrase.key(fewer) == .quantified(.many, .agreed))
        let turned = ConsensusTally(participants: 60, support: 37, neutral: 7, oppose: 6)
        #expect(ConsensusClass(turned) == .majoritySupport)
    }

    /// Tallies on both sides of every threshold of the wording rules and the classes, in panels of 20, 60 and 61.
    static func edges(_ big: Int) -> [(String, Counts, Counts)] {
        let half = big / 2
        let many = (3 * big + 9) / 10  // least m with 10m ≥ 3N
        let some = (big + 9) / 10  // least m with 10m ≥ N
        // one neutral participant keeps "all who addressed it" out of the quantifier edges
        func side(_ m: Int, neutral: Int = 1) -> Counts { (m, neutral, 0, big - m - neutral) }
        return [
            ("most", side(half + 1), side(half)), ("many", side(many), side(many - 1)),
            ("some", side(some), side(some - 1)), ("a few", (2, 1, 0, big - 3), (1, 1, 0, big - 2)),
            ("all", side((big + 1) / 2, neutral: 0), side((big + 1) / 2, neutral: 1)),
            ("all needs half the panel", side((big + 1) / 2, neutral: 0), side((big + 1) / 2 - 1, neutral: 0)),
            ("too few", (3, 0, 0, big - 3), (2, 0, 0, big - 2)),
            ("strong", (15, 5, 0, big - 20), (14, 6, 0, big - 20)),
            ("majority", (6, 5, 0, big - 11), (5, 6, 0, big - 11)),
            ("side", (5, 0, 4, big - 9), (4, 0, 5, big - 9)),
            ("mostly neutral", (2, 5, 2, big - 9), (2, 4, 3, big - 9)),
            ("divided", (4, 4, 0, big - 8), (5, 3, 0, big - 8)),
            ("oppose most", (0, 1, half + 1, big - half - 2), (0, 1, half, big - half - 1)),
        ]
    }

    @Test(arguments: [20, 60, 61])
    func everyThresholdEdgeIsOneChangeAway(_ big: Int) {
        for (name, one, other) in FragilityTests.edges(big) {
            #expect(FragilityTests.cost(one, other) == 1, "\(name): the edge is one change")
            let (a, b) = (FragilityTests.tally(one), FragilityTests.tally(other))
            let phraseChanges =
                ConsensusPhrase.text(a) != ConsensusPhrase.text(b)
                && ConsensusPhrase.key(a) != ConsensusPhrase.key(b)
            let classChanges = ConsensusClass(a) != ConsensusClass(b)
            #expect(phraseChanges || classChanges, "\(name) in \(big): the rules treat the two sides alike")
            for (counts, tally) in [(one, a), (other, b)] {
                if phraseChanges { #expect(Fragility.phrase(tally) == 1, "\(name) \(counts) phrase") }
                if classChanges { #expect(Fragility.consensusClass(tally) == 1, "\(name) \(counts) class") }
                let (phrase, klass) = FragilityTests.bruteForce(counts, .init())
                #expect(Fragility.phrase(tally) == phrase, "\(name) \(counts) phrase against brute force")
                #expect(Fragility.consensusClass(tally) == klass, "\(name) \(counts) class against brute force")
            }
        }
    }

    @Test func equalsBruteForceOnRandomLargerPanels() {
        var generator = SplitMix64(seed: 17)
        for _ in 0..<25 {
            let big = 20 + Int(generator.next(below: 60))
            let k = Int(generator.next(below: UInt64(big + 1)))
            let z = Int(generator.next(below: UInt64(big - k + 1)))
            let o = Int(generator.next(below: UInt64(big - k - z + 1)))
            let counts: Counts = (k, z, o, big - k - z - o)
            let thresholds = FragilityTests.thresholdSets[Int(generator.next(below: 6))]
            let (phrase, klass) = FragilityTests.bruteForce(counts, thresholds)
            let tally = FragilityTests.tally(counts)
            #expect(Fragility.phrase(tally, thresholds) == phrase, "\(counts) \(thresholds)")
            #expect(Fragility.consensusClass(tally, thresholds) == klass, "\(counts) \(thresholds)")
        }
    }

    @Test func largePanelsAreQuickAndSensible() {
        // 10,000 participants, 8,000 support of 9,500 addressing: "Most", strong-support (0.842)
        let tally = ConsensusTally(participants: 10_000, support: 8_000, neutral: 1_000, oppose: 500)
        // the phrase becomes "All who addressed it" when the 1,500 others leave or join (cheaper than the 3,000
        // supporters fewer that "Many" needs); the class leaves strong at 8,000 − t < 0.75 · 9,500: t = 876
        #expect(Fragility.phrase(tally) == 1_500)
        #expect(Fragility.consensusClass(tally) == 876)
    }

    @Test func aPanelTooSmallForAnyClassCannotChange() {
        let tally = ConsensusTally(participants: 2, support: 2, neutral: 0, oppose: 0)
        #expect(Fragility.phrase(tally) == nil)
        #expect(Fragility.consensusClass(tally) == nil)
        #expect(Fragility.phrase(ConsensusTally(participants: 0, support: 0, neutral: 0, oppose: 0)) == nil)
    }

    @Test func keyMatchesTheText() {
        let words: [ConsensusPhrase.Key: String] = [
            .tooFew: "Too few", .divided: "Divided", .mostlyNeutral: "Mostly neutral",
        ]
        for counts in FragilityTests.vectors(10) {
            for thresholds in FragilityTests.thresholdSets {
                let tally = FragilityTests.tally(counts)
                let text = ConsensusPhrase.text(tally, thresholds)
                switch ConsensusPhrase.key(tally, thresholds) {
                case .quantified(let quantifier, let side):
                    let opening = quantifier == .all ? "All participants who addressed it" : quantifier.rawValue
                    #expect(text.lowercased().hasPrefix(opening.lowercased()), "\(text)")
                    #expect(text.contains(" \(side.rawValue) "), "\(text)")
                case let key:
                    #expect(text.hasPrefix(words[key]!), "\(text)")
                }
            }
        }
    }
}

@Suite struct RobustnessVerdictTests {
    static func verdict(_ big: Int, _ k: Int, _ neutral: Int, _ o: Int) -> ConsensusRobustness.Verdict? {
        ConsensusRobustness(
            ConsensusTally(participants: big, support: k, neutral: neutral, oppose: o), ConsensusThresholds(),
            resamples: 2_000, seed: 42, coders: nil
        ).verdict
    }

    @Test func theRuleOfMethodsMd() {
        // "Most" of 60 with 39: 9 changes, kept by almost every resample
        #expect(Self.verdict(60, 39, 5, 6) == .robust)
        // "All who addressed it": one opposing voice ends it
        #expect(Self.verdict(60, 44, 0, 0) == .fragile)
        // "Most" with 31 of 60: one supporter fewer is "Many"
        #expect(Self.verdict(60, 31, 5, 5) == .fragile)
        // a panel smaller than --min-addressed: no change can alter the wording, so no label
        #expect(Self.verdict(2, 1, 0, 0) == nil)
    }
}
