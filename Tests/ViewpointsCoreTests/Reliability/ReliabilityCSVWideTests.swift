import Testing

@testable import ViewpointsCore

@Suite struct ReliabilityCSVWideTests {
    /// A wide CSV of long-format triples: units in order of first appearance, coders in the order given or else
    /// of first appearance, empty = missing.
    static func wide(_ triples: [(unit: String, coder: String, value: String)], coders order: [String]? = nil) -> String
    {
        var units: [String] = []
        var coders = order ?? []
        var cells: [String: [String: String]] = [:]
        for triple in triples {
            if cells[triple.unit] == nil { units.append(triple.unit) }
            if order == nil && !coders.contains(triple.coder) { coders.append(triple.coder) }
            cells[triple.unit, default: [:]][triple.coder] = triple.value
        }
        let header = (["unit"] + coders).map(quoted).joined(separator: ",")
        let rows = units.map { unit in
            ([unit] + coders.map { cells[unit]?[$0] ?? "" }).map(quoted).joined(separator: ",")
        }
        return ([header] + rows).map { $0 + "\n" }.joined()
    }

    /// A CSV field, quoted when it holds a comma, quote or line break.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private func message(_ text: String, level: MeasurementLevel = .nominal) -> String? {
        ReliabilityCSVTests.message(text, layout: .wide, level: level)
    }

    @Test func readsUnitsByCodersWithEmptyCellsMissing() throws {
        let data = try ReliabilityCSV.read(
            string: "item,A,B,C\nu1,1,2,\nu2,,\"\",\nu3,3,,\"x,y\"\n", layout: .wide)
        let long = try ReliabilityData([
            ("u1", "A", "1"), ("u1", "B", "2"), ("u3", "A", "3"), ("u3", "C", "x,y"),
        ])
        #expect(data == long)
    }

    @Test(arguments: [(units: 200, coders: 3, missing: 0.0), (300, 5, 0.4), (50, 2, 0.9)])
    func equalsTheLongFormOfGeneratedData(units: Int, coders: Int, missing: Double) throws {
        let generated = GeneratedReliabilityData.random(
            units: units, coders: coders, categories: 6, missing: missing, seed: UInt64(units))
        // Coders in the order of the long rows within each unit, so both forms list the values in one order.
        let wideText = Self.wide(generated.triples, coders: generated.coderNames)
        let longText = "unit,coder,value\n" + generated.triples.map { "\($0.unit),\($0.coder),\($0.value)\n" }.joined()
        for level in MeasurementLevel.allCases {
            let wide = try ReliabilityCSV.read(string: wideText, layout: .wide, level: level)
            #expect(wide == (try ReliabilityCSV.read(string: longText, level: level)))
            #expect(wide == (try generated.data(level: level)))
        }
    }

    /// Each published data set, written as a units × coders matrix (with a row of a unit nobody coded, which
    /// must not count), gives the same figures as its long form at every level it supports.
    @Test(arguments: try ReliabilityReferenceSet.allIDs())
    func referenceDataGiveTheSameFiguresWideAndLong(_ id: String) throws {
        let reference = try ReliabilityReferenceSet.load(id)
        let triples = reference.triples.map { (unit: $0.unit, coder: $0.coder, value: $0.value) }
        let coders = Set(triples.map(\.coder)).count
        let wideText = Self.wide(triples) + "nobody" + String(repeating: ",", count: coders) + "\n"
        let longText =
            "unit,coder,value\n" + triples.map { "\($0.unit),\($0.coder),\(Self.quoted($0.value))\n" }.joined()
        let numeric = triples.allSatisfy { ReliabilityData.number($0.value) != nil }
        var compared = 0
        for level in MeasurementLevel.allCases where level == .nominal || numeric {
            for weights in level == .nominal ? [Cohen.Weights.none] : Cohen.Weights.allCases {
                let request = ReliabilityRequest(level: level, weights: weights)
                let wide = request.compute(try ReliabilityCSV.read(string: wideText, layout: .wide, level: level))
                let long = request.compute(try ReliabilityCSV.read(string: longText, level: level))
                #expect(wide == long, "\(level) \(weights)")
                compared += wide.filter { $0.result.value != nil }.count
            }
        }
        #expect(compared >= 2)
    }

    @Test(arguments: [
        ("", "<input>:1:1: the file is empty; put a header line 'unit,A,B' naming the coders, and one row per unit"),
        (
            "unit\nu1\n",
            "<input>:1:1: the header names no coders; a wide file has the unit column first, then one column per "
                + "coder named by its header, e.g. 'unit,A,B'"
        ),
        (
            "unit,A,B,A\nu1,1,2,3\n",
            "<input>:1:10: the header names column 'A' twice; rename or remove one of them"
        ),
        (
            "unit,A,,C\nu1,1,2,3\n",
            "<input>:1:8: column 3 of the header has no coder name; name every coder column, or delete the empty "
                + "column"
        ),
        (
            "unit,A,B\nu1,1,2\nu2,2,2\nu1,3,\n",
            "<input>:4:1: unit 'u1' already has a row (line 2); keep one row per unit, with each coder's value in "
                + "the coder's column"
        ),
        (
            "unit,A,B\nu1,1,2\nu2,1,1,5\n",
            "<input>:3:8: the row has 4 fields but the header has 3; quote a field that contains a comma (\"1,5\") "
                + "and write decimals with a point (1.5)"
        ),
        (
            "unit,A,B,C\nu1,1,2,3\nu2,1\n",
            "<input>:3:4: the row ends before column 'B'; give every row as many fields as the header (an empty "
                + "field is a missing value)"
        ),
        ("unit,A,B\n,1,2\n", "<input>:2:1: empty unit; give every row a unit, or delete the row"),
        (
            "unit,coder,value\nu1,A,1\n",
            "<input>:1:1: the header names the columns of a long file (unit, coder, value); drop --input wide to "
                + "read one row per value, or rename the coder columns"
        ),
        (
            "unit,A,B\n",
            "<input>:1:1: no ratings: the header is followed by no rows; add one row per unit below the header with "
                + "each coder's value in the coder's column, e.g. 'u1,3,4'"
        ),
        (
            "unit,A,B\nu1,,\nu2,,\n",
            "<input>:1:1: no ratings: none of the 2 rows has a value; add one row per unit below the header with "
                + "each coder's value in the coder's column, e.g. 'u1,3,4'"
        ),
    ])
    func badFilesNameLineAndColumn(_ text: String, _ expected: String) {
        #expect(message(text) == expected)
    }

    @Test func nonNumberAtNumericLevelIsFoundInItsCoderColumn() {
        let text = "unit,A,B,C\nu1,1,2,3\nu2,2,,nan\nu3,inf,0x10,\n"
        #expect(message(text) == nil)
        #expect(message(text, level: .interval)?.hasPrefix("<input>:3:7: value 'nan' is not a decimal number") == true)
        let hex = message("unit,A,B\nu1,1,2\nu2,2,0x10\n", level: .ordinal)
        #expect(hex?.hasPrefix("<input>:3:6: value '0x10' is not a decimal number") == true)
    }

    @Test func codersAreRestrictedByHeaderName() throws {
        let text = "unit,A,B,C\nu1,1,2,1\nu2,,3,3\n"
        let data = try ReliabilityCSV.read(string: text, layout: .wide, coders: ["C", "A"])
        #expect(data.coders == ["C", "A"] && data.units == ["u1", "u2"] && data.valueCount == 3)
        #expect(
            ReliabilityCSVTests.message("unit,A,B,C\nu1,1,2,\n", layout: .wide, coders: ["A", "C"])
                == "<input>: coder 'C' has no values in the file (coders: A, B); choose coders that have values in the file"
        )
    }
}
