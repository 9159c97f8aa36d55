import Testing

@testable import ViewpointsCore

/// Units from coders' decisions and the figures over them; expected values computed independently with exact
/// fractions (coincidence matrix for α, contingency table for κ).
@Suite struct CodingReliabilityTests {
    /// Statement, proposition, then a's and b's decision: nil not reviewed, "-" not applied, else the stance.
    static let table: [(String, String, String?, String?)] = [
        ("S1", "t.l", "1", "2"), ("S1", "t.r", "-", "-"),
        ("S2", "t.l", "-2", "-"), ("S2", "t.r", "1", "1"),
        ("S3", "t.l", "-", "-"), ("S3", "t.r", "-", "-"),
        ("S4", "t.l", "-", "0"), ("S4", "t.r", "2", "2"),
        // one coder only: not a unit
        ("S5", "t.l", "1", nil), ("S5", "t.r", "-", nil),
    ]
    static let participants = ["S1": "P01", "S2": "P01", "S3": "P02", "S4": "P03", "S5": "P03"]

    static func decisions(_ table: [(String, String, String?, String?)] = table) -> [CodingDecision] {
        table.flatMap { row in
            [("a", row.2), ("b", row.3)].compactMap { coder, value -> CodingDecision? in
                guard let value else { return nil }
                return CodingDecision(
                    statement: row.0, participant: participants[row.0]!, theme: "t", proposition: row.1,
                    coder: coder, stance: value == "-" ? nil : Int(value)!)
            }
        }
    }

    static func values(_ figures: [ReliabilityFigure]) -> [Double?] { figures.map(\.result.value) }

    static func close(_ lhs: [Double?], _ rhs: [Double?]) -> Bool {
        lhs.count == rhs.count
            && zip(lhs, rhs).allSatisfy { l, r in l == nil ? r == nil : r != nil && abs(l! - r!) < 1e-12 }
    }

    @Test func statementUnitsPerPropositionAndPooled() {
        let report = CodingReliability(coders: ["a", "b"]).report(Self.decisions())
        #expect(report.statements == 4)
        #expect(report.groups.map(\.key) == ["t.l", "t.r", "all"])
        #expect(report.groups.map(\.scope) == [.proposition, .proposition, .all])
        let (l, r, all) = (report.groups[0], report.groups[1], report.groups[2])
        // presence: α nominal, Cohen's κ, percent agreement
        #expect(Self.close(Self.values(l.presence), [0.125, 0.0, 0.5]))
        #expect(Self.close(Self.values(r.presence), [1, 1, 1]))
        #expect(Self.close(Self.values(all.presence), [0.53125, 0.5, 0.75]))
        #expect(l.presence.map(\.metric) == [.alpha, .cohen, .percent])
        #expect(all.presenceAlpha.result.units == 8 && all.presenceAlpha.result.pairableValues == 16)
        #expect(all.presenceAlpha.result.coders == 2)
        #expect([l.status, r.status, all.status] == [.flagged, .acceptable, .flagged])
        // stance: S1 t.l (1, 2); S2 t.r (1, 1); S4 t.r (2, 2)
        #expect(Self.close(Self.values(l.stance), [0, 0]))
        #expect(Self.close(Self.values(r.stance), [1, 1]))
        #expect(Self.close(Self.values(all.stance), [4.0 / 9, 0.4]))
        #expect(all.stance[0].level == .ordinal && all.stance[1].weights == .linear)
        #expect(all.stance[0].result.units == 3 && all.stance[0].result.pairableValues == 6)
    }

    @Test func participantUnitsUseEachCodersRoundedMean() {
        let report = CodingReliability(unit: .participant, coders: ["a", "b"]).report(Self.decisions())
        #expect(report.unit == .participant && report.statements == 4)
        let all = report.groups.last!
        // P01 t.l: a (1 − 2)/2 = −0.5 → −1 (half away from zero), b 2; P01 t.r (1, 1); P02 absent twice;
        // P03 t.l (absent, 0), t.r (2, 2)
        #expect(Self.close(Self.values(all.presence), [24.0 / 35, 2.0 / 3, 5.0 / 6]))
        #expect(Self.close(Self.values(all.stance), [1.0 / 9, 2.0 / 11]))
        #expect(all.presenceAlpha.result.units == 6 && all.status == .tentative)
    }

    @Test(arguments: [(1, 2, 1), (-1, 2, -1), (-3, 2, -2), (3, 2, 2), (2, 3, 1), (1, 3, 0), (-2, 3, -1), (0, 4, 0)])
    func participantStanceRoundsHalfAwayFromZero(_ sum: Int, _ count: Int, _ expected: Int) {
        // a applies the proposition to all `count` statements with stances summing to `sum`; b applies it once,
        // with the expected rounded mean: the two participant stances are equal exactly when a's rounds to it
        var decisions: [CodingDecision] = []
        for index in 0..<count {
            let statement = "S\(index + 1)"
            decisions.append(
                CodingDecision(
                    statement: statement, participant: "P01", theme: "t", proposition: "t.l", coder: "a",
                    stance: index == 0 ? sum : 0))
            decisions.append(
                CodingDecision(
                    statement: statement, participant: "P01", theme: "t", proposition: "t.l", coder: "b",
                    stance: index == 0 ? expected : nil))
        }
        let stance = CodingReliability(unit: .participant, coders: ["a", "b"]).report(decisions).groups[0].stance[0]
        #expect(stance.result.units == 1)
        #expect(stance.result.reason == "all pairable values are equal (expected disagreement is 0)")
        let off = decisions.map { decision -> CodingDecision in
            var changed = decision
            if changed.coder == "b" && changed.stance != nil { changed.stance = expected + 1 }
            return changed
        }
        #expect(
            CodingReliability(unit: .participant, coders: ["a", "b"]).report(off).groups[0].stance[0].result.value
                == 0)
    }

    @Test func byThemePoolsThePropositionsOfEachTheme() {
        var decisions = Self.decisions()
        decisions += [
            CodingDecision(statement: "S1", participant: "P01", theme: "u", proposition: "u.x", coder: "a", stance: 1),
            CodingDecision(
                statement: "S1", participant: "P01", theme: "u", proposition: "u.x", coder: "b", stance: nil),
        ]
        let report = CodingReliability(grouping: .theme, coders: ["a", "b"]).report(decisions)
        #expect(report.groups.map(\.key) == ["t", "u", "all"])
        #expect(report.groups.map(\.scope) == [.theme, .theme, .all])
        #expect(Self.close(Self.values(report.groups[0].presence), [0.53125, 0.5, 0.75]))
        #expect(report.groups[0].presenceAlpha.result.units == 8 && report.groups[2].presenceAlpha.result.units == 9)
        // u: one unit, 1 against 0: α = 0 with nothing else to compare against
        #expect(report.groups[1].presenceAlpha.result.value == 0)
    }

    @Test func threeCodersUseFleissAndWeightedKappaDoesNotApply() {
        let decisions = [("S1", 1, 1, 1), ("S2", 0, 0, 0), ("S3", 1, 0, 1), ("S4", 0, 0, 1)].flatMap { row in
            zip(["a", "b", "c"], [row.1, row.2, row.3]).map { coder, applied in
                CodingDecision(
                    statement: row.0, participant: "P01", theme: "t", proposition: "t.l", coder: coder,
                    stance: applied == 1 ? 1 : nil)
            }
        }
        let group = CodingReliability(coders: ["a", "b", "c"]).report(decisions).groups[0]
        #expect(group.presence.map(\.metric) == [.alpha, .fleiss, .percent])
        // Fleiss: P̄ = (1 + 1 + 1/3 + 1/3)/4 = 2/3, p = 6/12, P̄e = 1/2, κ = 1/3
        #expect(abs(group.presence[1].result.value! - 1.0 / 3) < 1e-12)
        #expect(group.stance[1].result.reason == "weighted κ needs exactly two coders; 3 are compared (choose two)")
        // with one value missing, Fleiss' κ does not apply
        let fewer = CodingReliability(coders: ["a", "b", "c"]).report(
            decisions.filter { $0.statement != "S4" || $0.coder != "c" })
        #expect(!fewer.groups[0].presence[1].result.isApplicable)
    }

    @Test func undefinedAlphaHasItsOwnStatus() {
        // nobody applied t.r anywhere: presence values all 0, α undefined, never a number
        let table = Self.table.filter { $0.1 == "t.r" }.map {
            ($0.0, $0.1, $0.2.map { _ in "-" }, $0.3.map { _ in "-" })
        }
        let report = CodingReliability(coders: ["a", "b"]).report(Self.decisions(table))
        let group = report.groups[0]
        #expect(group.status == .undefined && group.presenceAlpha.result.value == nil)
        #expect(group.presenceAlpha.result.reason == "all pairable values are equal (expected disagreement is 0)")
        #expect(group.stance[0].result.reason == "no pairable values: no unit where two coders applied it")
        // no double-coded statement at all
        let empty = CodingReliability(coders: ["a", "b"]).report([])
        #expect(empty.statements == 0 && empty.groups.map(\.key) == ["all"])
        #expect(empty.groups[0].status == .undefined)
        #expect(
            empty.groups[0].presence[1].result.reason
                == "no pairable values: no statement was reviewed by two of the coders")
    }

    @Test func decisionsOfOtherCodersAndOrderDoNotMatter() {
        let decisions = Self.decisions()
        let extra = decisions.map { decision -> CodingDecision in
            var other = decision
            other.coder = "z"
            return other
        }
        let base = CodingReliability(coders: ["a", "b"]).report(decisions)
        #expect(
            CodingReliability(coders: ["a", "b"]).report(extra + decisions.reversed()).groups.last == base.groups.last)
        let swapped = CodingReliability(coders: ["b", "a"]).report(decisions)
        #expect(Self.close(Self.values(swapped.groups.last!.presence), Self.values(base.groups.last!.presence)))
    }

    @Test(arguments: [
        (0.8, ReliabilityStatus.acceptable), (0.7999, .tentative), (0.667, .tentative), (0.6669, .flagged),
    ])
    func statusFollowsKrippendorffsThresholds(_ value: Double, _ status: ReliabilityStatus) {
        let result = ReliabilityResult(state: .defined(value), units: 1, coders: 2, pairableValues: 2)
        #expect(ReliabilityStatus(alpha: result) == status)
    }
}
