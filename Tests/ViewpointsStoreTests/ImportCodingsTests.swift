import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

@Suite(.database)
struct ImportCodingsTests {
    let s: CodingStudy
    init() throws { s = try CodingStudy() }

    static let codings = """
        statement,coder,code,stance,note
        S1,coder-a,relations.lowest-since-9-11,+1,qualified
        S1,coder-b,relations.lowest-since-9-11,2,
        S2,coder-a,,,
        S3,coder-a,region.prioritize-regional,-2,

        """

    @Test func createsCodersAndIsIdempotent() throws {
        let path = s.files.write("k.csv", ImportCodingsTests.codings)
        let first = try s.store.importCodings(path: path, study: s.study, options: .init())
        #expect(first.summary.description == "codings: 4 new, 0 unchanged, 0 changed, 0 not in file (kept)")
        #expect(first.newCoders == ["coder-a", "coder-b"])
        #expect(try s.db.scalar("SELECT count(*) FROM reviews") == "4")
        #expect(try s.events().count == 4)
        let again = try s.store.importCodings(path: path, study: s.study, options: .init())
        #expect(again.summary.description == "codings: 0 new, 4 unchanged, 0 changed, 0 not in file (kept)")
        #expect(again.newCoders.isEmpty)
        #expect(try s.events().count == 4)
        // what the export writes imports back unchanged
        var rows: [String] = []
        try s.store.exportCodings(study: s.study) { rows.append($0.joined(separator: ",")) }
        let exported = s.files.write("export.csv", rows.joined(separator: "\n") + "\n")
        let back = try s.store.importCodings(path: exported, study: s.study, options: .init())
        #expect(back.summary.description == "codings: 0 new, 4 unchanged, 0 changed, 0 not in file (kept)")
    }

    @Test func refusesChangesUnlessUpdating() throws {
        _ = try s.store.importCodings(
            path: s.files.write("k.csv", ImportCodingsTests.codings), study: s.study, options: .init())
        let changed = s.files.write(
            "changed.csv",
            ImportCodingsTests.codings.replacingOccurrences(
                of: "S1,coder-b,relations.lowest-since-9-11,2", with: "S1,coder-b,relations.lowest-since-9-11,1"))
        let snapshot = try s.db.snapshot()
        let failure = try #require(throws: ImportFailure.self) {
            try s.store.importCodings(path: changed, study: s.study, options: .init())
        }
        #expect(
            failure.problems.map(\.description) == [
                "\(changed):3:1: coder-b's coding of S1 with relations.lowest-since-9-11 differs from the stored one "
                    + "(stance 2 → 1)"
            ])
        #expect(failure.problems.map(\.remedy) == [.update], "the executable words the --update hint")
        #expect(try s.db.snapshot() == snapshot)
        var options = CodingImportOptions()
        options.update = true
        let updated = try s.store.importCodings(path: changed, study: s.study, options: options)
        #expect(updated.summary.description == "codings: 0 new, 3 unchanged, 1 changed (updated), 0 not in file (kept)")
        #expect(try s.events().last == "coder-b change 2 1")
    }

    @Test(arguments: [
        (
            "unknown statement", "S9,a,relations.lowest-since-9-11,1",
            "k.csv:2:1: 'statement' S9 is not a statement of study ipr-2018"
        ),
        ("unknown code", "S1,a,relations.lowest,1", "k.csv:2:6: 'code' relations.lowest is not in the codebook"),
        ("theme", "S1,a,relations,1", "k.csv:2:6: 'code' relations is a theme"),
        (
            "bad stance", "S1,a,relations.lowest-since-9-11,3",
            "k.csv:2:34: 'stance' \"3\" is not an integer from -2 to 2"
        ),
        ("empty stance", "S1,a,relations.lowest-since-9-11,", "k.csv:2:34: 'stance' is empty"),
        ("bad coder", "S1,a b,relations.lowest-since-9-11,1", "k.csv:2:4: 'coder' \"a b\" is not a valid coder name"),
        ("review with stance", "S1,a,,1", "k.csv:2:7: 'code' is empty (a review with nothing applied) but 'stance'"),
        (
            "duplicate", "S1,a,relations.lowest-since-9-11,1\nS1,a,relations.lowest-since-9-11,2",
            "k.csv:3:6: a's coding of S1 with relations.lowest-since-9-11 is already on line 2"
        ),
    ])
    func rejectsBadRowsWithTheirPlace(_ name: String, _ rows: String, _ expected: String) throws {
        let path = s.files.write("k.csv", "statement,coder,code,stance\n" + rows + "\n")
        let snapshot = try s.db.snapshot()
        let failure = try #require(throws: ImportFailure.self) {
            try s.store.importCodings(path: path, study: s.study, options: .init())
        }
        #expect(
            failure.description.contains(expected.replacingOccurrences(of: "k.csv", with: path)), "\(name): \(failure)")
        #expect(try s.db.snapshot() == snapshot)
    }

    @Test func dryRunWritesNothing() throws {
        let snapshot = try s.db.snapshot()
        var options = CodingImportOptions()
        options.dryRun = true
        let result = try s.store.importCodings(
            path: s.files.write("k.csv", ImportCodingsTests.codings), study: s.study, options: options)
        #expect(result.summary.new == 4)
        #expect(try s.db.snapshot() == snapshot)
    }
}
