import Testing

@testable import ViewpointsCore

@Suite struct ReliabilityCSVTests {
    /// The error message reading the text produces, or nil if it reads fine.
    private func message(_ text: String, level: MeasurementLevel = .nominal, coders: [String]? = nil) -> String? {
        do {
            _ = try ReliabilityCSV.read(string: text, level: level, coders: coders)
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

    @Test(arguments: [
        ("1.5", true), ("-2", true), ("1e3", true), ("+0.25", true), ("abc", false), ("nan", false),
        ("inf", false), (" 1", false), ("1,0", false),
    ])
    func numericLevelsNeedFiniteNumbers(_ value: String, _ isNumber: Bool) throws {
        let text = "unit,coder,value\nu1,A,2\nu1,B,\"\(value)\"\n"
        #expect(try ReliabilityCSV.read(string: text).isNumeric == isNumber)
        #expect((message(text, level: .interval) == nil) == isNumber)
    }

    @Test func nonNumberAtNumericLevelNamesLineAndColumn() {
        let text = "unit,coder,value\nu1,A,1\nu1,B,2\nu2,A,high\nu2,B,high\n"
        #expect(
            message(text, level: .ordinal) == "<input>:4:6: value 'high' is not a number, but the ordinal level "
                + "needs numbers; correct the value, or analyse the values as labels at the nominal level")
        #expect(message(text) == nil)
    }

    @Test func duplicateUnitAndCoderNamesBothLines() {
        let text = "unit,coder,value\nu1,A,1\nu1,B,2\nu2,A,1\nu1,A,3\n"
        #expect(
            message(text) == "<input>:5:6: coder 'A' already gave unit 'u1' a value (line 2); "
                + "keep one row per unit and coder")
    }

    @Test func missingColumnListsTheHeader() {
        #expect(
            message("unit,rater,value\nu1,A,1\n") == "<input>:1:1: the header has no column 'coder' "
                + "(it has 'unit', 'rater', 'value'); name the columns unit, coder and value")
    }

    @Test func duplicateColumnIsAnError() {
        #expect(
            message("unit,coder,value,value\n") == "<input>:1:18: the header names column 'value' twice; "
                + "rename or remove one of them")
    }

    @Test func shortRowAndEmptyIdentifiersAreErrors() {
        #expect(
            message("unit,coder,value\nu1,A,1\nu2,B\n") == "<input>:3:4: the row ends before column 'value'; "
                + "give every row as many fields as the header")
        #expect(
            message("unit,coder,value\nu1,,1\n") == "<input>:2:4: empty coder; give every row a coder, "
                + "or delete the row")
        #expect(
            message("unit,coder,value\n,A,1\n") == "<input>:2:1: empty unit; give every row a unit, "
                + "or delete the row")
    }

    @Test func emptyFileAndCSVErrorsKeepTheirPlace() {
        #expect(
            message("") == "<input>:1:1: the file is empty; put a header line 'unit,coder,value' and one row "
                + "per value")
        let broken = message("unit,coder,value\nu1,A,\"1\nu1,B,2\n")
        #expect(broken?.hasPrefix("<input>:2:6: quoted field never closed") == true)
    }

    @Test func codersAreRestrictedOrNamedWhenUnknown() throws {
        let text = "unit,coder,value\nu1,A,1\nu1,B,2\nu1,C,1\nu2,C,3\n"
        let data = try ReliabilityCSV.read(string: text, coders: ["C", "A"])
        #expect(data.coders == ["C", "A"] && data.units == ["u1", "u2"])
        #expect(
            message(text, coders: ["A", "Z"]) == "<input>: coder 'Z' has no values in the file "
                + "(coders: A, B, C); choose coders that occur in the coder column")
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
