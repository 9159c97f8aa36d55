import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

/// Logins of each role connected to a study set up by `db roles` and `grant`: study "small" (ConsensusStudy's),
/// and study "other", which none of them was granted. Every statement runs as the login itself, so what is refused
/// is refused by PostgreSQL (privileges, row-level security, the aggregate functions' checks), not by the CLI.
final class RoleWorld {
    let s: ConsensusStudy
    let other: Study
    /// Unique per test: roles are cluster-wide and other tests run in the same cluster.
    let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    var lead: String { "lead_\(suffix)" }
    var coder: String { "coder_\(suffix)" }
    var analyst: String { "analyst_\(suffix)" }
    var outsider: String { "outsider_\(suffix)" }

    init() throws {
        s = try ConsensusStudy()
        other = try s.store.createStudy(slug: "other", title: "").study
        _ = try s.store.importParticipants(
            path: s.files.write("o.csv", "participant\nq01\n"), study: other, options: .init())
        var options = StatementImportOptions()
        options.participantsPath = s.files.write("o2.csv", "participant\nq01\n")
        _ = try s.store.importStatements(
            path: s.files.write("os.csv", "id,participant,text\nO1,q01,secret of other\n"), study: other,
            options: options)
        _ = try s.store.importCodebook(
            path: s.files.write("oc.csv", "key,label,description,parent\nz,Z,,\nz.a,ZA,,z\n"), study: other,
            options: .init())
        _ = try s.store.importCodings(
            path: s.files.write("og.csv", "statement,coder,code,stance\nO1,coder-z,z.a,1\n"), study: other,
            options: .init())
        _ = try s.store.setUpRoles()
        for login in [lead, coder, analyst, outsider] { _ = try s.store.addLogin(login) }
        try s.store.grant(study: s.study, role: .lead, login: lead, coder: nil)
        try s.store.grant(study: s.study, role: .coder, login: coder, coder: "coder-a")
        try s.store.grant(study: s.study, role: .analyst, login: analyst, coder: nil)
    }

    /// A connection as `login` (the test cluster trusts 127.0.0.1, so no password is needed).
    func connect(_ login: String) throws -> Connection {
        try Connection(conninfo: try Connection.conninfo(s.db.url, setting: "user", to: login))
    }

    func id(_ sql: String) throws -> String { try s.db.scalar(sql)! }

    deinit {
        if let admin = try? Connection(conninfo: s.db.url) {
            for login in [lead, coder, analyst, outsider] {
                _ = try? admin.execute("DROP ROLE IF EXISTS \(login)", doing: "dropping a test login")
            }
        }
    }
}

/// What happened to one action: refused with an error, its rows hidden, or allowed.
enum Outcome: Equatable, CustomStringConvertible {
    case refused(String)
    case hidden
    case allowed(Int)

    var description: String {
        switch self {
        case .refused(let state): "refused (SQLSTATE \(state))"
        case .hidden: "no rows (row-level security)"
        case .allowed(let rows): "allowed (\(rows) rows)"
        }
    }

    /// Runs `sql`; a statement that returns or changes nothing counts as hidden.
    static func of(_ connection: Connection, _ sql: String) -> Outcome {
        do {
            let result = try connection.query(sql, doing: "role test")
            let count = result.rows.isEmpty ? result.affected : result.rows.count
            if result.rows.count == 1, result.rows[0].count == 1, let n = Int(result.rows[0][0] ?? "") {
                return n == 0 ? .hidden : .allowed(n)
            }
            return count == 0 ? .hidden : .allowed(count)
        } catch {
            return .refused(error.sqlState ?? "none")
        }
    }
}

@Suite(.serialized, .database)
struct RoleTests {
    /// Every role against the actions it may and may not take. With VIEWPOINTS_ROLE_REPORT=FILE the table of
    /// results is written there as Markdown (SECURITY.md's table comes from it).
    @Test func eachRoleIsRefusedByPostgreSQLWhatItMayNotDo() throws {
        let w = try RoleWorld()
        let a = w.s.study.id
        let b = w.other.id
        let coderA = try w.id("SELECT coder_id FROM coders WHERE study_id = \(a) AND name = 'coder-a'")
        let coderB = try w.id("SELECT coder_id FROM coders WHERE study_id = \(a) AND name = 'coder-b'")
        let s01 = try w.id("SELECT statement_id FROM statements WHERE study_id = \(a) AND external_id = 'S01'")
        let s09 = try w.id("SELECT statement_id FROM statements WHERE study_id = \(a) AND external_id = 'S09'")
        let ta = try w.id("SELECT code_id FROM codes WHERE study_id = \(a) AND key = 't.a'")
        let tb = try w.id("SELECT code_id FROM codes WHERE study_id = \(a) AND key = 't.b'")
        let o1 = try w.id("SELECT statement_id FROM statements WHERE study_id = \(b)")
        let coderZ = try w.id("SELECT coder_id FROM coders WHERE study_id = \(b)")
        let za = try w.id("SELECT code_id FROM codes WHERE study_id = \(b) AND key = 'z.a'")

        // (role, action, SQL, expected)
        let cases: [(String, String, String, Outcome)] = [
            (
                "coder", "read statements of its study", "SELECT count(*) FROM statements WHERE study_id = \(a)",
                .allowed(15)
            ),
            (
                "coder", "read pseudonyms of its study", "SELECT pseudonym FROM participants WHERE study_id = \(a)",
                .allowed(11)
            ),
            (
                "coder", "read participant attributes", "SELECT attributes FROM participants WHERE study_id = \(a)",
                .refused("42501")
            ),
            (
                "coder", "read statements of another study", "SELECT count(*) FROM statements WHERE study_id = \(b)",
                .hidden
            ),
            (
                "coder", "read another coder's codings", "SELECT count(*) FROM codings WHERE coder_id = \(coderB)",
                .hidden
            ),
            (
                "coder", "change its own coding without its event",
                "UPDATE codings SET stance = 2 WHERE study_id = \(a) AND statement_id = \(s01) AND code_id = \(ta) AND coder_id = \(coderA)",
                .refused("42501")
            ),
            (
                "coder", "change another coder's coding",
                "UPDATE codings SET stance = 2 WHERE study_id = \(a) AND coder_id = \(coderB)", .hidden
            ),
            (
                "coder", "write a coding as another coder",
                "INSERT INTO codings (study_id, statement_id, code_id, coder_id, stance) VALUES (\(a), \(s01), \(tb), \(coderB), 2)",
                .refused("42501")
            ),
            (
                "coder", "write a review as another coder",
                "INSERT INTO reviews (study_id, statement_id, coder_id, codes_through) VALUES (\(a), \(s01), \(coderB), 3)",
                .refused("42501")
            ),
            (
                "coder", "append an event as another coder",
                "INSERT INTO coding_events (study_id, coder_id, statement_id, action) VALUES (\(a), \(coderB), \(s01), 'review')",
                .refused("42501")
            ),
            (
                "coder", "append an event as itself",
                "INSERT INTO coding_events (study_id, coder_id, statement_id, action) VALUES (\(a), \(coderA), \(s01), 'review')",
                .allowed(1)
            ),
            (
                "coder", "update coding events", "UPDATE coding_events SET note = 'x' WHERE study_id = \(a)",
                .refused("42501")
            ),
            ("coder", "delete coding events", "DELETE FROM coding_events WHERE study_id = \(a)", .refused("42501")),
            (
                "coder", "write to another study",
                "INSERT INTO codings (study_id, statement_id, code_id, coder_id, stance) VALUES (\(b), \(o1), \(za), \(coderZ), 1)",
                .refused("42501")
            ),
            ("coder", "read adjudications", "SELECT count(*) FROM adjudications", .refused("42501")),
            (
                "coder", "grant itself a role",
                "INSERT INTO study_members (study_id, login, role) VALUES (\(b), session_user, 'lead')",
                .refused("42501")
            ),
            (
                "coder", "call the aggregate function", "SELECT count(*) FROM study_aggregate_tallies('small')",
                .refused("42501")
            ),
            ("analyst", "read statements", "SELECT count(*) FROM statements", .refused("42501")),
            ("analyst", "read participants", "SELECT count(*) FROM participants", .refused("42501")),
            ("analyst", "read codings", "SELECT count(*) FROM codings", .refused("42501")),
            ("analyst", "read participant stances", "SELECT count(*) FROM participant_stances", .refused("42501")),
            ("analyst", "call the raw tallies", "SELECT count(*) FROM consensus_tallies(\(a))", .refused("42501")),
            (
                "analyst", "aggregates of its study", "SELECT count(*) FROM study_aggregate_tallies('small')",
                .allowed(5)
            ),
            (
                "analyst", "aggregates with suppression off",
                "SELECT count(*) FROM study_aggregate_tallies('small', NULL, 0)", .refused("42501")
            ),
            (
                "analyst", "aggregates of another study", "SELECT count(*) FROM study_aggregate_tallies('other')",
                .refused("42501")
            ),
            (
                "analyst", "aggregates of a study that does not exist",
                "SELECT count(*) FROM study_aggregate_tallies('nope')", .refused("42501")
            ),
            ("analyst", "see another study's name", "SELECT count(*) FROM studies WHERE study_id = \(b)", .hidden),
            (
                "analyst", "write a coding",
                "INSERT INTO codings (study_id, statement_id, code_id, coder_id, stance) VALUES (\(a), \(s01), \(tb), \(coderA), 1)",
                .refused("42501")
            ),
            (
                "lead", "read statements of its study", "SELECT count(*) FROM statements WHERE study_id = \(a)",
                .allowed(15)
            ),
            (
                "lead", "read participant attributes",
                "SELECT count(attributes) FROM participants WHERE study_id = \(a)", .allowed(11)
            ),
            (
                "lead", "raw tallies (--where, --min-cell 0)",
                "SELECT count(*) FROM consensus_tallies(\(a), NULL, 'status', 'serving')", .allowed(5)
            ),
            (
                "lead", "change a coder's coding without its event",
                "UPDATE codings SET stance = 2 WHERE study_id = \(a) AND coder_id = \(coderB)", .refused("42501")
            ),
            (
                "lead", "adjudicate without its event",
                "INSERT INTO adjudications (study_id, statement_id, code_id, lead_id, applied, stance, event_seq) VALUES (\(a), \(s09), \(tb), \(coderA), true, 1, 1)",
                .refused("42501")
            ),
            (
                "lead", "read statements of another study", "SELECT count(*) FROM statements WHERE study_id = \(b)",
                .hidden
            ),
            ("lead", "change codings of another study", "UPDATE codings SET stance = 2 WHERE study_id = \(b)", .hidden),
            (
                "lead", "add a code to another study",
                "INSERT INTO codes (study_id, key, label, number, position) VALUES (\(b), 'y', 'Y', 9, 9)",
                .refused("42501")
            ),
            (
                "lead", "aggregates of another study", "SELECT count(*) FROM study_aggregate_tallies('other')",
                .refused("42501")
            ),
            ("lead", "update coding events", "UPDATE coding_events SET note = 'x'", .refused("42501")),
            ("lead", "delete a study", "DELETE FROM studies WHERE study_id = \(a)", .refused("42501")),
            (
                "lead", "grant a role",
                "INSERT INTO study_members (study_id, login, role) VALUES (\(a), 'someone', 'lead')", .refused("42501")
            ),
            (
                "lead", "change maintained stances",
                "UPDATE maintained_participant_stances SET stance = 2 WHERE study_id = \(a)",
                .refused("42501")
            ),
            (
                "lead", "delete maintained decisions", "DELETE FROM maintained_final_decisions WHERE study_id = \(a)",
                .refused("42501")
            ),
            (
                "lead", "queue a refresh",
                "INSERT INTO maintained_pending (study_id, statement_id) VALUES (\(a), \(s01))",
                .refused("42501")
            ),
            ("lead", "refresh maintained rows itself", "SELECT maintained_refresh(\(a), NULL)", .refused("42501")),
            (
                "coder", "read maintained stances", "SELECT count(*) FROM maintained_participant_stances",
                .refused("42501")
            ),
            (
                "analyst", "read maintained stances", "SELECT count(*) FROM maintained_participant_stances",
                .refused("42501")
            ),
            (
                "analyst", "read quote candidates", "SELECT count(*) FROM maintained_quote_candidates",
                .refused("42501")
            ),
            ("no role", "read statements", "SELECT count(*) FROM statements", .refused("42501")),
            ("no role", "aggregates", "SELECT count(*) FROM study_aggregate_tallies('small')", .refused("42501")),
        ]
        var table = ["| Role | Action | Result |", "|---|---|---|"]
        for (role, action, sql, expected) in cases {
            let login = ["coder": w.coder, "analyst": w.analyst, "lead": w.lead, "no role": w.outsider][role]!
            let outcome = Outcome.of(try w.connect(login), sql)
            #expect(outcome == expected, "\(role): \(action)\n\(sql)")
            table.append("| \(role) | \(action) | \(outcome) |")
        }
        if let path = ProcessInfo.processInfo.environment["VIEWPOINTS_ROLE_REPORT"], !path.isEmpty {
            try (table.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    /// A coder sees only its own codings, but its change refreshes the maintained rows from every coder's (the
    /// triggers run as the owner), and leads read them.
    @Test func aCodersChangeRefreshesTheMaintainedStancesFromEveryCoder() throws {
        let w = try RoleWorld()
        let coder = try Store.open(
            databaseURL: try Connection.conninfo(w.s.db.url, setting: "user", to: w.coder), home: w.s.db.home)
        let statement = try w.id(
            "SELECT reference FROM statement_refs WHERE study_id = \(w.s.study.id) ORDER BY 1 LIMIT 1")
        _ = try coder.applyCoding(
            study: w.s.study, coder: "coder-a", statement: statement, code: .key("t.b"), stance: .oppose, note: nil)
        #expect(try w.s.db.rows("SELECT problem FROM maintained_differences(\(w.s.study.id))").isEmpty)
        let lead = Outcome.of(
            try w.connect(w.lead), "SELECT count(*) FROM maintained_final_decisions WHERE study_id = \(w.s.study.id)")
        #expect(
            lead == .allowed(Int(try w.id("SELECT count(*) FROM final_decisions WHERE study_id = \(w.s.study.id)"))!))
    }

    @Test func analystAggregatesAreSuppressedCountsOnly() throws {
        let w = try RoleWorld()
        let rows = try w.connect(w.analyst).query(
            "SELECT code, grp, suppressed, participants, addressed FROM study_aggregate_tallies('small', 'status')",
            doing: "aggregates"
        ).rows.filter { $0[0] == "t.a" }
        // former 6, serving 3, (missing) 2: both small groups withheld (together 5, so no more), as one unnamed row;
        // the shown counts perturbed by at most 2 (DisclosureTests)
        #expect(rows.map { "\($0[1] ?? "_") \($0[2]!)" } == ["former f", "_ t"])
        #expect(rows[1][3] == nil && abs(Int(rows[0][3]!)! - 6) <= 2)
        let store = try Store.open(
            databaseURL: try Connection.conninfo(w.s.db.url, setting: "user", to: w.analyst), home: w.s.db.home)
        let report = try store.consensusAsSession(study: w.s.study, request: .init())
        let owner = try w.s.store.consensus(study: w.s.study, request: .init())
        #expect(report.rows.map(\.code) == owner.rows.map(\.code))
        for (published, exact) in zip(report.rows, owner.rows) {
            #expect(abs(published.tally.participants - exact.tally.participants) <= 2)
            #expect(zip(published.tally.stances, exact.tally.stances).allSatisfy { abs($0 - $1) <= 2 && $0 >= 0 })
        }
        #expect(report.disclosureControlled && report.warnings(.init()).contains(.perturbed))
        #expect(report.unresolvedPairs == owner.unresolvedPairs && report.reviewed == owner.reviewed)
        #expect(throws: StoreError.self) {
            try store.consensusAsSession(
                study: w.s.study, request: .init(filter: (attribute: "status", value: "serving")))
        }
        do {
            _ = try store.consensusAsSession(study: w.s.study, request: .init(minCell: 0))
            Issue.record("--min-cell 0 was not refused")
        } catch {
            #expect(error.kind == .permission && error.message.contains("analyst"))
        }
    }

    @Test func theStudyContextCarriesEachLoginsOwnRole() throws {
        let w = try RoleWorld()
        func store(_ login: String) throws -> Store {
            try Store.open(
                databaseURL: try Connection.conninfo(w.s.db.url, setting: "user", to: login), home: w.s.db.home)
        }
        let analyst = try store(w.analyst)
        let study = try analyst.resolveStudy(slug: "small")
        #expect(try analyst.role(in: study) == .analyst)
        // a study value resolved by another login's store does not lend that login's role
        #expect(try analyst.role(in: w.s.study) == .analyst)
        #expect(try w.s.store.role(in: study) == .owner)
        let lead = try store(w.lead)
        #expect(try lead.role(in: try lead.resolveStudy(slug: nil)) == .lead)
        // a revoke made through this store is seen by its next decision
        let coderStore = try store(w.coder)
        let coderStudy = try coderStore.resolveStudy(slug: "small")
        guard case .coder = try coderStore.role(in: coderStudy) else {
            Issue.record("the coder login is not coder of small")
            return
        }
        let error = try #require(throws: StoreError.self) {
            try coderStore.consensusAsSession(study: coderStudy, request: .init())
        }
        #expect(error.kind == .permission && error.reason == .needsRole(study: "small", role: .analyst))
    }

    @Test func revokingHidesTheStudyAgain() throws {
        let w = try RoleWorld()
        let a = w.s.study.id
        let count = "SELECT count(*) FROM statements WHERE study_id = \(a)"
        #expect(Outcome.of(try w.connect(w.coder), count) == .allowed(15))
        #expect(try w.s.store.revoke(study: w.s.study, role: .coder, login: w.coder))
        #expect(Outcome.of(try w.connect(w.coder), count) == .hidden)
        #expect(try !w.s.store.revoke(study: w.s.study, role: .coder, login: w.coder))
    }

    @Test func settingUpRolesTwiceChangesNothingAndNeedsCreateRole() throws {
        let w = try RoleWorld()
        #expect(try w.s.store.setUpRoles().isEmpty)
        // a database migrated after `db roles` ran elsewhere: the roles exist, the grants are made here
        let second = try TestDatabase()
        #expect(try second.store().setUpRoles().isEmpty)
        #expect(
            try second.scalar("SELECT tableowner FROM pg_tables WHERE tablename = 'statements'") == "viewpoints_owner")
        // a migration after `db roles`: its new table (here handed back to the migrating login) goes to
        // viewpoints_owner before the refresh, which runs as viewpoints_owner, writes it
        let owned = "SELECT tableowner FROM pg_tables WHERE tablename = 'maintained_quote_candidates'"
        _ = try second.rows("ALTER TABLE maintained_quote_candidates OWNER TO CURRENT_USER")
        #expect(try second.scalar(owned) != "viewpoints_owner")
        let secondStore = try second.store()
        _ = try second.rows("UPDATE schema_definitions SET checksum = 'changed'")
        let migrator = Migrator(
            connection: secondStore.connection, migrations: try Migration.bundled(),
            definitions: try Migration.bundledDefinitions())
        _ = try migrator.migrate()
        #expect(try second.scalar(owned) == "viewpoints_owner")
        // a login without CREATEROLE is refused before anything is done
        let store = try Store.open(
            databaseURL: try Connection.conninfo(w.s.db.url, setting: "user", to: w.outsider), home: w.s.db.home)
        #expect(throws: Never.self) { _ = try store.memberships() }
        do {
            _ = try store.setUpRoles()
            Issue.record("a login without privileges set up roles")
        } catch {
            #expect(error.kind == .permission && error.message.contains("needs CREATEROLE or superuser"))
        }
        // with CREATEROLE, in a database whose schema another login owns: refused, told who can do it, unchanged
        _ = try w.s.db.rows("ALTER ROLE \(w.outsider) CREATEROLE")
        let third = try TestDatabase()
        let foreign = try Store.open(
            databaseURL: try Connection.conninfo(third.url, setting: "user", to: w.outsider), home: third.home)
        do {
            _ = try foreign.setUpRoles()
            Issue.record("a login that does not own the schema handed it over")
        } catch {
            #expect(error.kind == .permission && error.hint?.contains("the login that ran the migrations") == true)
        }
        #expect(try third.scalar("SELECT tableowner FROM pg_tables WHERE tablename = 'codings'") == "postgres")
    }
}
