import Testing
import ViewpointsCore

@Suite struct ReliabilityDataTests {
    @Test func duplicateUnitAndCoderIsAnError() {
        #expect(throws: ReliabilityDataError.duplicateValue(unit: "u1", coder: "A")) {
            try ReliabilityData([("u1", "A", "1"), ("u2", "A", "1"), ("u1", "A", "2")])
        }
    }

    @Test(arguments: [MeasurementLevel.ordinal, .interval, .ratio])
    func nonNumbersAreAnErrorNamingUnitAndValue(_ level: MeasurementLevel) {
        #expect(throws: ReliabilityDataError.notANumber(unit: "u2", value: "high")) {
            try ReliabilityData([("u1", "A", "1"), ("u2", "A", "high"), ("u3", "A", "nan")], level: level)
        }
        #expect(
            ReliabilityDataError.notANumber(unit: "u2", value: "high").description
                == "unit 'u2' has value 'high', which is not a decimal number")
    }

    @Test func nominalDataKeepAnyLabels() throws {
        let data = try ReliabilityData([("u1", "A", "high"), ("u1", "B", "low"), ("u2", "A", "1")])
        #expect(data.units == ["u1", "u2"] && data.coders == ["A", "B"])
        #expect(data.categories == ["high", "low", "1"])
        #expect(data.valueCount == 3 && !data.isNumeric)
    }

    @Test func restrictingToCodersDropsEmptyUnits() throws {
        let data = try ReliabilityData([("u1", "A", "1"), ("u1", "B", "2"), ("u2", "C", "3"), ("u3", "B", "4")])
        let restricted = try data.restricted(toCoders: ["B", "A"])
        #expect(restricted.units == ["u1", "u3"] && restricted.coders == ["B", "A"])
        #expect(restricted.categories == ["1", "2", "4"] && restricted.isNumeric)
        #expect(throws: ReliabilityDataError.unknownCoder("Z")) { try data.restricted(toCoders: ["A", "Z"]) }
    }

    @Test func builderMatchesTripleInitializer() throws {
        let generated = GeneratedReliabilityData.random(units: 50, coders: 3, categories: 4, missing: 0.2, seed: 401)
        var builder = ReliabilityData.Builder()
        for row in generated.triples { builder.add(unit: row.unit, coder: row.coder, value: row.value) }
        #expect(try builder.build() == (try generated.data()))
    }
}

@Suite struct SplitMix64Tests {
    static let references: [(UInt64, [UInt64])] = [
        (0, [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F]),
        (1_234_567, [0x599E_D017_FB08_FC85, 0x2C73_F084_5854_0FA5, 0x883E_BCE5_A3F2_7C77]),
    ]

    @Test(arguments: references)
    func producesTheReferenceSequence(_ seed: UInt64, _ expected: [UInt64]) {
        var generator = SplitMix64(seed: seed)
        #expect((0..<3).map { _ in generator.next() } == expected)
    }

    @Test func boundedDrawsArePinned() {
        // Lemire's method on the reference sequence, computed independently in Python.
        var generator = SplitMix64(seed: 42)
        #expect((0..<12).map { _ in generator.next(below: 10) } == [7, 1, 2, 3, 0, 8, 2, 8, 3, 6, 2, 4])
        var other = SplitMix64(seed: 7)
        #expect((0..<12).map { _ in other.next(below: 3) } == [1, 0, 2, 1, 1, 0, 1, 0, 0, 1, 0, 2])
    }
}
