import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

/// `db roles`, `user add`, `grant` and `revoke`, and the commands as each role runs them: what the role may do
/// works, the rest ends with exit 77 and a message naming the login's role. Logins are unique per run and
/// dropped afterwards (roles are cluster-wide).
@Suite(.serialized, .database)
final class RoleCommandTests {
    let cli: CLI
    var db: TestDatabase { cli.db }
    let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    var logins: [String] = []

    init() throws {
        cli = try CLI()
        let sample = Repository.path("Samples/ipr-2018")
        for arguments in [
            ["study", "create", "ipr-2018"], ["import", "participants", sample + "/participants.csv"],
            ["import", "statements", sample + "/statements.csv", "--participants", sample + "/participants.csv"],
            ["import", "codebook", sample + "/codebook.csv"], ["import", "codings", sample + "/codings.csv"],
            ["db", "roles"],
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result)")
        }
    }

    deinit {
        if let admin = try? Connection(conninfo: db.url) {
            for login in logins {
                _ = try? admin.execute("DROP ROLE IF EXISTS \(login)", doing: "dropping a test login")
            }
        }
    }

    /// Creates a login and grants it `role` in the sample study.
    func login(_ role: String, coder: String? = nil) throws -> String {
        let login = "\(role)_\(suffix)"
        logins.append(login)
        let added = try cli.run(["user", "add", login])
        #expect(added.status == 0, "\(added)")
        #expect(added.stdout.contains("password: "))
        let grant = try cli.run(
            ["grant", "--study", "ipr-2018", "--role", role, "--user", login] + (coder.map { ["--coder", $0] } ?? []))
        #expect(grant.status == 0, "\(grant)")
        return login
    }

    @Test func analystGetsSuppressedConsensusAndNothingElse() throws {
        let analyst = try login("analyst")
        let owner = try cli.run(["consensus", "--by", "constituency", "--format", "csv"])
        let mine = try cli.run(["consensus", "--by", "constituency", "--format", "csv"], as: analyst)
        #expect(mine.status == 0, "\(mine)")
        #expect(mine.stderr.contains("counts are perturbed by up to 2 (cell key method)"), "\(mine.stderr)")
        // the sample has constituencies of fewer than 5 participants: withheld, unnamed, every count perturbed
        let exact = try ReportCommandTests.csv(owner.stdout)
        let published = try ReportCommandTests.csv(mine.stdout)
        #expect(published.contains { $0["suppressed"] == "true" && $0["group"] == "" })
        let withheld = Set(exact.filter { $0["suppressed"] == "true" }.map { $0["group"]! })
        #expect(!withheld.isEmpty && published.allSatisfy { !withheld.contains($0["group"]!) })
        var differs = 0
        for row in published where row["suppressed"] == "false" {
            let truth = try #require(exact.first { $0["code"] == row["code"] && $0["group"] == row["group"] })
            for column in ["participants", "support", "neutral", "oppose"] where row[column] != "" {
                #expect(abs(Int(row[column]!)! - Int(truth[column]!)!) <= (column == "participants" ? 2 : 4))
                if row[column] != truth[column] { differs += 1 }
            }
        }
        #expect(differs > 0)
        // the same cells give the same numbers in every command
        let out = db.home + "/tallies.csv"
        let tallies = try cli.run(["export", "tallies", "--by", "constituency", "--out", out], as: analyst)
        #expect(tallies.status == 0, "\(tallies)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == mine.stdout)
        let hidden = try cli.run(["consensus", "--study", "no-such-study"], as: analyst)
        #expect(hidden.status == 77 && hidden.stderr.contains("has no role in a study 'no-such-study'"), "\(hidden)")
        for arguments in [
            ["consensus", "--where", "constituency=politician"], ["consensus", "--min-cell", "0"],
            ["export", "matrix", "--out", "-"], ["quotes", "--code", "relations.lowest-since-9-11"],
        ] {
            let refused = try cli.run(arguments, as: analyst)
            #expect(refused.status == 77, "\(arguments): \(refused)")
            #expect(refused.stderr.contains("login \(analyst): analyst of ipr-2018"), "\(arguments): \(refused)")
        }
    }

    @Test func aLeadWithdrawsAParticipantAndACoderCannot() throws {
        let coder = try login("coder", coder: "c1")
        let refused = try cli.run(["participant", "withdraw", "P01", "--yes"], as: coder)
        #expect(refused.status == 77, "\(refused)")
        #expect(try db.scalar("SELECT count(*) FROM participants WHERE pseudonym = 'P01'") == "1")
        let lead = try login("lead")
        let done = try cli.run(["participant", "withdraw", "P01", "--yes"], as: lead)
        #expect(done.status == 0, "\(done)")
        #expect(try db.scalar("SELECT count(*) FROM participants WHERE pseudonym = 'P01'") == "0")
        #expect(try db.scalar("SELECT count(*) FROM withdrawals") == "1")
        let verify = try cli.run(["audit", "verify"], as: lead)
        #expect(verify.status == 0, "\(verify)")
    }

    @Test func coderCodesAsItselfOnlyAndLeadSeesEverything() throws {
        let coder = try login("coder", coder: "c1")
        let own = try cli.run(
            ["code", "add", "S0001", "relations.lowest-since-9-11", "--stance", "1", "--coder", "c1"], as: coder)
        #expect(own.status == 0, "\(own)")
        let other = try cli.run(
            ["code", "add", "S0001", "relations.lowest-since-9-11", "--stance", "1", "--coder", "coder-a"], as: coder)
        #expect(other.status == 77, "\(other)")
        #expect(other.stderr.contains("login \(coder): coder (as c1) of ipr-2018"), "\(other)")
        let refused = try cli.run(["consensus"], as: coder)
        #expect(refused.status == 77, "\(refused)")
        #expect(refused.stderr.contains("needs the lead or analyst role; this login is coder c1"), "\(refused)")
        // comparing coders is the lead's: blind coding, and row-level security would show only c1's decisions
        for command in ["reliability", "disagreements"] {
            let blind = try cli.run([command], as: coder)
            #expect(blind.status == 77, "\(command): \(blind)")
            #expect(blind.stderr.contains("\(command) of ipr-2018 needs the lead role; this login is coder c1"))
        }
        let lead = try login("lead")
        for command in ["reliability", "disagreements"] {
            let full = try cli.run([command], as: lead)
            #expect(full.status == 0 && full.stdout.split(separator: "\n").count > 2, "\(command): \(full)")
        }
        let where_ = try cli.run(["consensus", "--where", "constituency=politician", "--min-cell", "0"], as: lead)
        #expect(where_.status == 0, "\(where_)")
        let matrix = try cli.run(["export", "matrix", "--out", "-"], as: lead)
        #expect(matrix.status == 0 && matrix.stdout.split(separator: "\n").count == 61, "\(matrix)")
        // a lead re-imports into its study, and loads a new one: PostgreSQL refuses COPY FROM into a table with
        // row-level security to a lead, so its loads go through a temporary table and an INSERT the policies check
        let sample = Repository.path("Samples/ipr-2018")
        let again = try cli.run(
            ["import", "statements", sample + "/statements.csv", "--participants", sample + "/participants.csv"],
            as: lead)
        #expect(again.status == 0 && again.stdout.contains("0 new, 599 unchanged"), "\(again)")
        #expect(try cli.run(["study", "create", "fresh"]).status == 0)
        #expect(try cli.run(["grant", "--study", "fresh", "--role", "lead", "--user", lead]).status == 0)
        let first = try cli.run(["import", "participants", sample + "/participants.csv", "--study", "fresh"], as: lead)
        #expect(first.status == 0 && first.stdout.contains("60 new"), "\(first)")
        let statements = try cli.run(
            [
                "import", "statements", sample + "/statements.csv", "--participants", sample + "/participants.csv",
                "--study", "fresh",
            ], as: lead)
        #expect(statements.status == 0 && statements.stdout.contains("599 new"), "\(statements)")
        // the same redacted texts as the owner's load of the same files (the pseudonyms differ: each study has
        // its own key, and pseudonyms follow the keyed digests)
        let texts = { (slug: String) in
            """
            SELECT regexp_replace(s.text, '\\[P[0-9]+\\]', '[P]', 'g') FROM statements s JOIN studies t USING (study_id)
             WHERE t.slug = '\(slug)'
            """
        }
        for (a, b) in [("fresh", "ipr-2018"), ("ipr-2018", "fresh")] {
            #expect(try db.scalar("SELECT count(*) FROM ((\(texts(a))) EXCEPT ALL (\(texts(b)))) d") == "0")
        }
        #expect(try cli.run(["study", "create", "closed"]).status == 0)
        let notGranted = try cli.run(
            ["import", "participants", sample + "/participants.csv", "--study", "closed"], as: lead)
        #expect(notGranted.status == 77, "\(notGranted)")
        let revoked = try cli.run(["revoke", "--study", "ipr-2018", "--role", "lead", "--user", lead])
        #expect(revoked.status == 0 && revoked.stdout.contains("no longer lead"), "\(revoked)")
        let after = try cli.run(["consensus", "--study", "ipr-2018"], as: lead)
        #expect(after.status == 77 && after.stderr.contains("has no role in a study 'ipr-2018'"), "\(after)")
    }

    @Test func grantNeedsAnExistingLoginAndRole() throws {
        let missing = try cli.run(["grant", "--study", "ipr-2018", "--role", "lead", "--user", "nobody_\(suffix)"])
        #expect(missing.status == 65 && missing.stderr.contains("there is no login nobody_\(suffix)"), "\(missing)")
        let badRole = try cli.run(["grant", "--study", "ipr-2018", "--role", "admin", "--user", "x"])
        #expect(badRole.status == 64, "\(badRole)")
    }
}
