import Testing
import ViewpointsFiles

@testable import ViewpointsCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
#if canImport(Foundation)
    import Foundation
#endif

@Suite struct CSVWriterTests {
    @Test(arguments: [
        (["a", "b"], "a,b\n"),
        (["a,b", "c"], "\"a,b\",c\n"),
        (["say \"hi\""], "\"say \"\"hi\"\"\"\n"),
        (["l1\nl2", "cr\r"], "\"l1\nl2\",\"cr\r\"\n"),
        ([" lead", "trail ", "in side"], "\" lead\",\"trail \",in side\n"),
        (["", "x", ""], ",x,\n"),
        ([""], "\"\"\n"),
        (["Ä", "ق", "😀"], "Ä,ق,😀\n"),
        (["\u{FEFF}bom"], "\"\u{FEFF}bom\"\n"),
        (["=1+2", "'"], "=1+2,'\n"),
    ])
    func quotesOnlyWhenNeeded(fields: [String], expected: String) {
        #expect(Array(CSVWriter.encode([fields]).utf8) == Array(expected.utf8))
    }

    @Test func writesCRLFAndBOM() {
        let text = CSVWriter.encode([["a", "b"], ["c"]], lineEnding: .crlf, bom: true)
        #expect(Array(text.utf8) == [0xEF, 0xBB, 0xBF] + Array("a,b\r\nc\r\n".utf8))
    }

    @Test func writesNothingForNoRows() {
        #expect(CSVWriter.encode([]) == "")
        #expect(CSVWriter.encode([[]]) == "")
    }

    @Test func writesIntoMemory() throws {
        var writer = CSVWriter(lineEnding: .lf, bom: false)
        for index in 0..<20_000 { try writer.write(["\(index)", "text, with comma"]) }
        try writer.finish()
        let records = try CSVTestSupport.records(writer.bytes)
        #expect(records.count == 20_000)
        #expect(records.last?.fields == ["19999", "text, with comma"])
    }

    @Test func writesLargeFileThroughBuffer() throws {
        let path = CSVTestSupport.temporaryPath("writer")
        defer { CSVTestSupport.remove(path) }
        var writer = try CSVWriter(path: path, lineEnding: .crlf, bom: true)
        var expected: [[String]] = []
        for index in 0..<30_000 {
            let row = ["\(index)", "Ä \"quoted\"", "multi\nline", ""]
            expected.append(row)
            try writer.write(row)
        }
        try writer.finish()
        try writer.finish()
        var reader = try CSVReader(path: path)
        #expect(try reader.readAll().map(\.fields) == expected)
        #expect(Array(CSVTestSupport.readFile(path).prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    @Test func writesToFileDescriptor() throws {
        let path = CSVTestSupport.temporaryPath("fd")
        defer { CSVTestSupport.remove(path) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        var writer = CSVWriter(fileDescriptor: fd, lineEnding: .lf, bom: false)
        try writer.write(["x", "y z"])
        try writer.finish()
        // The caller still owns the descriptor and can keep writing.
        #expect(write(fd, "end\n", 4) == 4)
        close(fd)
        #expect(CSVTestSupport.readFile(path) == Array("x,y z\nend\n".utf8))
    }

    #if canImport(Foundation)
        @Test func writesToFileHandle() throws {
            let path = CSVTestSupport.temporaryPath("handle")
            defer { CSVTestSupport.remove(path) }
            CSVTestSupport.writeFile(path, [])
            let handle = try #require(FileHandle(forWritingAtPath: path))
            var writer = CSVWriter(fileHandle: handle, lineEnding: .crlf)
            try writer.write(["a", "b,c"])
            try writer.finish()
            try handle.close()
            #expect(CSVTestSupport.readFile(path) == Array("a,\"b,c\"\r\n".utf8))
        }
    #endif

    @Test func reportsUnwritablePath() {
        do {
            _ = try CSVWriter(path: "/nonexistent-folder/out.csv")
            Issue.record("creating a file in a missing folder succeeded")
        } catch {
            #expect(
                error.description == "/nonexistent-folder/out.csv: cannot open file (No such file or "
                    + "directory); check that the path is right and the file is readable")
        }
    }

    @Test func reportsFailedWrite() {
        var writer = CSVWriter(fileDescriptor: -1)
        do {
            try writer.write(["a"])
            try writer.finish()
            Issue.record("writing to a bad descriptor succeeded")
        } catch {
            #expect(error.kind == .cannotWrite("Bad file descriptor"))
            #expect(error.description.hasPrefix("<fd -1>: cannot write file (Bad file descriptor); "))
        }
    }
}
