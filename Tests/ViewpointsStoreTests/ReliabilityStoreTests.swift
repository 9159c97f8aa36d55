import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

/// Reliability from the coding store: which decisions form units, and the figures over them. Expected values
/// were computed independently with exact fractions (coincidence matrix for α, contingency table for κ).
@Suite(.database)
struct ReliabilityStoreTests {
    let s: CodingStudy
    static let lowest = CodingStudy.lowest
    static let region = CodingStudy.region

    /// S1–S4 coded by a and b (presence: S1 l 1/1, r 0/0; S2 l 1/0, r 1/1; S3 0/0 twice; S4 l 0/1, r 1/1);
    /// c reviewed S1 only; a proposition added afterwards and applied by b alone on S1.
    init() throws {
        s = try CodingStudy()
        for name in ["a", "b", "c", "lead"] { try s.store.addCoder(name: name, study: s.study) }
        try code("a", "S1", Self.lowest, .support)
        try code("b", "S1", Self.lowest, .stronglySupport)
        try code("a", "S2", Self.lowest, .stronglyOppose)
        try code("a", "S2", Self.region, .support)
        try code("b", "S2", Self.region, .support)
        try done("a", "S3")
        try done("b", "S3")
        try code("a", "S4", Self.region, .stronglySupport)
        try code("b", "S4", Self.region, .stronglySupport)
        try code("b", "S4", Self.lowest, .neutral)
        try done("c", "S1")
        let more = s.files.write("more.csv", Fixtures.codebook + "region.keep-china-ties-strong,China ties,,region\n")
        _ = try s.store.importCodebook(path: more, study: s.study, options: .init())
        try code("b", "S1", .key("region.keep-china-ties-strong"), .support)
    }

    func code(_ coder: String, _ statement: String, _ code: CodeReference, _ stance: Stance) throws {
        _ = try s.store.applyCoding(
            study: s.study, coder: coder, statement: statement, code: code, stance: stance, note: nil)
    }

    func done(_ coder: String, _ statement: String) throws {
        _ = try s.store.markReviewed(study: s.study, coder: coder, statement: statement)
    }

    func report(
        coders: [String], code: String? = nil, unit: ReliabilityUnit = .statement,
        grouping: ReliabilityGrouping = .proposition
    ) throws -> CodingReliabilityReport {
        let decisions = try s.store.reliabilityDecisions(study: s.study, coders: coders, code: code)
        return CodingReliability(unit: unit, grouping: grouping, coders: coders).report(decisions)
    }

    static func values(_ figures: [ReliabilityFigure]) -> [Double?] { figures.map(\.result.value) }

    static func close(_ lhs: [Double?], _ rhs: [Double?]) -> Bool {
        lhs.count == rhs.count
            && zip(lhs, rhs).allSatisfy { l, r in l == nil ? r == nil : r != nil && abs(l! - r!) < 1e-12 }
    }

    @Test func decisionsCoverOnlyDoubleReviewedStatementsAndCodesThatExistedAtReview() throws {
        let decisions = try s.store.reliabilityDecisions(study: s.study, coders: ["a", "b"], code: nil)
        // 4 statements × 2 propositions × 2 coders, and b's coding of the later proposition on S1 (a's review
        // of S1 does not cover it)
        #expect(decisions.count == 17)
        let later = decisions.filter { $0.proposition == "region.keep-china-ties-strong" }
        #expect(later.map { "\($0.statement) \($0.coder) \($0.stance.map(String.init) ?? "-")" } == ["S1 b 1"])
        #expect(Set(decisions.map(\.theme)) == ["relations", "region"])
        let s3 = decisions.filter { $0.statement == "S3" }
        #expect(s3.count == 4 && s3.allSatisfy { $0.stance == nil })
        // c reviewed S1 only: with a and c, S1 is the one double-reviewed statement
        let withC = try s.store.reliabilityDecisions(study: s.study, coders: ["a", "c"], code: nil)
        #expect(Set(withC.map(\.statement)) == ["S1"] && withC.count == 4)
        #expect(try s.store.reviewingCoders(study: s.study) == ["a", "b", "c"])
    }

    @Test func twoCodersPerPropositionAndPooled() throws {
        let report = try report(coders: ["a", "b"])
        #expect(report.statements == 4)
        #expect(report.groups.map(\.key) == ["relations.lowest-since-9-11", "region.prioritize-regional", "all"])
        let (l, r, all) = (report.groups[0], report.groups[1], report.groups[2])
        #expect(Self.close(Self.values(l.presence), [0.125, 0, 0.5]))
        #expect(Self.close(Self.values(r.presence), [1, 1, 1]))
        #expect(Self.close(Self.values(all.presence), [0.53125, 0.5, 0.75]))
        #expect(Self.close(Self.values(all.stance), [4.0 / 9, 0.4]))
        #expect([l.status, r.status, all.status] == [.flagged, .acceptable, .flagged])
        let alpha = all.presenceAlpha.result
        #expect(alpha.units == 8 && alpha.coders == 2 && alpha.pairableValues == 16)
        // by theme: each theme has one proposition here, so its pool equals the proposition
        let byTheme = try self.report(coders: ["a", "b"], grouping: .theme)
        #expect(byTheme.groups.map(\.key) == ["relations", "region", "all"])
        #expect(byTheme.groups[0].presence == l.presence)
    }

    @Test func codeChoosesAPropositionOrATheme() throws {
        let lowest = try report(coders: ["a", "b"], code: "relations.lowest-since-9-11")
        #expect(lowest.groups.map(\.key) == ["relations.lowest-since-9-11", "all"])
        #expect(Self.close(Self.values(lowest.groups[1].presence), [0.125, 0, 0.5]))
        let region = try report(coders: ["a", "b"], code: "region")
        #expect(region.groups.map(\.key) == ["region.prioritize-regional", "all"])
        let error = #expect(throws: StoreError.self) {
            try report(coders: ["a", "b"], code: "region.prioritise-regional")
        }
        #expect(
            error?.description
                == "no code 'region.prioritise-regional' in study ipr-2018\n  hint: did you mean 'region.prioritize-regional'?"
        )
        #expect(error?.exitCode == 65)
        let unknown = #expect(throws: StoreError.self) { try report(coders: ["a", "x"]) }
        #expect(unknown?.description.hasPrefix("no coder 'x' in study ipr-2018") == true)
    }

    @Test func threeCodersUseFleissWhichNeedsEqualValuesPerUnit() throws {
        let report = try report(coders: ["a", "b", "c"])
        let all = report.groups.last!
        #expect(all.presence.map(\.metric) == [.alpha, .fleiss, .percent])
        #expect(Self.close([all.presence[0].result.value, all.presence[2].result.value], [0.3625, 2.0 / 3]))
        #expect(all.presenceAlpha.result.pairableValues == 18 && all.presenceAlpha.result.coders == 3)
        #expect(
            all.presence[1].result.reason
                == "Fleiss' κ needs the same number of values for every unit; units have 2 to 3")
        #expect(!all.stance[1].result.isApplicable)
    }

    @Test func participantUnitsCompareEachCodersParticipantStance() throws {
        let report = try report(coders: ["a", "b"], unit: .participant)
        let all = report.groups.last!
        // a's stance on lowest for S1's and S2's participant: (1 − 2)/2 = −0.5 → −1; b's: 2
        #expect(Self.close(Self.values(all.presence), [24.0 / 35, 2.0 / 3, 5.0 / 6]))
        #expect(Self.close(Self.values(all.stance), [1.0 / 9, 2.0 / 11]))
        #expect(all.presenceAlpha.result.units == 6 && all.status == .tentative)
    }
}

/// The synthetic sample: pooled presence α over the double-coded statements is the generator's 0.8084.
@Suite(.database)
struct SampleReliabilityTests {
    @Test func pooledPresenceAlphaMatchesTheGenerator() throws {
        let (db, store, study) = try Fixtures.sampleStudy()
        let coders = try store.reviewingCoders(study: study)
        #expect(coders == ["coder-a", "coder-b"])
        let decisions = try store.reliabilityDecisions(study: study, coders: coders, code: nil)
        let report = CodingReliability(coders: coders).report(decisions)
        #expect(report.statements == 150)
        let pooled = report.groups.last!
        #expect(pooled.scope == .all)
        let alpha = pooled.presenceAlpha.result
        #expect(alpha.units == 150 * 42 && alpha.pairableValues == 2 * 150 * 42 && alpha.coders == 2)
        #expect(String(format: "%.4f", alpha.value ?? .nan) == "0.8084")
        #expect(pooled.status == .acceptable)
        #expect(report.groups.count == 43)
        #expect(report.groups.dropLast().allSatisfy { $0.presenceAlpha.result.units == 150 })
        withExtendedLifetime(db) {}
    }
}
