import Foundation
import Testing
import ViewpointsFiles

@testable import ViewpointsCore

@Suite struct CSVSpreadsheetSafetyTests {
    @Test(arguments: [
        ("", ""),
        ("plain", "plain"),
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1+1", "'+1+1"),
        ("-5", "-5"),
        ("-5x", "'-5x"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\r\nx", "'\r\nx"),
        ("'", "'"),
        ("''=", "'''="),
        ("'-5", "'-5"),
        ("'=x", "''=x"),
        ("'Tis", "'Tis"),
        ("+", "'+"),
        ("-", "'-"),
        ("-.5e-3", "-.5e-3"),
        ("+1.", "+1."),
        ("-1e", "'-1e"),
        ("-.", "'-."),
        ("=\u{301}", "'=\u{301}"),
        // leading white space of any kind, line breaks and invisible characters hide no trigger
        (" =1+1", "' =1+1"),
        ("   @cmd", "'   @cmd"),
        ("\u{00A0}=cmd|' /C calc'!A0", "'\u{00A0}=cmd|' /C calc'!A0"),
        ("\u{3000}+x", "'\u{3000}+x"),
        ("\n=HYPERLINK(\"x\")", "'\n=HYPERLINK(\"x\")"),
        ("\u{2028}-x", "'\u{2028}-x"),
        ("\u{200B}=x", "'\u{200B}=x"),
        ("\u{FF1D}cmd", "'\u{FF1D}cmd"),
        (" -5", " -5"),
        ("\u{00A0}+3.5", "\u{00A0}+3.5"),
        ("  plain", "  plain"),
        ("' =x", "'' =x"),
    ])
    func neutralizesFormulaCells(input: String, expected: String) {
        let neutralized = CSVSpreadsheetSafety.neutralize(input)
        #expect(Array(neutralized.unicodeScalars) == Array(expected.unicodeScalars))
        #expect(Array(CSVSpreadsheetSafety.restore(neutralized).unicodeScalars) == Array(input.unicodeScalars))
    }

    @Test(arguments: [
        ("0", true), ("12", true), ("+3", true), ("-4.", true), (".5", true), ("1.5E+10", true), ("2e7", true),
        ("", false), ("+", false), (".", false), ("1e", false), ("e5", false), ("1.2.3", false), ("١٢", false),
        ("1 ", false), ("--1", false), ("+.e1", false),
    ])
    func recognizesNumbers(input: String, isNumber: Bool) {
        #expect(CSVSpreadsheetSafety.isNumber(input) == isNumber)
    }

    static func assertRoundTrip(_ s: String) {
        let restored = CSVSpreadsheetSafety.restore(CSVSpreadsheetSafety.neutralize(s))
        #expect(Array(restored.unicodeScalars) == Array(s.unicodeScalars), "\(s.debugDescription)")
        // A neutralized cell is never triggered after the spreadsheet strips one apostrophe.
        let neutralized = CSVSpreadsheetSafety.neutralize(s)
        #expect(!CSVSpreadsheetSafety.triggered(neutralized), "\(s.debugDescription)")
    }

    @Test func restoresEveryShortString() {
        let alphabet = ["'", "=", "-", "+", "@", "\t", "\r", "5", ".", "e", "T", " ", "Ä", "\u{301}"]
        var strings = [""]
        for _ in 0..<4 {
            strings = strings.flatMap { prefix in alphabet.map { prefix + $0 } }
            for s in strings { Self.assertRoundTrip(s) }
        }
    }

    @Test(arguments: [UInt64(1), 99, 12_345])
    func restoresRandomStrings(seed: UInt64) {
        let pieces = [
            "'", "''", "=", "-5", "'-5", "=SUM(A1)", "'Tis", "+", "@", "\t", "\r", "\n", "1e5", ".", "x",
            "Ä", " ", "-", "0",
        ]
        var generator = CSVSplitMix64(seed: seed)
        for _ in 0..<5_000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...6, using: &generator) { s += pieces.randomElement(using: &generator)! }
            Self.assertRoundTrip(s)
        }
    }

    @Test func exportsNeutralizeHeaderCellsReadBackAsWrittenAndAreOwnerOnly() throws {
        let path = NSTemporaryDirectory() + "vp-safety-\(UInt32.random(in: 0...UInt32.max)).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var export = try CSVExport(path: path, excel: false, raw: false)
        try export.header(["pseudonym", "\u{00A0}=cmd", "sector"])
        try export.row(["P01", "@x", "law"])
        try export.finish()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "pseudonym,'\u{00A0}=cmd,sector\nP01,'@x,law\n", "\(text)")
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        var reader = try CSVReader(path: path)
        var problems = ProblemList(file: path)
        let header = CSVHeader(record: try #require(try reader.next()), problems: &problems)
        #expect(header.names == ["pseudonym", "=cmd", "sector"])
        var shared = try CSVExport(path: path, excel: false, raw: true, mode: 0o640)
        try shared.header(["=raw"])
        try shared.finish()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "=raw\n")
        let after = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(after == 0o640)
    }
}
