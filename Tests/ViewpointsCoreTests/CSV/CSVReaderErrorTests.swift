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

@Suite struct CSVReaderErrorTests {
    static let unterminated =
        "quoted field never closed (started here); close it with a double quote, "
        + "and double any quote inside it (\"\")"
    static let afterQuote =
        "unexpected character after closing quote; put a comma or line break right after the "
        + "closing quote, or double the quote (\"\") if it belongs to the text"
    static let quoteInside =
        "double quote inside a field that does not start with one; enclose the whole field "
        + "in double quotes and double the quote inside it (\"\")"
    static let invalid = "invalid UTF-8 byte sequence; save the file with UTF-8 encoding (in Excel: \"CSV UTF-8\")"
    static let nul = "NUL byte (0x00) in the data; remove it, text cannot contain NUL characters"
    static let bom =
        "byte-order mark (U+FEFF) at the start of a record, as left by joining two files; remove it, "
        + "and the repeated header line if there is one"

    /// Inputs with one error, and the place and message expected.
    static let cases: [(String, [UInt8], String)] = [
        ("unterminated", Array("name,bio\nAnna,\"unclosed\nmore\n".utf8), "<input>:2:6: \(unterminated)"),
        ("unterminated after BOM", [0xEF, 0xBB, 0xBF] + Array("\"abc".utf8), "<input>:1:1: \(unterminated)"),
        ("character after quote", Array("a,\"b\"x\n".utf8), "<input>:1:6: \(afterQuote)"),
        ("space after quote", Array("\"a\" ,b".utf8), "<input>:1:4: \(afterQuote)"),
        ("quote in unquoted field", Array("ab\"c\n".utf8), "<input>:1:3: \(quoteInside)"),
        (
            "bad record after multi-line field", Array("\"one\ntwo\nthree\",ok\nbad\"quote\n".utf8),
            "<input>:4:4: \(quoteInside)"
        ),
        ("bad field after multi-line field", Array("\"one\r\ntwo\",x\"y\n".utf8), "<input>:2:7: \(quoteInside)"),
        ("after CRLF lines", Array("a,b\r\nc,d\r\ne,f\"g\r\n".utf8), "<input>:3:4: \(quoteInside)"),
        ("after lone CR lines", Array("a\rb\r\rc\"".utf8), "<input>:4:2: \(quoteInside)"),
        ("after blank lines", Array("\n\n\r\n\"x\"y".utf8), "<input>:4:4: \(afterQuote)"),
        ("after Ä", Array("Ä,\"x\"y".utf8), "<input>:1:6: \(afterQuote)"),
        ("after Arabic", Array("قال,ab\"c".utf8), "<input>:1:7: \(quoteInside)"),
        ("after emoji in quotes", Array("\"😀\n😀😀\"!".utf8), "<input>:2:4: \(afterQuote)"),
        ("unterminated after Ä", Array("Ä,\"x".utf8), "<input>:1:3: \(unterminated)"),
        ("invalid byte", [0x61, 0x62, 0x2C, 0x63, 0xE9, 0x64, 0x0A], "<input>:1:5: \(invalid)"),
        ("invalid after Ä on line 2", Array("x\nÄ".utf8) + [0xFF], "<input>:2:2: \(invalid)"),
        ("invalid in quoted field", Array("\"a\nb".utf8) + [0xC3, 0x28, 0x22], "<input>:2:2: \(invalid)"),
        ("invalid in escaped field", Array("\"a\"\"".utf8) + [0xC3, 0x22], "<input>:1:5: \(invalid)"),
        ("invalid before quote error", [0xFF] + Array("a\"b".utf8), "<input>:1:1: \(invalid)"),
        ("invalid before unterminated", Array("ä".utf8) + [0x80] + Array(",\"x".utf8), "<input>:1:2: \(invalid)"),
        ("overlong", Array("ok\n".utf8) + [0xC0, 0xAF], "<input>:2:1: \(invalid)"),
        ("surrogate", [0x61, 0xED, 0xA0, 0x80], "<input>:1:2: \(invalid)"),
        ("too large", [0xF4, 0x90, 0x80, 0x80], "<input>:1:1: \(invalid)"),
        ("truncated at end", [0x61, 0x2C, 0xE2, 0x82], "<input>:1:3: \(invalid)"),
        ("lone BOM start bytes", [0xEF, 0xBB], "<input>:1:1: \(invalid)"),
        ("NUL unquoted", Array("a,b".utf8) + [0] + Array("c".utf8), "<input>:1:4: \(nul)"),
        ("NUL quoted", Array("\"a\nb".utf8) + [0] + Array("\"".utf8), "<input>:2:2: \(nul)"),
        ("BOM starting a later line", Array("a,b\n\u{FEFF}a,b\n".utf8), "<input>:2:1: \(bom)"),
        ("BOM after blank lines", Array("a\r\n\r\n\u{FEFF}".utf8), "<input>:3:1: \(bom)"),
        ("BOM twice at the start", Array("\u{FEFF}\u{FEFF}a".utf8), "<input>:1:1: \(bom)"),
        ("NUL after quote", Array("\"a\"".utf8) + [0], "<input>:1:4: \(nul)"),
    ]

    @Test(arguments: cases)
    func reportsErrorPosition(name: String, input: [UInt8], message: String) {
        #expect(CSVTestSupport.errorMessage(input) == message, "\(name)")
    }

    @Test func reportsErrorKindAndPlace() {
        #expect(throws: CSVError(kind: .unterminatedQuote, file: "<input>", line: 2, column: 6)) {
            var reader = CSVReader(string: "name,bio\nAnna,\"unclosed\nmore\n")
            _ = try reader.readAll()
        }
    }

    @Test func deliversRecordsBeforeTheBadOne() throws {
        var reader = CSVReader(string: "a,b\nc,d\ne\"f\n")
        #expect(try reader.next()?.fields == ["a", "b"])
        #expect(try reader.next()?.fields == ["c", "d"])
        #expect(throws: CSVError.self) { try reader.next() }
    }

    @Test func describesFileErrorsWithoutPosition() {
        let error = CSVError(kind: .cannotRead("Is a directory"), file: "data", line: 0, column: 0)
        #expect(
            error.description
                == "data: cannot read file (Is a directory); check that it is a regular, readable file")
    }

    @Test func reportsUnreadableFile() throws {
        let folder = CSVTestSupport.temporaryPath("folder")
        mkdir(folder, 0o755)
        defer { rmdir(folder) }
        var reader = try CSVReader(path: folder)
        #expect(throws: CSVError(kind: .cannotRead("Is a directory"), file: folder, line: 0, column: 0)) {
            try reader.next()
        }
    }
}
