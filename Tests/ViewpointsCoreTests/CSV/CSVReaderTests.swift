import Testing
import ViewpointsFiles

@testable import ViewpointsCore

@Suite struct CSVReaderTests {
    /// RFC 4180 inputs and the fields they must produce.
    static let validCases: [(String, [[String]])] = [
        ("a,b,c\n", [["a", "b", "c"]]),
        ("a,b,c", [["a", "b", "c"]]),
        ("a,b\r\nc,d\r\n", [["a", "b"], ["c", "d"]]),
        ("a,b\rc,d\r", [["a", "b"], ["c", "d"]]),
        ("a,b\nc,d\r\ne,f\rg", [["a", "b"], ["c", "d"], ["e", "f"], ["g"]]),
        ("a,,c\n,\n", [["a", "", "c"], ["", ""]]),
        ("a,b,", [["a", "b", ""]]),
        ("a,b,\n", [["a", "b", ""]]),
        ("\"a,b\",\"c\"\"d\"\n", [["a,b", "c\"d"]]),
        ("\"\"\n", [[""]]),
        ("\"\",\"\"", [["", ""]]),
        ("\"\"\"\"", [["\""]]),
        ("\"a\"\"\",b", [["a\"", "b"]]),
        ("\"x\ny\",z\n", [["x\ny", "z"]]),
        ("\"x\r\ny\"\r\n", [["x\r\ny"]]),
        ("\"x\ry\"", [["x\ry"]]),
        ("\n\na\n\n\nb\n", [["a"], ["b"]]),
        ("a\r\n\r\nb", [["a"], ["b"]]),
        ("a\r\rb\r", [["a"], ["b"]]),
        ("", []),
        ("\n", []),
        ("\r\n\r\n", []),
        ("\u{FEFF}a,b\n", [["a", "b"]]),
        ("\u{FEFF}", []),
        ("\u{FEFF}\"q\"", [["q"]]),
        ("a,\u{FEFF}b\n", [["a", "\u{FEFF}b"]]),
        ("x\n\"\u{FEFF}y\"", [["x"], ["\u{FEFF}y"]]),
        (" a , b \n", [[" a ", " b "]]),
        ("Ä,ق,😀\n", [["Ä", "ق", "😀"]]),
        ("'=SUM(A1)',-5\n", [["'=SUM(A1)'", "-5"]]),
        ("\t,x\n", [["\t", "x"]]),
    ]

    @Test(arguments: validCases)
    func readsValidInput(input: String, expected: [[String]]) throws {
        let fields = try CSVTestSupport.fields(input)
        #expect(fields.map { $0.map { Array($0.utf8) } } == expected.map { $0.map { Array($0.utf8) } })
    }

    @Test func readsEmbeddedLineBreaks() throws {
        let records = try CSVTestSupport.records(Array("\"multi\nline\",next\nlast\n".utf8))
        #expect(records.count == 2)
        #expect(records[0].fields == ["multi\nline", "next"])
        #expect(records[0].line == 1)
        #expect(records[0].fieldLines == [1, 2])
        #expect(records[0].columns == [1, 7])
        #expect(records[1].line == 3)
        #expect(records[1].columns == [1])
    }

    @Test func keepsLineNumbersAcrossBlankLines() throws {
        let records = try CSVTestSupport.records(Array("x\r\n\r\ny,z\r\n\n\rw".utf8))
        #expect(records.map(\.line) == [1, 3, 6])
        #expect(records[1].columns == [1, 3])
    }

    @Test func countsLoneCarriageReturnsAsLines() throws {
        let records = try CSVTestSupport.records(Array("a\rb\r\"c\rd\",e\rf".utf8))
        #expect(records.map(\.line) == [1, 2, 3, 5])
        #expect(records[2].fieldLines == [3, 4])
        #expect(records[2].columns == [1, 4])
    }

    @Test(arguments: [
        ("a,bb,ccc", [1, 3, 6]),
        ("Ä,ق,x", [1, 3, 5]),
        ("😀😀,x,", [1, 4, 6]),
        ("\u{FEFF}a,b", [1, 3]),
        ("\"q\",,\"\"", [1, 5, 6]),
        ("e\u{301},x", [1, 4]),
    ])
    func countsColumnsInUnicodeScalars(input: String, columns: [Int]) throws {
        let records = try CSVTestSupport.records(Array(input.utf8))
        #expect(records.first?.columns == columns)
    }

    @Test func readsFromFileAndNamesItInErrors() throws {
        let path = CSVTestSupport.temporaryPath("reader")
        defer { CSVTestSupport.remove(path) }
        CSVTestSupport.writeFile(path, Array("id,name\r\n1,\"Ä \"\"B\"\"\"\r\n2,C\"\r\n".utf8))
        var reader = try CSVReader(path: path)
        #expect(reader.displayName == path)
        #expect(try reader.next()?.fields == ["id", "name"])
        #expect(try reader.next()?.fields == ["1", "Ä \"B\""])
        #expect(throws: CSVError(kind: .quoteInUnquotedField, file: path, line: 3, column: 4)) {
            try reader.next()
        }
    }

    @Test func reportsMissingFile() {
        let path = "/nonexistent-folder/people.csv"
        do {
            _ = try CSVReader(path: path)
            Issue.record("opening a missing file succeeded")
        } catch {
            #expect(error.kind == .cannotOpen("No such file or directory"))
            #expect(
                error.description == "/nonexistent-folder/people.csv: cannot open file (No such file or "
                    + "directory); check that the path is right and the file is readable")
        }
    }

    @Test func inMemoryReaderIsNamedInput() {
        let reader = CSVReader(string: "a")
        #expect(reader.displayName == "<input>")
    }

    @Test func returnsNilRepeatedlyAtEnd() throws {
        var reader = CSVReader(string: "a\n")
        #expect(try reader.next() != nil)
        #expect(try reader.next() == nil)
        #expect(try reader.next() == nil)
    }
}
