import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

@Suite(.database)
struct ImportParticipantsTests {
    let db: TestDatabase
    let files = TestFiles()

    init() throws { db = try TestDatabase() }

    func study(_ store: Store, slug: String = "ipr-2018") throws -> Study {
        try store.study(slug: slug) ?? store.createStudy(slug: slug, title: "Test").study
    }

    @Test func importsAndReportsIdempotentReimport() throws {
        let store = try db.store()
        let study = try study(store)
        let path = files.write("participants.csv", Fixtures.participants)
        let first = try store.importParticipants(path: path, study: study, options: .init())
        #expect(first.summary.description == "participants: 4 new, 0 unchanged, 0 changed, 0 not in file (kept)")
        #expect(first.newPseudonyms == ["P01", "P02", "P03", "P04"])
        let again = try store.importParticipants(path: path, study: try self.study(store), options: .init())
        #expect(again.summary.description == "participants: 0 new, 4 unchanged, 0 changed, 0 not in file (kept)")
        let fewer = files.write(
            "fewer.csv", Fixtures.participants.split(separator: "\n").prefix(3).joined(separator: "\n"))
        let partial = try store.importParticipants(path: fewer, study: try self.study(store), options: .init())
        #expect(partial.summary.description == "participants: 0 new, 2 unchanged, 0 changed, 2 not in file (kept)")
        #expect(try db.scalar("SELECT count(*) FROM participants") == "4")
    }

    @Test func assignsPseudonymsInDigestOrderNotFileOrder() throws {
        let store = try db.store()
        let study = try study(store)
        let path = files.write("participants.csv", Fixtures.participants)
        _ = try store.importParticipants(path: path, study: study, options: .init())
        let byNumber = try db.rows("SELECT encode(digest, 'hex') FROM participants ORDER BY number").map { $0[0]! }
        #expect(byNumber == byNumber.sorted())
        let key = try store.key(for: study)
        let first = Hashing.hex(key.digest(identifier: "ahmed.khan@example.org"))
        let position = try #require(byNumber.firstIndex(of: first))
        #expect(
            try db.scalar("SELECT pseudonym FROM participants WHERE encode(digest,'hex') = $1", [first])
                == String(format: "P%02d", position + 1))
    }

    @Test func keepsFileOrderWhenAskedAndWarns() throws {
        let store = try db.store()
        var options = ParticipantImportOptions()
        options.fileOrder = true
        let result = try store.importParticipants(
            path: files.write("p.csv", Fixtures.participants), study: try study(store), options: options)
        #expect(result.warnings.first == .fileOrder)
        let key = try store.key(for: try study(store))
        let ahmed = Hashing.hex(key.digest(identifier: "AHMED.KHAN@example.org "))
        #expect(try db.scalar("SELECT pseudonym FROM participants WHERE encode(digest,'hex') = $1", [ahmed]) == "P01")
    }

    @Test func pseudonymsAreStableInANewDatabaseWithTheSameKey() throws {
        let store = try db.store()
        let path = files.write("participants.csv", Fixtures.participants)
        _ = try store.importParticipants(path: path, study: try study(store), options: .init())
        let before = try db.rows("SELECT pseudonym, encode(digest,'hex') FROM participants ORDER BY 1")
        let other = try TestDatabase()
        let keyFile = db.home + "/keys/ipr-2018.key"
        try FileManager.default.createDirectory(atPath: other.home + "/keys", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: keyFile, toPath: other.home + "/keys/ipr-2018.key")
        let store2 = try other.store()
        let created = try store2.createStudy(slug: "ipr-2018", title: "again")
        #expect(!created.newKey)
        _ = try store2.importParticipants(path: path, study: created.study, options: .init())
        #expect(try other.rows("SELECT pseudonym, encode(digest,'hex') FROM participants ORDER BY 1") == before)
    }

    @Test func refusesADifferentKey() throws {
        let store = try db.store()
        let study = try study(store)
        let keyFile = db.home + "/keys/ipr-2018.key"
        try (Hashing.hex(Hashing.randomBytes(32)) + "\n").write(toFile: keyFile, atomically: true, encoding: .utf8)
        let error = try #require(throws: StoreError.self) {
            try store.importParticipants(
                path: files.write("p.csv", Fixtures.participants), study: study, options: .init())
        }
        #expect(error.exitCode == 78)
        #expect(error.message.contains("is not the key of study 'ipr-2018'"))
        #expect(try db.scalar("SELECT count(*) FROM participants") == "0")
    }

    @Test func refusesChangedAttributesUnlessUpdating() throws {
        let store = try db.store()
        let path = files.write("participants.csv", Fixtures.participants)
        _ = try store.importParticipants(path: path, study: try study(store), options: .init())
        let changed = files.write(
            "changed.csv", Fixtures.participants.replacingOccurrences(of: "journalist_media", with: "politician"))
        let snapshot = try db.snapshot()
        let failure = try #require(throws: ImportFailure.self) {
            try store.importParticipants(path: changed, study: try study(store), options: .init())
        }
        #expect(failure.problems.count == 1)
        #expect(failure.problems[0].description.hasPrefix("\(changed):4:1: "))
        #expect(failure.problems[0].message.contains("constituency: journalist_media → politician"))
        #expect(try db.snapshot() == snapshot)
        var options = ParticipantImportOptions()
        options.update = true
        let updated = try store.importParticipants(path: changed, study: try study(store), options: options)
        #expect(
            updated.summary.description == "participants: 0 new, 3 unchanged, 1 changed (updated), 0 not in file (kept)"
        )
        #expect(
            try db.scalar("SELECT count(*) FROM participants WHERE attributes->>'constituency' = 'politician'") == "1")
    }

    @Test(arguments: [
        ("missing column", "name,email\nA,a@example.org\n", "p.csv:1:1: the header has no 'participant' column"),
        ("empty identifier", "participant,constituency\n,academic\n", "p.csv:2:1: 'participant' is empty"),
        (
            "duplicate", "participant,x\nAli Raza,1\n ali  RAZA ,2\n",
            "p.csv:3:1: 'participant' is the same person as on line 2"
        ),
        ("wrong width", "participant,x\nAli,1,2\n", "p.csv:2:7: 3 fields where the header has 2"),
        ("short row", "participant,x,y\nAli,1\n", "p.csv:2:5: 2 fields where the header has 3 (missing 'y')"),
    ])
    func rejectsBadFilesWithLineAndColumn(_ name: String, _ content: String, _ expected: String) throws {
        let store = try db.store()
        let study = try study(store)
        let path = files.write("p.csv", content)
        let snapshot = try db.snapshot()
        let failure = try #require(throws: ImportFailure.self) {
            try store.importParticipants(path: path, study: study, options: .init())
        }
        let message = failure.problems.map(\.description).joined(separator: "\n")
        #expect(message.contains(expected.replacingOccurrences(of: "p.csv", with: path)), "\(name): \(message)")
        #expect(try db.snapshot() == snapshot)
    }
}
