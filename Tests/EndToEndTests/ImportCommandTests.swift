import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

/// The import and export commands, run as a user runs them, against a real PostgreSQL database.
@Suite(.database)
struct ImportCommandTests {
    let cli: CLI
    var db: TestDatabase { cli.db }
    let files = TestFiles()

    init() throws {
        cli = try CLI()
    }

    @Test func importsTheSampleStudyWithoutLeakingAnyIdentifier() throws {
        let sample = Repository.path("Samples/ipr-2018")
        #expect(try cli.run(["study", "create", "ipr-2018", "--title", "Sample"]).status == 0)
        let participants = try cli.run(["import", "participants", sample + "/participants.csv"])
        #expect(participants.status == 0, "\(participants)")
        #expect(participants.stdout.contains("participants: 60 new, 0 unchanged, 0 changed, 0 not in file (kept)"))
        let statements = try cli.run([
            "import", "statements", sample + "/statements.csv", "--participants", sample + "/participants.csv",
        ])
        #expect(statements.status == 0, "\(statements)")
        #expect(statements.stdout.contains("redactions:"))
        let codebook = try cli.run(["import", "codebook", sample + "/codebook.csv"])
        #expect(codebook.stdout.contains("codebook: 51 new"), "\(codebook)")
        let list = try cli.run(["study", "list", "--format", "csv"])
        #expect(list.stdout.contains("ipr-2018,Sample,60,"))

        let everything = try db.snapshot().values.flatMap { $0 }.joined(separator: "\n").lowercased()
        var reader = try CSVReader(path: sample + "/participants.csv")
        _ = try reader.next()
        var checked = 0
        while let record = try reader.next() {
            for value in record.fields[0...3] where !value.isEmpty {
                #expect(!everything.contains(value.lowercased()), "\(value) reached the database")
                checked += 1
            }
        }
        #expect(checked >= 180)
    }

    @Test func aBadRecordExitsSixtyFiveNamingItsLineAndStoresNothing() throws {
        #expect(try cli.run(["study", "create", "s"]).status == 0)
        _ = try cli.run([
            "import", "participants", files.write("p.csv", "participant,name\nA One,A One\nB Two,B Two\n"),
        ])
        var content = "participant,text\n"
        for i in 1...40 { content += "A One,\"statement \(i),\nover two lines\"\n" }
        content += "Nobody Here,a statement by someone unknown\n"
        let path = files.write("s.csv", content)
        let before = try db.snapshot()
        let result = try cli.run(["import", "statements", path])
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains("\(path):82:1: 'participant' is not a participant of study s"), "\(result)")
        #expect(result.stderr.contains("nothing was imported"))
        #expect(try db.snapshot() == before)
    }

    /// Store gives the refusal's problems and remedies as values; the executable words them: the flag to pass,
    /// the command to run, and how to go on.
    @Test func aRefusalThatUpdateResolvesNamesTheFlagAndTheCommand() throws {
        #expect(try cli.run(["study", "create", "s"]).status == 0)
        let codebook = files.write("c.csv", "key,label,description,parent\nt,Theme,,\nt.p,Prop,,t\n")
        #expect(try cli.run(["import", "codebook", codebook]).status == 0)
        let changed = files.write("c2.csv", "key,label,description,parent\nt,Theme,,\nt.p,Other,,t\n")
        let refused = try cli.run(["import", "codebook", changed])
        #expect(refused.status == 65, "\(refused)")
        #expect(
            refused.stderr == """
                viewpoints: error: nothing was imported: 1 problem in \(changed)
                \(changed):3:1: code t.p differs from the stored one (label); pass --update to replace it
                to replace the stored rows with the file's, run the import again with --update

                """)
        #expect(
            try cli.run(["import", "participants", files.write("p.csv", "participant\nsomeone@example.org\n")]).status
                == 0)
        let statements = files.write("s.csv", "participant,text\nnobody@example.org,a view\n")
        let unknown = try cli.run(["import", "statements", statements])
        #expect(unknown.status == 65, "\(unknown)")
        #expect(
            unknown.stderr.contains(
                "\(statements):2:1: 'participant' is not a participant of study s; import them with "
                    + "`viewpoints import participants` first, or fix the identifier\nfix the file and run the import again"
            ), "\(unknown)")
    }

    @Test func exitCodesFollowSysexits() throws {
        #expect(try cli.run(["study", "create", "one"]).status == 0)
        let missing = try cli.run(["import", "participants", files.folder + "/nope.csv"])
        #expect(missing.status == 66, "\(missing)")
        #expect(missing.stderr.contains("nope.csv"))
        #expect(try cli.run(["study", "create", "two"]).status == 0)
        let ambiguous = try cli.run(["import", "codebook", files.write("c.csv", "key,label\na,A\n")])
        #expect(ambiguous.status == 64, "\(ambiguous)")
        #expect(ambiguous.stderr.contains("pass --study SLUG or set VIEWPOINTS_STUDY"))
        #expect(
            try cli.run(["import", "codebook", files.folder + "/c.csv"], environment: ["VIEWPOINTS_STUDY": "two"])
                .status == 0)
        let unknown = try cli.run(["export", "codebook", "--study", "three"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("no study 'three'"))
        let usage = try cli.run(["study", "delete", "one"])
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("add --yes to confirm"))
        let otherKey = files.write("other.key", Hashing.hex(Hashing.randomBytes(32)) + "\n")
        let wrongKey = try cli.run(
            ["import", "participants", files.write("p.csv", "participant\nA\n"), "--study", "one"],
            environment: ["VIEWPOINTS_KEY_FILE": otherKey])
        #expect(wrongKey.status == 78, "\(wrongKey)")
        #expect(wrongKey.stderr.contains("is not the key of study 'one'"))
        let unwritable = try cli.run(["export", "codebook", "--study", "two", "--out", "/nonexistent-folder/x.csv"])
        #expect(unwritable.status == 73, "\(unwritable)")
    }

    @Test func refusesADatabaseWithPendingMigrations() throws {
        let empty = try TestDatabase(migrated: false)
        let count = try Migration.bundled().count
        let result = try cli.run(["study", "list"], environment: ["DATABASE_URL": empty.url])
        #expect(result.status == 78)
        #expect(
            result.stderr.contains("\(count) migration\(count == 1 ? "" : "s") pending: run `viewpoints db migrate`"))
        #expect(try cli.run(["db", "migrate"], environment: ["DATABASE_URL": empty.url]).stdout.contains("applied "))
        #expect(try cli.run(["study", "list"], environment: ["DATABASE_URL": empty.url]).status == 0)
        let status = try cli.run(["db", "status"])
        #expect(status.stdout.contains("pending migrations: none"), "\(status)")
    }

    @Test func anUnreachableServerExitsSixtyNineNamingTheAddress() throws {
        let start = Date()
        let result = try cli.run([
            "study", "list", "--database-url", "postgresql://nobody@127.0.0.1:1/none?connect_timeout=3",
        ])
        #expect(result.status == 69, "\(result)")
        #expect(result.stderr.contains("127.0.0.1:1"))
        #expect(Date().timeIntervalSince(start) < 15)
    }

    @Test func exportsForExcelWithBOMAndCRLFAndNeutralizedFormulas() throws {
        #expect(try cli.run(["study", "create", "s"]).status == 0)
        _ = try cli.run(["import", "participants", files.write("p.csv", "participant\nA\n")])
        let imported = try cli.run([
            "import", "statements", files.write("s.csv", "pseudonym,text\nP01,\"=HYPERLINK(\"\"x\"\")\"\n"),
        ])
        #expect(imported.status == 0, "\(imported)")
        let out = files.folder + "/out.csv"
        let exported = try cli.run(["export", "statements", "--excel", "--out", out])
        #expect(exported.status == 0, "\(exported)")
        #expect(exported.stderr.contains("wrote 1 statements to \(out)"))
        let bytes = try #require(FileManager.default.contents(atPath: out))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(String(decoding: bytes, as: UTF8.self).contains("P01:1,P01,1,,,\"'=HYPERLINK(\"\"x\"\")\"\r\n"))
        let raw = try cli.run(["export", "statements", "--raw"])
        #expect(raw.stdout.contains("P01:1,P01,1,,,\"=HYPERLINK(\"\"x\"\")\"\n"))
    }
}
