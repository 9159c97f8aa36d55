import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

/// Hostile input files (the corpus in `Tests/Hostile/`, and generated ones too big to commit) run through the
/// `viewpoints` binary: each is refused with exit 65 naming its file and line, leaving the database as it was,
/// or stored verbatim, comes back unchanged from the export, and leaves every table and row in place.
@Suite(.database)
struct HostileInputTests {
    /// SQL, dollar quotes, backslashes and COPY's end-of-data marker (`\.` alone on a line), as in the corpus.
    static let sql = "'); DROP TABLE statements; --"
    static let dollar = "$$; DROP TABLE codes; $$"
    static let backslashes = #"C:\new\table \N \\ \t"#
    static let copyEnd = "before\n\\.\nafter"

    /// What must happen to a hostile file.
    enum Outcome: Sendable {
        /// Exit 65, `FILE:LINE:` and `saying` on stderr, the database unchanged.
        case refused(line: Int, saying: String)
        /// Exit 0; each value comes back as a field of the raw export, each `neutralized` one with an apostrophe
        /// in the default export.
        case stored([String], neutralized: [String] = [], warning: String? = nil)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var outcome: Outcome
        var testDescription: String { file }
        var kind: Stage { Stage(rawValue: String(file.prefix { $0 != "-" }))! }
        init(_ file: String, _ outcome: Outcome) {
            self.file = file
            self.outcome = outcome
        }
    }

    static let corpus: [Case] = [
        Case("participants-sql.csv", .stored([sql, dollar, backslashes, copyEnd, "\\N"])),
        Case(
            "participants-formula.csv",
            .stored(
                ["=cmd|' /C calc'!A0", "@SUM(A1)", "+1+1", "-2-3"],
                neutralized: ["=cmd|' /C calc'!A0", "@SUM(A1)", "+1+1", "-2-3"])),
        Case("participants-nul.csv", .refused(line: 3, saying: "NUL byte")),
        Case("participants-utf8.csv", .refused(line: 3, saying: "invalid UTF-8")),
        Case("participants-quote.csv", .refused(line: 3, saying: "quoted field never closed")),
        Case("participants-bom.csv", .refused(line: 3, saying: "byte-order mark")),
        Case("participants-eol.csv", .stored(["minister", "advisor\r\nsenior", "clerk"])),
        Case("participants-eol-bad.csv", .refused(line: 4, saying: "'participant' is empty")),
        // Identifiers are only ever stored as keyed digests: a look-alike is another person, as a typo would be.
        Case(
            "participants-lookalike.csv",
            .stored(["minister"], warning: "3: 'participant' mixes Latin and Cyrillic letters")),

        Case("statements-sql.csv", .stored([sql, dollar, backslashes, copyEnd, "\\N", sql + " " + dollar])),
        Case(
            "statements-formula.csv",
            .stored(
                ["=1+2", "@import", "+cmd", "-- comment", "=HYPERLINK(\"http://x\")"],
                neutralized: ["=1+2", "@import", "+cmd", "-- comment"])),
        Case("statements-nul.csv", .refused(line: 3, saying: "NUL byte")),
        Case("statements-utf8.csv", .refused(line: 3, saying: "invalid UTF-8")),
        Case("statements-quote.csv", .refused(line: 3, saying: "quoted field never closed")),
        Case("statements-bom.csv", .refused(line: 3, saying: "byte-order mark")),
        Case("statements-eol.csv", .stored(["first", "dos\r\nlines\nand\rthree", "third"])),
        Case("statements-eol-bad.csv", .refused(line: 4, saying: "'text' is empty")),
        Case("statements-lookalike.csv", .refused(line: 3, saying: "is not a participant of study s")),

        Case("codebook-sql.csv", .stored([sql, dollar + " " + backslashes, copyEnd])),
        Case("codebook-sql-key.csv", .refused(line: 4, saying: "is not a valid code key")),
        Case(
            "codebook-formula.csv",
            .stored(
                ["=HYPERLINK(\"http://x\")", "@SUM(A1)", "+1+1", "-2-3"],
                neutralized: ["=HYPERLINK(\"http://x\")", "@SUM(A1)", "+1+1", "-2-3"])),
        Case("codebook-nul.csv", .refused(line: 3, saying: "NUL byte")),
        Case("codebook-utf8.csv", .refused(line: 3, saying: "invalid UTF-8")),
        Case("codebook-quote.csv", .refused(line: 3, saying: "quoted field never closed")),
        Case("codebook-bom.csv", .refused(line: 3, saying: "byte-order mark")),
        Case("codebook-eol.csv", .stored(["Better", "one\r\ntwo", "Worse"])),
        Case("codebook-lookalike.csv", .refused(line: 3, saying: "is not a valid code key")),

        Case("codings-sql.csv", .stored([sql + " " + dollar, copyEnd, backslashes])),
        Case("codings-sql-statement.csv", .refused(line: 3, saying: "S2'); DROP TABLE")),
        Case("codings-formula.csv", .stored(["=1+1", "@SUM(A1)"], neutralized: ["=1+1", "@SUM(A1)"])),
        Case("codings-nul.csv", .refused(line: 3, saying: "NUL byte")),
        Case("codings-utf8.csv", .refused(line: 3, saying: "invalid UTF-8")),
        Case("codings-quote.csv", .refused(line: 3, saying: "quoted field never closed")),
        Case("codings-bom.csv", .refused(line: 3, saying: "byte-order mark")),
        Case("codings-eol.csv", .stored(["a\r\nb"])),
        Case("codings-lookalike.csv", .refused(line: 3, saying: "is not a valid coder name")),

        Case("adjudications-sql.csv", .refused(line: 2, saying: "S1'); DROP TABLE")),
        Case("adjudications-sql-code.csv", .refused(line: 2, saying: "is not a code key")),
        Case("adjudications-formula.csv", .stored([])),
        Case("adjudications-nul.csv", .refused(line: 2, saying: "NUL byte")),
        Case("adjudications-utf8.csv", .refused(line: 2, saying: "invalid UTF-8")),
        Case("adjudications-quote.csv", .refused(line: 2, saying: "quoted field never closed")),
        Case("adjudications-bom.csv", .refused(line: 3, saying: "byte-order mark")),
        Case("adjudications-eol.csv", .stored([])),
        Case("adjudications-lookalike.csv", .refused(line: 2, saying: "is not a code key")),
    ]

    let cli: CLI
    var db: TestDatabase { cli.db }
    let files = TestFiles()

    init() throws {
        cli = try CLI()
    }

    // MARK: - Stages

    /// The import kinds in the order a study needs them; a hostile file of one kind is imported after the
    /// well-formed files of every earlier kind, so it passes the earlier checks and reaches what it attacks.
    enum Stage: String, Sendable, CaseIterable, Comparable {
        case participants, statements, codebook, codings, adjudications

        static func < (a: Stage, b: Stage) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }

        /// The well-formed file of this kind the hostile ones build on.
        var baseline: String {
            switch self {
            case .participants: "participant,name,role\nA One,Alice Onerous,minister\nB Two,Bob Twofold,advisor\n"
            case .statements: "participant,id,text\nA One,S1,Relations are good.\nB Two,S2,Relations are bad.\n"
            case .codebook: "key,label,description,parent\nrelations,Relations,,\nrelations.better,Better,,relations\n"
            case .codings:
                "statement,coder,code,stance\nS1,coder-a,relations.better,1\nS1,coder-b,relations.better,-1\n"
            case .adjudications: "statement,code,stance\n"
            }
        }

        func importArguments(_ path: String) -> [String] {
            self == .adjudications
                ? ["import", "adjudications", path, "--coder", "coder-b"] : ["import", rawValue, path]
        }

        /// The export that shows what this kind stored.
        var export: [String] {
            switch self {
            case .adjudications: ["export", "codings", "--final"]
            default: ["export", rawValue]
            }
        }
    }

    /// Creates study `s` and imports the baseline of every stage before `stage`.
    func prepare(before stage: Stage) throws {
        #expect(try cli.run(["study", "create", "s", "--title", HostileInputTests.sql]).status == 0)
        for earlier in Stage.allCases where earlier < stage {
            let result = try cli.run(
                earlier.importArguments(files.write("\(earlier.rawValue)-baseline.csv", earlier.baseline)))
            try #require(result.status == 0, "baseline \(earlier): \(result)")
        }
    }

    /// Imports `path` and checks the outcome.
    func check(_ path: String, _ stage: Stage, _ outcome: Outcome) throws {
        let before = try db.snapshot()
        let result = try cli.run(stage.importArguments(path))
        #expect(!result.terminatedBySignal, "\(result)")
        #expect(result.stderr.utf8.count < 20_000, "the message should not echo a huge field")
        switch outcome {
        case .refused(let line, let saying):
            #expect(result.status == 65, "\(result)")
            #expect(result.stderr.contains("\(path):\(line):"), "\(result)")
            #expect(result.stderr.contains(saying), "\(result)")
            #expect(try db.snapshot() == before)
        case .stored(let values, let neutralized, let warning):
            #expect(result.status == 0, "\(result)")
            if let warning { #expect(result.stderr.contains("warning: \(path):\(warning)"), "\(result)") }
            let after = try db.snapshot()
            #expect(Set(after.keys) == Set(before.keys), "every table is still there")
            for (table, rows) in before {
                #expect((after[table]?.count ?? 0) >= rows.count, "\(table) lost rows")
            }
            let raw = try exportedFields(stage.export + ["--raw"])
            for value in values {
                #expect(raw.contains(value), "\(value.debugDescription) did not come back from the export")
            }
            let safe = try exportedFields(stage.export)
            for value in neutralized {
                #expect(safe.contains("'" + value), "\(value.debugDescription) was not neutralized in the export")
                #expect(!safe.contains(value))
            }
        }
    }

    /// Every field of an export, parsed back with the CSV reader.
    func exportedFields(_ arguments: [String]) throws -> Set<String> {
        let out = files.folder + "/export-\(UUID().uuidString).csv"
        let result = try cli.run(arguments + ["--out", out])
        try #require(result.status == 0, "\(result)")
        var reader = try CSVReader(path: out)
        var fields = Set<String>()
        while let record = try reader.next() { fields.formUnion(record.fields) }
        return fields
    }

    // MARK: - Tests

    @Test(arguments: corpus)
    func corpusFile(_ hostile: Case) throws {
        try prepare(before: hostile.kind)
        try check(Repository.path("Tests/Hostile/" + hostile.file), hostile.kind, hostile.outcome)
    }

    @Test func everyCorpusFileIsInTheTable() throws {
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: Repository.path("Tests/Hostile"))
            .filter { $0.hasSuffix(".csv") }
        #expect(Set(onDisk) == Set(HostileInputTests.corpus.map(\.file)))
    }

    /// A 10 MB field where each kind stores free text, and a 10 MB key or name where it does not.
    @Test(arguments: Stage.allCases)
    func tenMegabyteField(_ stage: Stage) throws {
        try prepare(before: stage)
        let big = String(repeating: "Ten megabytes of text; DROP TABLE codes; ", count: 10 * 1024 * 1024 / 41) + "end"
        let (content, outcome): (String, Outcome) =
            switch stage {
            case .participants: ("participant,role\nA One,\(big)\n", .stored([big]))
            case .statements: ("participant,text\nA One,\(big)\n", .stored([big]))
            case .codebook: ("key,label,description\nrelations,Relations,\"\(big)\"\n", .stored([big]))
            case .codings:
                ("statement,coder,code,stance\nS1,\(big),relations.better,1\n", .refused(line: 2, saying: "coder"))
            case .adjudications: ("statement,code,stance\nS1,\(big),1\n", .refused(line: 2, saying: "code"))
            }
        try check(files.write("big.csv", content), stage, outcome)
    }

    /// 10,000 columns: attributes for participants, too many fields (or unknown columns) for the others.
    @Test(arguments: Stage.allCases)
    func tenThousandColumns(_ stage: Stage) throws {
        try prepare(before: stage)
        let extra = (1...9_997).map { "c\($0)" }
        let content: String
        let outcome: Outcome
        switch stage {
        case .participants:
            content =
                (["participant", "name", "role"] + extra).joined(separator: ",") + "\n"
                + (["C Three", "Carl Threefold", "clerk"] + extra.map { "=\($0)" }).joined(separator: ",") + "\n"
            outcome = .stored(["clerk", "=c9996"], neutralized: ["=c1"])
        default:
            let header = stage.baseline.split(separator: "\n")[0]
            let width = header.split(separator: ",").count
            content =
                header + "\n" + Array(repeating: "x", count: 10_000).joined(separator: ",") + "\n"
            outcome = .refused(line: 2, saying: "10000 fields where the header has \(width)")
        }
        try check(files.write("wide.csv", content), stage, outcome)
    }

    /// Look-alike letters (Cyrillic) and SQL in the names typed on the command line.
    @Test func lookAlikeAndSQLNamesOnTheCommandLineAreRefused() throws {
        let before = try db.snapshot()
        for slug in ["ipr-2018\u{0430}", "\u{0455}tudy", "x'); DROP TABLE studies; --", "$$"] {
            let result = try cli.run(["study", "create", slug])
            #expect(result.status == 64, "\(result)")
            #expect(result.stderr.contains("is not valid"), "\(result)")
        }
        #expect(try db.snapshot() == before)
        try prepare(before: .participants)
        let withStudy = try db.snapshot()
        for name in ["c\u{043E}der-a", "coder'); DROP TABLE coders; --", "=cmd", String(repeating: "a", count: 65)] {
            let result = try cli.run(["coder", "add", name, "--study", "s"])
            #expect(result.status == 64, "\(result)")
            #expect(result.stderr.contains("is not valid"), "\(result)")
        }
        #expect(try db.snapshot() == withStudy)
        let list = try cli.run(["study", "list", "--format", "csv"])
        #expect(list.stdout.contains(HostileInputTests.sql), "the title is stored verbatim: \(list)")
    }
}
