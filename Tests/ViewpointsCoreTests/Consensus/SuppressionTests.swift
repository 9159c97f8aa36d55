import Testing
import ViewpointsCore

@Suite struct SuppressionTests {
    typealias S = Suppression

    @Test func oneSmallGroupTakesTheNextSmallestWithIt() {
        let groups = [("a", 10), ("b", 3), ("d", 6), ("c", 6)].map { (name: $0.0, size: $0.1) }
        #expect(S.decide(groups: groups, minCell: 5) == [.shown, .small, .shown, .secondary])
    }

    @Test func theMissingGroupFollowsTheSameRule() {
        let groups = [("(missing)", 2), ("former", 30), ("serving", 28)].map { (name: $0.0, size: $0.1) }
        #expect(S.decide(groups: groups, minCell: 5) == [.small, .shown, .secondary])
        let tie = [("(missing)", 7), ("former", 7), ("x", 1)].map { (name: $0.0, size: $0.1) }
        #expect(S.decide(groups: tie, minCell: 5) == [.secondary, .shown, .small])
    }

    @Test func twoSmallGroupsNeedNoSecondaryCell() {
        let groups = [("a", 10), ("b", 3), ("c", 4), ("d", 6)].map { (name: $0.0, size: $0.1) }
        #expect(S.decide(groups: groups, minCell: 5) == [.shown, .small, .small, .shown])
    }

    @Test func exactlyKIsShownAndZeroSwitchesItOff() {
        let groups = [("a", 5), ("b", 1)].map { (name: $0.0, size: $0.1) }
        #expect(S.decide(groups: groups, minCell: 5) == [.secondary, .small])
        #expect(S.decide(groups: groups, minCell: 0) == [.shown, .shown])
        #expect(S.decide(groups: [(name: "only", size: 2)], minCell: 5) == [.small])
    }
}

@Suite struct ConsensusRowTests {
    static let columns =
        "code,label,theme,participants,addressed,support,neutral,oppose,participants_unresolved,coverage,"
        + "share_support,share_oppose,wilson_low,wilson_high,cns,consensus,phrase"

    @Test func columnsInTheDocumentedOrder() {
        #expect(ConsensusRow.columns(byAttribute: false).joined(separator: ",") == ConsensusRowTests.columns)
        #expect(
            ConsensusRow.columns(byAttribute: true).joined(separator: ",")
                == ConsensusRowTests.columns.replacingOccurrences(
                    of: "theme,", with: "theme,attribute,group,suppressed,"))
    }

    @Test func aPropositionRowCarriesEveryFigure() {
        let row = ConsensusRow(
            code: "region.prioritize-regional", label: "Prioritize", theme: "region", isTheme: false,
            tally: ConsensusTally(participants: 60, stances: [0, 0, 0, 30, 14]), coverage: 1)
        #expect(
            row.tableFields(byAttribute: false)
                == [
                    "region.prioritize-regional", "Prioritize", "region", "60", "44", "44", "0", "0", "0", "1.000000",
                    "1.000000", "0.000000", "0.919704", "1.000000", "0.832683", "unanimous-support",
                    "All participants who addressed it agreed (44 of 60)",
                ])
        // files carry every number at full precision: the same values, read back exactly
        let exact = row.fields(byAttribute: false)
        let values = row.values(byAttribute: false)
        #expect(exact[9...11] == ["1", "1", "0"])
        for (field, value) in zip(exact, values) {
            guard case .number(let number) = value else { continue }
            #expect(Double(field) == number, "\(field) does not read back as \(number)")
        }
        #expect(exact[12].count > 8 && exact[14].count > 8, "\(exact)")
    }

    @Test(arguments: [
        (0.78, "0.78"), (2.0 / 3, "0.6666666666666666"), (1.0, "1"), (0.0, "0"), (0.9197044, "0.9197044"),
        (1e-7, "1e-07"),
    ])
    func filesWriteTheShortestExactText(_ value: Double, _ text: String) {
        #expect(ConsensusValue.shortest(value) == text)
        #expect(Double(text) == value)
    }

    @Test func shortestTextReadsBackForAnyShare() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<10_000 {
            let value = Double.random(in: 0...1, using: &generator)
            #expect(Double(ConsensusValue.shortest(value)) == value)
        }
    }

    @Test func undefinedNumbersAreEmpty() {
        let row = ConsensusRow(
            code: "t.p", label: "P", theme: "t", isTheme: false,
            tally: ConsensusTally(participants: 4, stances: [0, 0, 0, 0, 0]),
            coverage: nil)
        #expect(
            row.fields(byAttribute: false)
                == [
                    "t.p", "P", "t", "4", "0", "0", "0", "0", "0", "", "", "", "", "", "", "insufficient",
                    "Too few participants addressed it (0 of 4)",
                ])
    }

    @Test func themeRowsCarryCountsOnly() {
        let row = ConsensusRow(
            code: "t", label: "T", theme: "t", isTheme: true,
            tally: ConsensusTally(participants: 9, stances: [0, 0, 7, 0, 0], participantsUnresolved: 1), coverage: 0.5)
        #expect(
            row.fields(byAttribute: false) == ["t", "T", "t", "9", "7", "", "", "", "1", "0.5"]
                + Array(repeating: "", count: 7))
    }

    @Test func aSuppressedRowWithholdsEveryCount() {
        let row = ConsensusRow(
            code: "t.p", label: "P", theme: "t", isTheme: false, attribute: "status", group: "serving",
            suppression: .secondary, tally: ConsensusTally(participants: 9, stances: [1, 0, 2, 3, 3]), coverage: 1)
        #expect(
            row.fields(byAttribute: true)
                == ["t.p", "P", "t", "status", "serving", "true", "", "", "", "", "", "", "1"]
                + Array(repeating: "", count: 7))
    }

    @Test(arguments: [(0.0, "0.000000"), (0.7799999999, "0.780000"), (1.0 / 3, "0.333333"), (0.0000005, "0.000001")])
    func sharesToSixDecimals(_ value: Double, _ text: String) {
        #expect(ConsensusValue.format(value) == text)
    }
}
