import Foundation
import Testing
import ViewpointsStore
import ViewpointsTestSupport

/// Withdrawal, backup and restore as a user runs them: the sample study, one participant withdrawn, backed up with
/// its key and restored into a second database, whose every output matches the first byte for byte.
@Suite(.database)
struct BackupCommandTests {
    let first: TestDatabase
    let second: TestDatabase
    let files = TestFiles()
    let binary: ViewpointsBinary
    static let passphrase = "a passphrase for the test"

    init() throws {
        first = try TestDatabase()
        second = try TestDatabase()
        binary = try ViewpointsBinary()
    }

    func run(_ arguments: [String], in db: TestDatabase, passphrase: String? = BackupCommandTests.passphrase) throws
        -> ViewpointsBinary.Output
    {
        try binary.run(
            arguments,
            environment: [
                "DATABASE_URL": db.url, "VIEWPOINTS_HOME": db.home, "NO_COLOR": "1", "VIEWPOINTS_STUDY": nil,
                "VIEWPOINTS_BACKUP_PASSPHRASE": passphrase,
            ])
    }

    @Test func withdrawBackUpRestoreAndCompareEveryOutput() throws {
        let sample = Repository.path("Samples/ipr-2018")
        for arguments in [
            ["study", "create", "ipr-2018"], ["import", "participants", sample + "/participants.csv"],
            ["import", "statements", sample + "/statements.csv", "--participants", sample + "/participants.csv"],
            ["import", "codebook", sample + "/codebook.csv"], ["import", "codings", sample + "/codings.csv"],
            ["coder", "add", "lead"], ["import", "adjudications", sample + "/adjudications.csv", "--coder", "lead"],
        ] {
            let result = try run(arguments, in: first)
            #expect(result.status == 0, "\(arguments): \(result)")
        }
        let statements = try first.scalar("SELECT count(*) FROM statements")
        let unconfirmed = try run(["participant", "withdraw", "P07", "--coder", "lead"], in: first)
        #expect(unconfirmed.status == 64, "\(unconfirmed)")
        #expect(unconfirmed.stderr.contains("add --yes to confirm"))
        #expect(try first.scalar("SELECT count(*) FROM statements") == statements)
        let withdrawn = try run(["participant", "withdraw", "P07", "--coder", "lead", "--yes"], in: first)
        #expect(withdrawn.status == 0, "\(withdrawn)")
        #expect(withdrawn.stdout.hasPrefix("withdrew P07 from ipr-2018: deleted "), "\(withdrawn)")
        let verified = try run(["audit", "verify"], in: first)
        #expect(verified.status == 0 && verified.stdout.contains("1 withdrawals accounted for"), "\(verified)")
        let listed = try run(["participant", "withdrawals", "--format", "csv"], in: first)
        #expect(listed.stdout.split(separator: "\n").count == 2 && listed.stdout.contains("\nP07,"), "\(listed)")

        let archive = files.folder + "/ipr.zip"
        let backup = try run(["backup", "--study", "ipr-2018", "--out", archive, "--include-key"], in: first)
        #expect(backup.status == 0, "\(backup)")
        #expect(backup.stdout.contains("the study key is inside"))
        let restore = try run(["restore", archive], in: second)
        #expect(restore.status == 0, "\(restore)")
        #expect(restore.stdout.contains("wrote the study key to \(second.home)/keys/ipr-2018.key"), "\(restore)")

        for arguments in [
            ["consensus", "--format", "csv"], ["consensus", "--format", "json", "--by", "constituency"],
            ["reliability", "--format", "csv"], ["export", "participants"], ["export", "statements"],
            ["export", "codebook"], ["export", "codings"], ["export", "codings", "--final"], ["export", "tallies"],
            ["export", "matrix"], ["participant", "withdrawals", "--format", "csv"],
        ] {
            let a = try run(arguments, in: first)
            let b = try run(arguments, in: second)
            #expect(a.status == 0 && !a.stdout.isEmpty, "\(arguments): \(a)")
            #expect(a.stdout == b.stdout, "\(arguments) differs after restore")
            #expect(b.status == a.status)
        }

        // the chain is recomputed for the new ids: same events, another head hash
        let restoredAudit = try run(["audit", "verify"], in: second)
        #expect(restoredAudit.status == 0, "\(restoredAudit)")
        #expect(
            restoredAudit.stdout.hasPrefix(
                "audit trail intact: \(try first.scalar("SELECT count(*) FROM coding_events")!) events"),
            "\(restoredAudit)")
        let again = try run(["restore", archive], in: second)
        #expect(again.status == 65, "\(again)")
        #expect(again.stderr.contains("study 'ipr-2018' already exists"), "\(again)")
        let wrong = try run(["restore", archive, "--as", "ipr-copy"], in: second, passphrase: "not it")
        #expect(wrong.status == 65, "\(wrong)")
        #expect(wrong.stderr.contains("wrong passphrase"), "\(wrong)")
        let bytes = FileManager.default.contents(atPath: archive)!
        let truncated = files.folder + "/truncated.zip"
        FileManager.default.createFile(atPath: truncated, contents: bytes.prefix(bytes.count / 2))
        let broken = try run(["restore", truncated, "--as", "ipr-copy"], in: second)
        #expect(broken.status == 65, "\(broken)")
        #expect(broken.stderr.contains("truncated"), "\(broken)")
        #expect(try second.scalar("SELECT count(*) FROM studies") == "1")
    }
}
