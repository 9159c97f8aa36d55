import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

@Suite(.database)
struct ImportStatementsTests {
    let db: TestDatabase
    let files = TestFiles()
    let store: Store
    let participantsPath: String

    init() throws {
        db = try TestDatabase()
        store = try db.store()
        _ = try store.createStudy(slug: "ipr-2018", title: "Test")
        participantsPath = files.write("participants.csv", Fixtures.participants)
        _ = try store.importParticipants(path: participantsPath, study: try study(), options: .init())
    }

    func study() throws -> Study { try #require(try store.study(slug: "ipr-2018")) }

    func options(_ configure: (inout StatementImportOptions) -> Void = { _ in }) -> StatementImportOptions {
        var options = StatementImportOptions()
        options.participantsPath = participantsPath
        configure(&options)
        return options
    }

    func pseudonym(_ identifier: String) throws -> String {
        let key = try store.key(for: try study())
        let hex = Hashing.hex(key.digest(identifier: identifier))
        return try #require(try db.scalar("SELECT pseudonym FROM participants WHERE encode(digest,'hex') = $1", [hex]))
    }

    @Test func redactsBeforeStoringAndHashesTheStoredText() throws {
        let path = files.write("statements.csv", Fixtures.statements)
        let result = try store.importStatements(path: path, study: try study(), options: options())
        #expect(result.summary.new == 4)
        #expect(result.summary.redactions["e-mail"] == 1)
        #expect(result.summary.redactions["phone"] == 1)
        let sara = try pseudonym("sara.al-hassan@example.org")
        let ahmed = try pseudonym("ahmed.khan@example.org")
        let zoe = try pseudonym("zoe.ahmed@example.org")
        let s1 = try #require(try db.scalar("SELECT text FROM statements WHERE external_id = 'S1'"))
        #expect(s1 == "Relations are at their lowest since 9/11, as [\(sara)] said. Call [PHONE].")
        let s2 = try #require(try db.scalar("SELECT text FROM statements WHERE external_id = 'S2'"))
        #expect(s2 == "=SUM(A1) is not a view; [NAME]'s point about F-16s in 2017-07 stands.")
        let s3 = try #require(try db.scalar("SELECT text FROM statements WHERE external_id = 'S3'"))
        #expect(s3 == "[\(ahmed)] and I agree, write to [EMAIL].")
        let s4 = try #require(try db.scalar("SELECT text FROM statements WHERE external_id = 'S4'"))
        #expect(s4 == "Pakistan must prioritize its region, says [\(sara)]; [\(zoe)] agrees.")
        let hashes = try db.rows("SELECT text, encode(text_sha256, 'hex') FROM statements")
        for row in hashes { #expect(row[1]! == Hashing.hex(Hashing.sha256(row[0]!))) }
    }

    @Test func reimportIsIdempotentAndCountsChanges() throws {
        let path = files.write("statements.csv", Fixtures.statements)
        _ = try store.importStatements(path: path, study: try study(), options: options())
        let again = try store.importStatements(path: path, study: try study(), options: options())
        #expect(again.summary.description.hasPrefix("statements: 0 new, 4 unchanged, 0 changed, 0 not in file (kept)"))
        let edited =
            Fixtures.statements.replacingOccurrences(of: "stands.", with: "still stands.")
            .split(separator: "\n").dropLast().joined(separator: "\n")
            + "\nS5,zoe.ahmed@example.org,Q2,A new statement.\n"
        let editedPath = files.write("edited.csv", edited)
        let snapshot = try db.snapshot()
        let failure = try #require(throws: ImportFailure.self) {
            try store.importStatements(path: editedPath, study: try study(), options: options())
        }
        #expect(
            failure.problems.map(\.description) == [
                "\(editedPath):3:1: statement S2 differs from the stored one (text)"
            ])
        #expect(failure.problems.map(\.remedy) == [.updateOrNewID], "the executable words the --update hint")
        #expect(try db.snapshot() == snapshot)
        let updated = try store.importStatements(
            path: editedPath, study: try study(), options: options { $0.update = true })
        #expect(
            updated.summary.description.hasPrefix(
                "statements: 1 new, 2 unchanged, 1 changed (updated), 1 not in file (kept)"))
        #expect(try db.scalar("SELECT count(*) FROM statements") == "5")
        #expect(
            try db.scalar("SELECT text FROM statements WHERE external_id = 'S2'")?.hasSuffix("still stands.") == true)
    }

    @Test func numbersStatementsPerParticipantAndRefersToThemAsPseudonymSeq() throws {
        let content = """
            pseudonym,text
            P01,First.
            P02,Other.
            P01,Second.

            """
        _ = try store.importStatements(path: files.write("s.csv", content), study: try study(), options: options())
        let refs = try db.rows("SELECT reference FROM statement_refs ORDER BY reference").map { $0[0]! }
        #expect(refs == ["P01:1", "P01:2", "P02:1"])
        let again = try store.importStatements(
            path: files.write("s.csv", content), study: try study(), options: options())
        #expect(again.summary.unchanged == 3)
    }

    @Test func dryRunWritesNothingAndListsRedactions() throws {
        let found = Mutex<[String]>([])
        let path = files.write("statements.csv", Fixtures.statements)
        let snapshot = try db.snapshot()
        let result = try store.importStatements(
            path: path, study: try study(),
            options: options {
                $0.dryRun = true
                $0.onRedaction = { line, redaction in found.withLock { $0.append("\(line):\(redaction.original)") } }
            })
        #expect(result.summary.dryRun)
        #expect(try db.snapshot() == snapshot)
        #expect(found.withLock { $0 }.contains("4:ahmed.khan@example.org"))
        #expect(found.withLock { $0 }.contains("2:0300-1234567"))
    }

    @Test(arguments: [
        (
            "unknown participant", "participant,text\nnobody@example.org,Hello\n",
            "s.csv:2:1: 'participant' is not a participant"
        ),
        ("unknown pseudonym", "pseudonym,text\nP99,Hello\n", "s.csv:2:1: 'pseudonym' P99 is not a participant"),
        ("empty text", "pseudonym,text\nP01,\"  \"\n", "s.csv:2:5: 'text' is empty"),
        ("wrong width", "pseudonym,text\nP01,a,b\n", "s.csv:2:7: 3 fields where the header has 2"),
        ("missing column", "pseudonym,words\nP01,a\n", "s.csv:1:11: unknown column 'words'"),
        ("missing text", "pseudonym\nP01\n", "s.csv:1:1: the header has no 'text' column"),
        ("duplicate id", "id,pseudonym,text\nA,P01,x\nA,P02,y\n", "s.csv:3:1: 'id' A is already used on line 2"),
        ("bad seq", "pseudonym,seq,text\nP01,zero,x\n", "s.csv:2:5: 'seq' \"zero\" is not a whole number"),
        (
            "duplicate seq", "pseudonym,seq,text\nP01,1,x\nP01,1,y\n",
            "s.csv:3:5: P01 already has a statement with seq 1"
        ),
        ("reference-like id", "id,pseudonym,text\nP02:1,P01,x\n", "s.csv:2:1: 'id' P02:1 looks like a PSEUDONYM:SEQ"),
    ])
    func rejectsBadRowsWithLineAndColumn(_ name: String, _ content: String, _ expected: String) throws {
        let path = files.write("s.csv", content)
        let snapshot = try db.snapshot()
        let failure = try #require(throws: ImportFailure.self) {
            try store.importStatements(path: path, study: try study(), options: options())
        }
        let message = failure.description
        #expect(message.contains(expected.replacingOccurrences(of: "s.csv", with: path)), "\(name): \(message)")
        #expect(try db.snapshot() == snapshot)
    }

    @Test func rejectsABadRecordAfterAMultiLineFieldAtItsStartingLine() throws {
        var content = "pseudonym,text\n"
        for i in 1...30 { content += "P01,\"line one of \(i)\nline two\"\n" }
        content += "P01,x,extra\n"
        let path = files.write("s.csv", content)
        let snapshot = try db.snapshot()
        let failure = try #require(throws: ImportFailure.self) {
            try store.importStatements(path: path, study: try study(), options: options())
        }
        #expect(failure.problems.first?.description.hasPrefix("\(path):62:") == true, "\(failure)")
        #expect(try db.snapshot() == snapshot)
    }

    /// A bulk load (a large file into a study without statements) drops the participants key and pauses the
    /// statement count's trigger for its COPY: both are back afterwards, the count is right, and a failed bulk load
    /// leaves everything as it was.
    @Test func bulkLoadRestoresTheKeyAndTheCountTrigger() throws {
        func shape() throws -> [[String?]] {
            try db.rows(
                """
                SELECT (SELECT tgenabled::text FROM pg_trigger WHERE tgname = 'statements_maintained_insert'),
                       (SELECT count(*)::text FROM pg_constraint WHERE conname = 'statements_participant_fkey'),
                       (SELECT coalesce(sum(statements), 0)::text FROM maintained_coverage)
                """)
        }
        let bad = files.write("bad.csv", "pseudonym,text\nP01,fine\nP99,nobody\n")
        let snapshot = try db.snapshot()
        _ = try #require(throws: ImportFailure.self) {
            try store.importStatements(path: bad, study: try study(), options: options { $0.bulkThresholdBytes = 0 })
        }
        #expect(try db.snapshot() == snapshot)
        #expect(try shape() == [["O", "1", "0"]])
        let path = files.write("statements.csv", Fixtures.statements)
        let result = try store.importStatements(
            path: path, study: try study(), options: options { $0.bulkThresholdBytes = 0 })
        #expect(result.summary.new == 4)
        #expect(try shape() == [["O", "1", "4"]])
        let hashes = try db.rows("SELECT text, encode(text_sha256, 'hex') FROM statements")
        for row in hashes { #expect(row[1]! == Hashing.hex(Hashing.sha256(row[0]!))) }
    }

    /// The table's seq is an integer: a larger one taken from an id is the row's problem, not a crash or a wrap.
    @Test func refusesASeqTooLargeForTheTable() throws {
        let path = files.write("s.csv", "statement,participant,text\nP01:99999999999,P01,fine\n")
        let snapshot = try db.snapshot()
        let failure = try #require(throws: ImportFailure.self) {
            try store.importStatements(path: path, study: try study(), options: options())
        }
        #expect(failure.problems.first?.description.contains("seq 99999999999 is too large") == true, "\(failure)")
        #expect(try db.snapshot() == snapshot)
    }

    @Test func rejectsInvalidUTF8AndLeavesTheDatabaseUnchanged() throws {
        var bytes = Array("pseudonym,text\nP01,fine\nP01,bad ".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(" byte\n".utf8)
        let path = files.write("s.csv", bytes: bytes)
        let snapshot = try db.snapshot()
        let error = try #require(throws: CSVError.self) {
            try store.importStatements(path: path, study: try study(), options: options())
        }
        #expect(error.description.hasPrefix("\(path):3:9: "))
        #expect(try db.snapshot() == snapshot)
    }

    @Test func listsTheFirstTwentyProblemsThenACount() throws {
        var content = "pseudonym,text\n"
        for _ in 1...25 { content += "P77,x\n" }
        let failure = try #require(throws: ImportFailure.self) {
            try store.importStatements(path: files.write("s.csv", content), study: try study(), options: options())
        }
        #expect(failure.problems.count == 20)
        #expect(failure.more == 5)
        #expect(failure.count == 25)
    }
}

/// A tiny lock for collecting values from @Sendable callbacks in tests.
final class Mutex<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
