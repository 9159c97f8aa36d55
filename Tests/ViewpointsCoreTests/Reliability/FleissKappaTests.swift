import Testing
import ViewpointsCore

@Suite struct FleissKappaTests {
    @Test(arguments: [(UInt64(301), 2), (302, 3), (303, 6), (304, 14)])
    func matchesCountTableFormulaOnCompleteData(_ seed: UInt64, _ coders: Int) throws {
        let generated = GeneratedReliabilityData.random(
            units: 30, coders: coders, categories: 4, missing: 0, seed: seed
        )
        let result = Fleiss.kappa(try generated.data())
        let reference = try #require(ReliabilityReferenceFormulas.fleiss(generated.matrix))
        let value = try #require(result.value)
        #expect(abs(value - reference) < 1e-9)
        #expect(result.units == 30 && result.coders == coders && result.pairableValues == 30 * coders)
    }

    @Test func unequalNumbersOfValuesAreNotApplicable() throws {
        let generated = GeneratedReliabilityData.random(units: 30, coders: 4, categories: 3, missing: 0.2, seed: 305)
        let result = Fleiss.kappa(try generated.data())
        #expect(!result.isApplicable)
        #expect(ReliabilityReferenceFormulas.fleiss(generated.matrix) == nil)
        let single = try ReliabilityData([("u1", "A", "x"), ("u2", "A", "y")])
        #expect(Fleiss.kappa(single).reason == "Fleiss' κ needs at least two values per unit; units have 1")
    }

    @Test func perfectAgreementAndRelabeling() throws {
        let matrix: [[String?]] = (0..<12).map { unit in Array(repeating: String(unit % 3), count: 5) }
        #expect(Fleiss.kappa(try GeneratedReliabilityData(matrix: matrix).data()).value == 1)
        let constant: [[String?]] = (0..<12).map { _ in Array(repeating: "a", count: 5) }
        #expect(Fleiss.kappa(try GeneratedReliabilityData(matrix: constant).data()).value == nil)
        let generated = GeneratedReliabilityData.random(units: 20, coders: 5, categories: 4, missing: 0, seed: 306)
        let before = try #require(Fleiss.kappa(try generated.data()).value)
        let after = try #require(Fleiss.kappa(try generated.relabeled { "k" + $0 }.data()).value)
        #expect(abs(before - after) < 1e-12)
    }
}

@Suite struct PercentAgreementTests {
    @Test func averagesAgreeingPairsOverUnitsWithTwoOrMoreValues() throws {
        let rows: [(unit: String, coder: String, value: String)] = [
            ("u1", "A", "x"), ("u1", "B", "x"), ("u1", "C", "y"),  // 2 of 6 ordered pairs agree
            ("u2", "A", "x"), ("u2", "B", "x"),  // 1
            ("u3", "A", "z"),  // not pairable
        ]
        let result = PercentAgreement.compute(try ReliabilityData(rows))
        let value = try #require(result.value)
        let expected: Double = (1.0 / 3 + 1) / 2
        #expect(abs(value - expected) < 1e-15)
        #expect(result.units == 2 && result.pairableValues == 5 && result.coders == 3)
    }

    @Test func perfectAgreementIsOneAndNothingPairableIsUndefined() throws {
        let matrix: [[String?]] = (0..<10).map { (unit: Int) -> [String?] in
            let value = String(unit % 2)
            return [value, value, nil]
        }
        #expect(PercentAgreement.compute(try GeneratedReliabilityData(matrix: matrix).data()).value == 1)
        let lonely = try ReliabilityData([("u1", "A", "x")])
        #expect(PercentAgreement.compute(lonely).value == nil)
    }
}
