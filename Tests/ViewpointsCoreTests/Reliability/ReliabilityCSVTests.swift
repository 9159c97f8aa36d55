import Testing
import ViewpointsFiles

@testable import ViewpointsCore

@Suite struct ReliabilityCSVTests {
    /// The error message reading the text produces, or nil if it reads fine.
    static func message(
        _ text: String, layout: ReliabilityLayout = .long, level: MeasurementLevel = .nominal,
        coders: [String]? = nil
    ) -> String? {
        do {
            _ = try ReliabilityCSV.read(string: text, layout: layout, level: level, coders: coders)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func readsColumnsByNameInAnyOrder() throws {
        let data = try ReliabilityCSV.read(string: "note,value,coder,unit\nx,1,A,u1\ny,2,B,u1\nz,1,A,u2\n")
        #expect(data == (try ReliabilityData([("u1", "A", "1"), ("u1", "B", "2"), ("u2", "A", "1")])))
    }

    @Test func emptyValueCellIsMissing() throws {
        let data = try ReliabilityCSV.read(string: "unit,coder,value\nu1,A,1\nu1,B,\nu2,B,\"\"\nu2,A,2\n")
        #expect(data.units == ["u1", "u2"] && data.coders == ["A"] && data.valueCount == 2)
    }

    @Test func quotedFieldsWithDoubledQuotesAreLabels() throws {
        let data = try ReliabilityCSV.read(string: "unit,coder,value\n\"u,1\",A,\"say \"\"no\"\"\"\n\"u,1\",B,yes\n")
        #expect(data.units == ["u,1"] && data.categories == ["say \"no\"", "yes"])
    }

    /// Decimal numbers as R's `read.csv` and Python's `float` read them are numbers; what only Swift's
    /// `Double(_:)` reads (hexadecimal, `inf`, `nan` in any case and with signs) or no reader takes is not.
    @Test(arguments: [
        ("1.5", true), ("-2", true), ("1e3", true), ("+0.25", true), ("2.5E-1", true), (".5", true), ("5.", true),
        ("-0", true), ("007", true), ("abc", false), ("nan", false), ("NaN", false), ("-nan", false),
        ("+NAN", false), ("inf", false), ("-Inf", false), ("+INFINITY", false), ("infinity", false),
        ("0x10", false), ("0X1P4", false), ("-0x1.8p1", false), ("1e400", false), ("1_000", false),
        (" 1", false), ("1 ", false), ("1,0", false), ("1e", false), ("e3", false), (".", false), ("+", false),
        ("-", false), ("1.5.2", false), ("1e+", false), ("--1", false), ("1d3", false), ("١", false),
    ])
    func numericLevelsNeedDecimalNumbers(_ value: String, _ isNumber: Bool) throws {
        let text = "unit,coder,value\nu1,A,2\nu1,B,\"\(value)\"\n"
        #expect(try ReliabilityCSV.read(string: text).isNumeric == isNumber)
        #expect((Self.message(text, level: .interval) == nil) == isNumber)
        #expect(ReliabilityData.number(value) == (isNumber ? Double(value) : nil))
    }

    @Test func nonNumberAtNumericLevelNamesLineAndColumn() {
        let text = "unit,coder,value\nu1,A,1\nu1,B,2\nu2,A,high\nu2,B,high\n"
        #expect(
            Self.message(text, level: .ordinal) == "<input>:4:6: value 'high' is not a decimal number (such as 3, "
                + "-2, 0.5 or 1e3), but the ordinal level needs numbers; correct the value (a missing value is an "
                + "empty field), or analyse the values as labels at the nominal level")
        #expect(Self.message(text) == nil)
        let hex = Self.message("unit,coder,value\nu1,A,1\nu1,B,0x10\n", level: .ratio)
        #expect(hex?.hasPrefix("<input>:3:6: value '0x10' is not a decimal number") == true)
        let infinity = Self.message("unit,coder,value\nu1,A,-INF\n", level: .interval)
        #expect(infinity?.hasPrefix("<input>:2:6: value '-INF' is not a decimal number") == true)
    }

    @Test func rowWithMoreFieldsThanTheHeaderIsRefused() {
        let expected =
            "<input>:2:8: the row has 4 fields but the header has 3; quote a field that contains a comma "
            + "(\"1,5\") and write decimals with a point (1.5)"
        #expect(Self.message("unit,coder,value\nu1,a,1,5\nu1,b,2\n") == expected)
        #expect(Self.message("unit,coder,value\nu1,a,1,5\nu1,b,2\n", level: .interval) == expected)
        #expect(Self.message("unit,coder,value\nu1,a,\"1,5\"\nu1,b,2\n") == nil)
        let trailing = Self.message("note,unit,coder,value\nx,u1,a,1\ny,u1,b,2,\n")
        #expect(trailing?.hasPrefix("<input>:3:10: the row has 5 fields but the header has 4") == true)
    }

    @Test(arguments: [
        ("unit,coder,value\n", "the header is followed by no rows"),
        ("unit,coder,value\n\n\r\n", "the header is followed by no rows"),
        ("unit,coder,value\nu1,A,\n", "the only row has no value"),
        ("unit,coder,value\nu1,A,\nu2,B,\"\"\n", "none of the 2 rows has a value"),
    ])
    func fileWithoutValuesHasNoRatings(_ text: String, _ found: String) {
        #expect(
            Self.message(text) == "<input>:1:1: no ratings: \(found); add one row per value below the header, "
                + "e.g. 'u1,A,3'")
        #expect(Self.message("\n\n" + text)?.hasPrefix("<input>:3:1: no ratings: \(found)") == true)
    }

    @Test func duplicateUnitAndCoderNamesBothLines() {
        let text = "unit,coder,value\nu1,A,1\nu1,B,2\nu2,A,1\nu1,A,3\n"
        #expect(
            Self.message(text) == "<input>:5:6: coder 'A' already gave unit 'u1' a value (line 2); "
                + "keep one row per unit and coder")
    }

    @Test func missingColumnListsTheHeader() {
        #expect(
            Self.message("unit,rater,value\nu1,A,1\n") == "<input>:1:1: the header has no column 'coder' "
                + "(it has 'unit', 'rater', 'value'); name the columns unit, coder and value, or pass --input wide for a "
                + "file with one row per unit and one column per coder")
    }

    @Test func duplicateColumnIsAnError() {
        #expect(
            Self.message("unit,coder,value,value\n") == "<input>:1:18: the header names column 'value' twice; "
                + "rename or remove one of them")
    }

    @Test func shortRowAndEmptyIdentifiersAreErrors() {
        #expect(
            Self.message("unit,coder,value\nu1,A,1\nu2,B\n") == "<input>:3:4: the row ends before column "
                + "'value'; give every row as many fields as the header (an empty field is a missing value)")
        #expect(
            Self.message("unit,coder,value\nu1,,1\n") == "<input>:2:4: empty coder; give every row a coder, "
                + "or delete the row")
        #expect(
            Self.message("unit,coder,value\n,A,1\n") == "<input>:2:1: empty unit; give every row a unit, "
                + "or delete the row")
    }

    @Test func emptyFileAndCSVErrorsKeepTheirPlace() {
        #expect(
            Self.message("") == "<input>:1:1: the file is empty; put a header line 'unit,coder,value' and one row "
                + "per value")
        let broken = Self.message("unit,coder,value\nu1,A,\"1\nu1,B,2\n")
        #expect(broken?.hasPrefix("<input>:2:6: quoted field never closed") == true)
    }

    @Test func codersAreRestrictedOrNamedWhenUnknown() throws {
        let text = "unit,coder,value\nu1,A,1\nu1,B,2\nu1,C,1\nu2,C,3\n"
        let data = try ReliabilityCSV.read(string: text, coders: ["C", "A"])
        #expect(data.coders == ["C", "A"] && data.units == ["u1", "u2"])
        #expect(
            Self.message(text, coders: ["A", "Z"]) == "<input>: coder 'Z' has no values in the file "
                + "(coders: A, B, C); choose coders that have values in the file")
    }

    @Test func missingFileExitsWithNoInput() {
        #expect(throws: ReliabilityCSVError.self) {
            try ReliabilityCSV.read(path: "/nonexistent/reliability.csv")
        }
        do {
            _ = try ReliabilityCSV.read(path: "/nonexistent/reliability.csv")
        } catch {
            #expect(error.exitCode == 66)
            #expect(error.description.hasPrefix("/nonexistent/reliability.csv: cannot open file"))
        }
    }

    @Test func matchesTheTripleInitializerOnGeneratedData() throws {
        let generated = GeneratedReliabilityData.random(units: 300, coders: 4, categories: 5, missing: 0.3, seed: 77)
        let text = "unit,coder,value\n" + generated.triples.map { "\($0.unit),\($0.coder),\($0.value)\n" }.joined()
        #expect(try ReliabilityCSV.read(string: text) == (try generated.data()))
    }
}
