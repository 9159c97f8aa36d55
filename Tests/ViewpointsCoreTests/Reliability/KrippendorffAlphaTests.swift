import Testing

@testable import ViewpointsCore

@Suite struct KrippendorffAlphaTests {
    /// Random shapes: (units, coders, categories, missing share, seed).
    static let shapes: [(Int, Int, Int, Double, UInt64)] = [
        (12, 4, 5, 0.2, 1), (30, 2, 3, 0.0, 2), (25, 3, 7, 0.3, 3), (40, 5, 2, 0.5, 4), (8, 6, 4, 0.6, 5),
        (20, 3, 1, 0.2, 6), (5, 3, 4, 0.9, 7), (50, 4, 10, 0.25, 8),
    ]

    @Test(arguments: MeasurementLevel.allCases)
    func matchesPairwiseDisagreementFormulaOnRandomDataWithMissingValues(_ level: MeasurementLevel) throws {
        for (units, coders, categories, missing, seed) in Self.shapes {
            let generated = GeneratedReliabilityData.random(
                units: units, coders: coders, categories: categories, missing: missing, seed: seed
            )
            let data = try generated.data(level: level)
            let expected = ReliabilityReferenceFormulas.alpha(generated.matrix, level: level)
            for denseLimit in [Krippendorff.denseLimit, 0] {
                let result = Krippendorff.alpha(data, level: level, denseLimit: denseLimit)
                switch (result.state, expected) {
                case (.defined(let value), .some(let reference)):
                    #expect(abs(value - reference) < 1e-9, "seed \(seed) dense limit \(denseLimit)")
                case (.undefined, .none):
                    break
                default:
                    let reference = String(describing: expected)
                    Issue.record("seed \(seed) dense limit \(denseLimit): \(result.state) vs \(reference)")
                }
            }
        }
    }

    @Test(arguments: MeasurementLevel.allCases)
    func perfectAgreementGivesOneOrUndefinedWithOneValue(_ level: MeasurementLevel) throws {
        var generator = SplitMix64(seed: 11)
        for categories in [1, 2, 5] {
            let matrix = (0..<30).map { _ -> [String?] in
                let value = String(1 + generator.next(below: UInt64(categories)))
                return (0..<4).map { _ in generator.unitInterval() < 0.3 ? nil : value }
            }
            let data = try GeneratedReliabilityData(matrix: matrix).data(level: level)
            let result = Krippendorff.alpha(data, level: level)
            if categories == 1 {
                #expect(result.reason == "all pairable values are equal (expected disagreement is 0)")
                #expect(result.value == nil && result.isApplicable)
            } else {
                #expect(result.state == .defined(1))
            }
        }
    }

    @Test func relabelingCategoriesLeavesNominalAlphaUnchanged() throws {
        let generated = GeneratedReliabilityData.random(units: 40, coders: 4, categories: 5, missing: 0.3, seed: 21)
        let relabeled = generated.relabeled { "label-\(100 - Int($0)!)" }
        let before = try #require(Krippendorff.alpha(try generated.data(), level: .nominal).value)
        let after = try #require(Krippendorff.alpha(try relabeled.data(), level: .nominal).value)
        #expect(abs(before - after) < 1e-12)
    }

    @Test(arguments: MeasurementLevel.allCases)
    func permutingCodersAndUnitsChangesNothing(_ level: MeasurementLevel) throws {
        let generated = GeneratedReliabilityData.random(units: 35, coders: 4, categories: 6, missing: 0.25, seed: 31)
        var generator = SplitMix64(seed: 32)
        let original = Krippendorff.alpha(try generated.data(level: level), level: level)
        let shuffled = try ReliabilityData(generator.shuffled(generated.triples), level: level)
        let permuted = Krippendorff.alpha(shuffled, level: level)
        let plain = try generated.data()
        #expect(shuffled.coders != plain.coders || shuffled.units != plain.units)
        let before = try #require(original.value)
        let after = try #require(permuted.value)
        #expect(abs(before - after) < 1e-12)
        #expect(original.units == permuted.units && original.pairableValues == permuted.pairableValues)
    }

    @Test(arguments: [(10, UInt64(41)), (37, 42), (200, 43), (3, 44)])
    func twoCompleteCodersGiveScottsPiPlusSmallSampleCorrection(_ units: Int, _ seed: UInt64) throws {
        let generated = GeneratedReliabilityData.random(units: units, coders: 2, categories: 3, missing: 0, seed: seed)
        let data = try generated.data()
        let alpha = try #require(Krippendorff.alpha(data, level: .nominal).value)
        let pi = try #require(Scott.pi(data).value)
        #expect(abs(alpha - (pi + (1 - pi) / Double(2 * units))) < 1e-12)
    }

    @Test func noPairableValuesIsUndefined() throws {
        let data = try ReliabilityData([("u1", "A", "1"), ("u2", "B", "2")])
        let result = Krippendorff.alpha(data, level: .nominal)
        #expect(result.value == nil)
        #expect(result.reason?.hasPrefix("no pairable values") == true)
        #expect(result.units == 0 && result.pairableValues == 0)
    }

    @Test func numericLevelsAreNotApplicableToLabels() throws {
        let data = try ReliabilityData([("u1", "A", "yes"), ("u1", "B", "no")])
        let result = Krippendorff.alpha(data, level: .interval)
        #expect(result.reason == "unit 'u1' has value 'yes', which is not a decimal number")
        #expect(!result.isApplicable)
    }

    @Test func ratioLevelIsNotApplicableToNegativeValues() throws {
        let data = try ReliabilityData([("u1", "A", "-1"), ("u1", "B", "2")], level: .ratio)
        #expect(!Krippendorff.alpha(data, level: .ratio).isApplicable)
        #expect(Krippendorff.alpha(data, level: .interval).value != nil)
    }

    @Test func numericLevelsCompareNumbersNotSpellings() throws {
        let spelled = try ReliabilityData([("u1", "A", "1"), ("u1", "B", "1.0"), ("u2", "A", "2"), ("u2", "B", "2")])
        #expect(Krippendorff.alpha(spelled, level: .interval).value == 1)
        #expect(Krippendorff.alpha(spelled, level: .nominal).value != 1)
    }
}
