import Foundation
import Testing

@testable import ViewpointsCore

@Suite struct PanelBootstrapTests {
    /// The exact probability that a resampled panel keeps the phrase key, resp. the class: every multinomial
    /// outcome of N draws over (support, neutral, oppose, not addressed) with its probability.
    static func exact(_ tally: ConsensusTally, _ thresholds: ConsensusThresholds) -> (phrase: Double, klass: Double) {
        let big = tally.participants
        let counts = [tally.support, tally.neutral, tally.oppose, big - tally.addressed]
        let p = counts.map { Double($0) / Double(big) }
        let key = ConsensusPhrase.key(tally, thresholds)
        let reported = ConsensusClass(tally, thresholds)
        func logFactorial(_ n: Int) -> Double { lgamma(Double(n + 1)) }
        var result = (phrase: 0.0, klass: 0.0)
        for k in 0...big {
            for z in 0...(big - k) {
                for o in 0...(big - k - z) {
                    let x = [k, z, o, big - k - z - o]
                    if zip(x, p).contains(where: { $0 > 0 && $1 == 0 }) { continue }
                    var logP = logFactorial(big)
                    for (count, probability) in zip(x, p) where count > 0 {
                        logP += Double(count) * log(probability) - logFactorial(count)
                    }
                    let resampled = ConsensusTally(participants: big, support: k, neutral: z, oppose: o)
                    if ConsensusPhrase.key(resampled, thresholds) == key { result.phrase += exp(logP) }
                    if ConsensusClass(resampled, thresholds) == reported { result.klass += exp(logP) }
                }
            }
        }
        return result
    }

    @Test(arguments: [
        (8, 5, 1, 1), (10, 6, 2, 0), (12, 4, 3, 3), (9, 3, 4, 0), (11, 8, 0, 0), (7, 2, 2, 2), (12, 7, 0, 4),
    ])
    func stabilitiesMatchTheExactMultinomialProbability(_ big: Int, _ k: Int, _ z: Int, _ o: Int) {
        let tally = ConsensusTally(participants: big, support: k, neutral: z, oppose: o)
        let resamples = 4_000
        for thresholds in [ConsensusThresholds(), .init(minAddressed: 2, strong: 0.8)] {
            let exact = PanelBootstrapTests.exact(tally, thresholds)
            let estimate = PanelBootstrap(tally, thresholds, resamples: resamples, seed: UInt64(big * 100 + k))!
            // within 4.5 Monte Carlo standard errors (a false alarm about once in 150,000 runs)
            for (estimated, probability) in [
                (estimate.phraseStability, exact.phrase), (estimate.classStability, exact.klass),
            ] {
                let error = (probability * (1 - probability) / Double(resamples)).squareRoot()
                #expect(
                    abs(estimated - probability) <= 4.5 * error + 1e-9,
                    "\(big) \(k) \(z) \(o): \(estimated) against exactly \(probability)")
            }
        }
    }

    @Test func aPinnedSeedRepeats() {
        let tally = ConsensusTally(participants: 60, stances: [3, 3, 5, 25, 14])
        let first = PanelBootstrap(tally, resamples: 2_000, seed: 42)
        #expect(first == PanelBootstrap(tally, resamples: 2_000, seed: 42))
        #expect(first != PanelBootstrap(tally, resamples: 2_000, seed: 43))
        let seed = PanelBootstrap.seed(study: "ipr-2018", code: "relations.lowest-since-9-11", group: nil)
        #expect(seed == PanelBootstrap.seed(study: "ipr-2018", code: "relations.lowest-since-9-11", group: nil))
        #expect(seed != PanelBootstrap.seed(study: "ipr-2018", code: "relations.lowest-since-9-11", group: "a"))
        #expect(seed != PanelBootstrap.seed(study: "other", code: "relations.lowest-since-9-11", group: nil))
        #expect(
            seed != PanelBootstrap.seed(study: "ipr-2018", code: "relations.lowest-since-9-11", group: nil, base: 1))
    }

    @Test func theIntervalSurroundsTheShare() {
        let tally = ConsensusTally(participants: 60, stances: [3, 3, 5, 25, 14])
        let result = PanelBootstrap(tally, resamples: 2_000, seed: 7)!
        let (low, high) = (result.supportLow!, result.supportHigh!)
        #expect(low < 0.78 && 0.78 < high)
        // about as wide as the Wilson interval (0.6476–0.8725)
        #expect(abs(low - 0.6476) < 0.05 && abs(high - 0.8725) < 0.05, "\(low)–\(high)")
        #expect(result.definedResamples == 2_000)
    }

    /// The bootstrap cannot invent an opposing voice a unanimous panel never had: every resample is unanimous.
    @Test func aUnanimousPanelStaysUnanimous() {
        let tally = ConsensusTally(participants: 44, support: 44, neutral: 0, oppose: 0)
        let result = PanelBootstrap(tally, resamples: 500, seed: 1)!
        #expect(result.phraseStability == 1 && result.classStability == 1)
        #expect(result.supportLow == 1 && result.supportHigh == 1)
        #expect(Fragility.phrase(tally) == 1)
    }

    @Test func binomialDrawsHaveTheRightMeanAndVarianceForLargePanels() {
        var generator = SplitMix64(seed: 3)
        for (n, p) in [(10_000, 0.3), (10_000, 0.97), (500, 0.01), (1, 0.5)] {
            let draws = (0..<20_000).map { _ in Double(generator.binomial(n, p)) }
            let mean = draws.reduce(0, +) / Double(draws.count)
            let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count - 1)
            let expected = Double(n) * p * (1 - p)
            #expect(abs(mean - Double(n) * p) < 5 * (expected / 20_000).squareRoot(), "\(n) \(p) mean \(mean)")
            #expect(abs(variance / expected - 1) < 0.05, "\(n) \(p) variance \(variance) against \(expected)")
        }
    }

    @Test func anEmptyPanelHasNoResamples() {
        #expect(
            PanelBootstrap(ConsensusTally(participants: 0, support: 0, neutral: 0, oppose: 0), resamples: 10, seed: 1)
                == nil)
    }

    @Test func coderVersionsMoveParticipants() {
        let reported = ConsensusTally(participants: 10, stances: [0, 1, 1, 4, 1])
        let version = CoderVersion(
            coder: "coder-b", reported: reported,
            changes: [.init(final: 1, version: 0), .init(final: 2, version: nil), .init(final: nil, version: -1)],
            thresholds: .init())
        #expect(version.tally.stances == [0, 2, 2, 3, 0])
        #expect(version.phrase == .divided)
        let robustness = ConsensusRobustness(
            reported, .init(), resamples: 10, seed: 1,
            coders: [
                CoderVersion(coder: "coder-a", reported: reported, changes: [], thresholds: .init()), version,
            ])
        #expect(robustness.codersAgree == false)
        #expect(robustness.dissentingCoders == ["coder-b"])
    }
}

@Suite struct CoderSensitivityTests {
    typealias Decisions = CoderSensitivity.Decisions

    @Test func eachCodersVersionReplacesTheFinalDecisionWhereTheyReviewed() {
        // S1: a +1, b −1, unresolved; S2: a alone, +1; so the final stance is +1 (S2 only)
        let statements = [
            Decisions(reviewers: [("a", .support), ("b", .oppose)], adjudication: nil),
            Decisions(reviewers: [("a", .support)], adjudication: nil),
        ]
        // a: +1, +1 → +1 (unchanged); b: −1 and the final +1 of S2 → mean 0 → neutral
        #expect(CoderSensitivity.changes(statements) == ["b": .init(final: 1, version: 0)])
    }

    @Test func anAdjudicationIsFinalAndACoderWhoDidNotApplyLeavesTheStatementOut() {
        // S1: a did not apply, b +2, adjudicated +2; S2: a and b agree on −1
        let statements = [
            Decisions(reviewers: [("a", nil), ("b", .stronglySupport)], adjudication: .init(stance: .stronglySupport)),
            Decisions(reviewers: [("a", .oppose), ("b", .oppose)], adjudication: nil),
        ]
        // final: +2 and −1 → mean 0.5 → +1 (half away from zero); a: −1 alone → −1
        #expect(CoderSensitivity.changes(statements) == ["a": .init(final: 1, version: -1)])
        // a coder whose only decision is "not applied" leaves the participant not addressed
        let alone = [Decisions(reviewers: [("a", nil), ("b", .support)], adjudication: .init(stance: .support))]
        #expect(CoderSensitivity.changes(alone) == ["a": .init(final: 1, version: nil)])
    }
}
