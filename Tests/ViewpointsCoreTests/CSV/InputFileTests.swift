import Testing
import ViewpointsFiles

@testable import ViewpointsCore

/// An `InputFile` is opened once (by the executable) and read by Core as often as it needs: a statements import
/// reads the file for participant values while its own reader is part-way through it.
@Suite struct InputFileTests {
    @Test func twoReadersOfOneFileKeepTheirOwnPlace() throws {
        let path = CSVTestSupport.temporaryPath("input-file")
        defer { CSVTestSupport.remove(path) }
        let text = "h\n" + (1...200).map { "row \($0)\n" }.joined()
        CSVTestSupport.writeFile(path, Array(text.utf8))
        let file = try InputFile.open(path: path)
        var first = CSVReader(file: file, chunkSize: 7)
        #expect(try first.next()?.fields == ["h"])
        var second = CSVReader(file: file, chunkSize: 7)
        #expect(try second.readAll().count == 201)
        let rest = try first.readAll()
        #expect(rest.count == 200)
        #expect(rest.last?.fields == ["row 200"])
        #expect(try file.readAll() == Array(text.utf8))
        #expect(file.size == text.utf8.count)
    }

    @Test func aFileThatCannotBeOpenedIsNamedInTheError() {
        #expect(
            throws: CSVError(
                kind: .cannotOpen("No such file or directory"), file: "/nonexistent/x.csv", line: 0, column: 0)
        ) {
            try InputFile.open(path: "/nonexistent/x.csv")
        }
    }
}
