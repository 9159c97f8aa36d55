import Foundation
import Testing
import ViewpointsStore
import ViewpointsTestSupport

/// Withdrawal, backup and restore as a user runs them: the sample study, one participant withdrawn, backed up with
/// its key and restored into a second database, whose every output matches the first byte for byte.
@Suite(.database)
struct BackupCommandTests {
    /// The sample's database and the one it is restored into, each with the backup passphrase set.
    let first: CLI
    let second: CLI
    let files = TestFiles()
    static let passphrase = "a passphrase for the test"

    init() throws {
        let environment = ["VIEWPOINTS_BACKUP_PASSPHRASE": BackupCommandTests.passphrase]
        first = try CLI(environment: environment)
        second = try CLI(environment: environment)
    }

    @Test func withdrawBackUpRestoreAndCompareEveryOutput() throws {
        try first.importSample()
        let statements = try first.db.scalar("SELECT count(*) FROM statements")
        let unconfirmed = try first.run(["participant", "withdraw", "P07", "--coder", "lead"])
        #expect(unconfirmed.status == 64, "\(unconfirmed)")
        #expect(unconfirmed.stderr.contains("add --yes to confirm"))
        #expect(try first.db.scalar("SELECT count(*) FROM statements") == statements)
        let withdrawn = try first.run(["participant", "withdraw", "P07", "--coder", "lead", "--yes"])
        #expect(withdrawn.status == 0, "\(withdrawn)")
        #expect(withdrawn.stdout.hasPrefix("withdrew P07 from ipr-2018: deleted "), "\(withdrawn)")
        let verified = try first.run(["audit", "verify"])
        #expect(verified.status == 0 && verified.stdout.contains("1 withdrawals accounted for"), "\(verified)")
        let listed = try first.run(["participant", "withdrawals", "--format", "csv"])
        #expect(listed.stdout.split(separator: "\n").count == 2 && listed.stdout.contains("\nP07,"), "\(listed)")

        let archive = files.folder + "/ipr.zip"
        let backup = try first.run(["backup", "--study", "ipr-2018", "--out", archive, "--include-key"])
        #expect(backup.status == 0, "\(backup)")
        #expect(backup.stdout.contains("the study key is inside"))
        let restore = try second.run(["restore", archive])
        #expect(restore.status == 0, "\(restore)")
        #expect(restore.stdout.contains("wrote the study key to \(second.db.home)/keys/ipr-2018.key"), "\(restore)")

        for arguments in [
            ["consensus", "--format", "csv"], ["consensus", "--format", "json", "--by", "constituency"],
            ["reliability", "--format", "csv"], ["export", "participants"], ["export", "statements"],
            ["export", "codebook"], ["export", "codings"], ["export", "codings", "--final"], ["export", "tallies"],
            ["export", "matrix"], ["participant", "withdrawals", "--format", "csv"],
        ] {
            let a = try first.run(arguments)
            let b = try second.run(arguments)
            #expect(a.status == 0 && !a.stdout.isEmpty, "\(arguments): \(a)")
            #expect(a.stdout == b.stdout, "\(arguments) differs after restore")
            #expect(b.status == a.status)
        }

        // the chain is recomputed for the new ids: same events, another head hash
        let restoredAudit = try second.run(["audit", "verify"])
        #expect(restoredAudit.status == 0, "\(restoredAudit)")
        #expect(
            restoredAudit.stdout.hasPrefix(
                "audit trail intact: \(try first.db.scalar("SELECT count(*) FROM coding_events")!) events"),
            "\(restoredAudit)")
        let again = try second.run(["restore", archive])
        #expect(again.status == 65, "\(again)")
        #expect(again.stderr.contains("study 'ipr-2018' already exists"), "\(again)")
        let wrong = try second.run(
            ["restore", archive, "--as", "ipr-copy"], environment: ["VIEWPOINTS_BACKUP_PASSPHRASE": "not it"])
        #expect(wrong.status == 65, "\(wrong)")
        #expect(wrong.stderr.contains("wrong passphrase"), "\(wrong)")
        let bytes = FileManager.default.contents(atPath: archive)!
        let truncated = files.folder + "/truncated.zip"
        FileManager.default.createFile(atPath: truncated, contents: bytes.prefix(bytes.count / 2))
        let broken = try second.run(["restore", truncated, "--as", "ipr-copy"])
        #expect(broken.status == 65, "\(broken)")
        #expect(broken.stderr.contains("truncated"), "\(broken)")
        #expect(try second.db.scalar("SELECT count(*) FROM studies") == "1")
    }
}
