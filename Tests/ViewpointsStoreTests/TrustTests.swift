import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

/// Issue 13: each role's own login, speaking SQL to PostgreSQL directly as psql would, tries to break a promise the
/// database keeps: no caller's object runs as the owner, no setting a session can make is trusted, the chain heads
/// are the owner's, no change goes without its event, and withdrawals go only through the lead's function.
@Suite(.serialized, .enabled(if: TestDatabase.enabled, "needs DATABASE_URL (Scripts/test starts PostgreSQL)"))
struct TrustTests {
    /// Runs `sql` as `connection`; returns the SQLSTATE of the error, or nil when it worked.
    func refusal(_ connection: Connection, _ sql: String) -> String? {
        do {
            try connection.execute(sql, doing: "trust test")
            return nil
        } catch {
            return error.sqlState ?? "none"
        }
    }

    func ids(_ w: RoleWorld) throws -> (a: String, coderA: String, coderB: String, s01: String, ta: String) {
        let a = w.s.study.id
        return (
            a, try w.id("SELECT coder_id FROM coders WHERE study_id = \(a) AND name = 'coder-a'"),
            try w.id("SELECT coder_id FROM coders WHERE study_id = \(a) AND name = 'coder-b'"),
            try w.id("SELECT statement_id FROM statements WHERE study_id = \(a) AND external_id = 'S01'"),
            try w.id("SELECT code_id FROM codes WHERE study_id = \(a) AND key = 't.a'")
        )
    }

    @Test func noOperatorOrFunctionOfACallerRunsAsTheOwner() throws {
        let w = try RoleWorld()
        // the default before PostgreSQL 15, and a common grant: `db roles` takes it back
        _ = try w.s.db.rows("GRANT CREATE ON SCHEMA public TO PUBLIC")
        _ = try w.s.store.setUpRoles()
        let analyst = try w.connect(w.analyst)
        #expect(refusal(analyst, "CREATE FUNCTION public.mine() RETURNS int LANGUAGE sql AS 'SELECT 1'") == "42501")
        #expect(
            try w.s.db.scalar("SELECT has_schema_privilege('\(w.analyst)', 'public', 'CREATE')") == "f")

        // an administrator grants it to the analyst anyway: the owner's functions still never run its operator
        _ = try w.s.db.rows("GRANT CREATE ON SCHEMA public TO \(w.analyst)")
        try analyst.execute(
            """
            CREATE FUNCTION public.leak(a text, b text) RETURNS boolean LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'leak: %', (SELECT string_agg(text, '|') FROM public.statements);
            END
            $$;
            CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.leak);
            CREATE FUNCTION public.leak(a name, b name) RETURNS boolean LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'leak: %', (SELECT string_agg(text, '|') FROM public.statements);
            END
            $$;
            CREATE OPERATOR public.= (LEFTARG = name, RIGHTARG = name, FUNCTION = public.leak);
            """, doing: "creating a shadowing operator")
        do {
            let rows = try analyst.query(
                "SELECT count(*) FROM study_aggregate_tallies('small')", doing: "aggregates"
            ).scalar
            #expect(rows == "5")
        } catch {
            Issue.record("the aggregate failed: \(error.message)")
            #expect(!error.message.contains("leak"))
        }
        // every function that runs as the owner, and every trigger function, has its search_path pinned
        let loose = try w.s.db.rows(
            """
            SELECT p.proname FROM pg_proc p
             WHERE p.pronamespace = 'public'::regnamespace AND (p.prosecdef OR p.prorettype = 'trigger'::regtype)
               AND p.proowner <> '\(w.analyst)'::regrole
               AND coalesce(p.proconfig, '{}') <> ARRAY['search_path=pg_catalog, public, pg_temp']
            """)
        #expect(loose.isEmpty, "\(loose)")
    }

    @Test func aTemporaryTableAndTheRestoringSettingCannotBackdateAnEvent() throws {
        let w = try RoleWorld()
        let (a, coderA, _, s01, _) = try ids(w)
        let coder = try w.connect(w.coder)
        try coder.execute(
            """
            CREATE TEMP TABLE coding_events (LIKE public.coding_events);
            SET search_path = pg_temp, public;
            SET viewpoints.restoring = 'on';
            INSERT INTO public.coding_events (study_id, coder_id, statement_id, action, at)
            VALUES (\(a), \(coderA), \(s01), 'review', '2017-03-01 12:00+00');
            """, doing: "backdating an event")
        let at = try w.s.db.scalar(
            "SELECT at > now() - interval '1 hour' FROM coding_events WHERE study_id = \(a) ORDER BY seq DESC LIMIT 1")
        #expect(at == "t", "the event kept the time its author gave")
        #expect(try w.s.store.verifyAudit(study: w.s.study).intact)
        // the owner's restore may keep times; an event dated before the one before it is reported
        try Connection(conninfo: w.s.db.url).execute(
            """
            BEGIN; SET LOCAL viewpoints.restoring = 'on';
            INSERT INTO coding_events (study_id, coder_id, statement_id, action, at)
            VALUES (\(a), \(coderA), \(s01), 'review', '2016-01-01 00:00+00'); COMMIT;
            """, doing: "restoring an old event as the owner")
        let report = try w.s.store.verifyAudit(study: w.s.study)
        #expect(!report.intact)
        #expect(report.breaks.map(\.problem) == ["dated before the event before it"])
    }

    @Test func chainHeadsAreTheOwners() throws {
        let w = try RoleWorld()
        let (a, coderA, _, s01, _) = try ids(w)
        for login in [w.coder, w.lead] {
            let connection = try w.connect(login)
            #expect(refusal(connection, "UPDATE coding_event_heads SET seq = seq + 5") == "42501", "\(login)")
            #expect(refusal(connection, "DELETE FROM coding_event_heads") == "42501", "\(login)")
            #expect(
                refusal(connection, "INSERT INTO coding_event_heads VALUES (\(a), 999, '\\x00')") == "42501",
                "\(login)")
        }
        // a forged head in the transaction's cache: the statement that followed it fails, nothing is stored
        let last = try w.id("SELECT max(seq) FROM coding_events WHERE study_id = \(a)")
        let coder = try w.connect(w.coder)
        let append =
            "INSERT INTO coding_events (study_id, coder_id, statement_id, action) VALUES (\(a), \(coderA), \(s01), 'review')"
        #expect(
            refusal(
                coder,
                """
                BEGIN; \(append);
                SELECT set_config('viewpoints.chain_head_\(a)', '\(Int(last)! + 40):' || repeat('ab', 32), true);
                \(append); COMMIT;
                """) == "42501")
        try coder.execute("ROLLBACK", doing: "ending the forged transaction")
        // a garbage value fails its statement too
        #expect(
            refusal(
                coder, "BEGIN; SELECT set_config('viewpoints.chain_head_\(a)', 'garbage', true); \(append); COMMIT;")
                != nil)
        try coder.execute("ROLLBACK", doing: "ending the forged transaction")
        try coder.execute("BEGIN; \(append); \(append); COMMIT;", doing: "appending as the coder")
        #expect(try w.id("SELECT max(seq) FROM coding_events WHERE study_id = \(a)") == String(Int(last)! + 2))
        #expect(try w.s.store.verifyAudit(study: w.s.study).intact)
        // and the study goes on: the owner codes and backs it up
        _ = try w.s.store.applyCoding(
            study: w.s.study, coder: "coder-a", statement: "S02", code: .key("t.b"), stance: Stance(1)!, note: nil)
        #expect(try w.s.store.verifyAudit(study: w.s.study).intact)
        let path = w.s.files.folder + "/after-forgery.zip"
        #expect(throws: Never.self) {
            try w.s.store.backup(study: w.s.study, to: path, toolVersion: "test", keyPassphrase: nil)
        }
    }

    @Test func noChangeWithoutItsEvent() throws {
        let w = try RoleWorld()
        let (a, coderA, coderB, s01, ta) = try ids(w)
        let s09 = try w.id("SELECT statement_id FROM statements WHERE study_id = \(a) AND external_id = 'S09'")
        let tb = try w.id("SELECT code_id FROM codes WHERE study_id = \(a) AND key = 't.b'")
        let p01 = try w.id("SELECT participant_id FROM participants WHERE study_id = \(a) AND pseudonym = 'P01'")
        let own = "study_id = \(a) AND statement_id = \(s01) AND code_id = \(ta) AND coder_id = \(coderA)"
        _ = try w.s.store.adjudicate(
            study: w.s.study, lead: "coder-b", statement: "S09", code: .key("t.a"), stance: nil)
        let before = try w.s.db.snapshot()
        // (role, table, SQL): each must be refused, by privilege or at commit
        let attempts: [(String, String, String)] = [
            ("coder", "codings", "UPDATE codings SET stance = -2 WHERE \(own)"),
            ("coder", "codings", "UPDATE codings SET note = 'rewritten' WHERE \(own)"),
            ("coder", "codings", "DELETE FROM codings WHERE \(own)"),
            (
                "coder", "codings",
                "INSERT INTO codings (study_id, statement_id, code_id, coder_id, stance) VALUES (\(a), \(s01), \(tb), \(coderA), 2)"
            ),
            (
                "coder", "codings",
                "INSERT INTO coding_events (study_id, coder_id, statement_id, code_id, action, old_applied, new_applied, new_stance) VALUES (\(a), \(coderA), \(s01), \(ta), 'change', true, true, 1); UPDATE codings SET stance = -1 WHERE \(own)"
            ),
            ("coder", "reviews", "UPDATE reviews SET codes_through = 99 WHERE study_id = \(a)"),
            ("coder", "reviews", "DELETE FROM reviews WHERE study_id = \(a)"),
            ("lead", "codings", "UPDATE codings SET stance = 2 WHERE study_id = \(a) AND coder_id = \(coderB)"),
            ("lead", "codings", "DELETE FROM codings WHERE study_id = \(a)"),
            ("lead", "reviews", "DELETE FROM reviews WHERE study_id = \(a)"),
            (
                "lead", "reviews",
                "INSERT INTO reviews (study_id, statement_id, coder_id, codes_through) VALUES (\(a), \(s01), \(coderB), 3)"
            ),
            (
                "lead", "adjudications",
                "INSERT INTO adjudications (study_id, statement_id, code_id, lead_id, applied, stance, event_seq) VALUES (\(a), \(s09), \(tb), \(coderA), true, 1, 1)"
            ),
            ("lead", "adjudications", "UPDATE adjudications SET applied = true, stance = -2 WHERE study_id = \(a)"),
            ("lead", "adjudications", "DELETE FROM adjudications WHERE study_id = \(a)"),
            ("lead", "statements", "UPDATE statements SET text = 'rewritten' WHERE study_id = \(a)"),
            ("lead", "statements", "DELETE FROM statements WHERE study_id = \(a)"),
            ("lead", "statements", "DELETE FROM participants WHERE study_id = \(a) AND participant_id = \(p01)"),
            ("lead", "codes", "DELETE FROM codes WHERE study_id = \(a) AND code_id = \(ta)"),
            ("lead", "coders", "DELETE FROM coders WHERE study_id = \(a) AND coder_id = \(coderB)"),
            ("analyst", "codings", "UPDATE codings SET stance = 2"),
            ("analyst", "statements", "DELETE FROM statements"),
        ]
        for (role, table, sql) in attempts {
            let login = ["coder": w.coder, "lead": w.lead, "analyst": w.analyst][role]!
            let connection = try w.connect(login)
            #expect(refusal(connection, sql) == "42501", "\(role) on \(table): \(sql)")
        }
        #expect(try w.s.db.snapshot() == before)
        #expect(try w.s.store.verifyAudit(study: w.s.study).intact)

        // what Viewpoints does as these logins still works, and is recorded
        let coderStore = try Store.open(
            databaseURL: try Connection.conninfo(w.s.db.url, setting: "user", to: w.coder), home: w.s.db.home)
        _ = try coderStore.applyCoding(
            study: w.s.study, coder: "coder-a", statement: "S01", code: .key("t.a"), stance: Stance(-1)!,
            note: "changed my mind")
        _ = try coderStore.removeCoding(study: w.s.study, coder: "coder-a", statement: "S01", code: .key("t.a"))
        _ = try coderStore.markReviewed(study: w.s.study, coder: "coder-a", statement: "S09")
        // the session's undo of a statement's only coding: the removal with its event, then the review taken back
        _ = try coderStore.applyCoding(
            study: w.s.study, coder: "coder-a", statement: "S15", code: .key("t.a"), stance: Stance(1)!, note: nil)
        let s15 = try w.id("SELECT statement_id FROM statements WHERE study_id = \(a) AND external_id = 'S15'")
        let coder = try w.connect(w.coder)
        #expect(
            refusal(
                coder,
                """
                BEGIN;
                DELETE FROM codings WHERE study_id = \(a) AND statement_id = \(s15) AND coder_id = \(coderA);
                INSERT INTO coding_events (study_id, coder_id, statement_id, code_id, action, old_applied, old_stance,
                                           new_applied)
                VALUES (\(a), \(coderA), \(s15), \(ta), 'remove', true, 1, false);
                DELETE FROM reviews WHERE study_id = \(a) AND statement_id = \(s15) AND coder_id = \(coderA);
                COMMIT;
                """) == nil)
        #expect(
            try w.s.db.scalar(
                "SELECT count(*) FROM reviews WHERE study_id = \(a) AND statement_id = \(s15) AND coder_id = \(coderA)")
                == "0")
        let leadStore = try Store.open(
            databaseURL: try Connection.conninfo(w.s.db.url, setting: "user", to: w.lead), home: w.s.db.home)
        _ = try leadStore.adjudicate(
            study: w.s.study, lead: "coder-b", statement: "S09", code: .key("t.b"), stance: Stance(1)!)
        #expect(try w.s.store.verifyAudit(study: w.s.study).intact)

        // the owner is not stopped, but `audit verify` replays the events and names what they do not explain
        _ = try w.s.db.rows("UPDATE codings SET stance = 2 WHERE study_id = \(a) AND coder_id = \(coderB)")
        let report = try w.s.store.verifyAudit(study: w.s.study)
        #expect(!report.intact)
        #expect(report.unexplained.count == 2, "\(report.unexplained)")
        #expect(report.unexplained.allSatisfy { $0.contains("by coder #\(coderB)") && $0.contains("gave stance") })
    }

    @Test func withdrawalsOnlyThroughTheLeadsFunction() throws {
        let w = try RoleWorld()
        let a = w.s.study.id
        let lead = try w.connect(w.lead)
        #expect(
            refusal(
                lead,
                """
                INSERT INTO withdrawals (study_id, pseudonym, number, digest, statement_ids, statements, codings, reviews,
                                         adjudications, withdrawn_by, chain_seq, hash)
                VALUES (\(a), 'P02', 2, sha256('x'), '{}', 0, 0, 0, 0, 'postgres', 0, sha256('y'))
                """) == "42501")
        #expect(refusal(try w.connect(w.coder), "SELECT * FROM withdraw_participant(\(a), 'P02')") == "42501")
        #expect(refusal(try w.connect(w.analyst), "SELECT * FROM withdraw_participant(\(a), 'P02')") == "42501")
        #expect(refusal(lead, "SELECT * FROM withdraw_participant(\(w.other.id), 'P01')") == "42501")
        #expect(try w.s.db.scalar("SELECT count(*) FROM withdrawals") == "0")

        let row = try lead.query(
            "SELECT withdrawn_by, statements FROM withdraw_participant(\(a), 'P02', 'coder-a')", doing: "withdrawing"
        ).rows[0]
        #expect(row[0] == w.lead)
        let gone = try #require(Int(row[1] ?? ""))
        #expect(gone > 0)
        #expect(try w.s.db.scalar("SELECT count(*) FROM statements WHERE study_id = \(a)") == String(15 - gone))
        let report = try w.s.store.verifyAudit(study: w.s.study)
        #expect(report.intact && report.withdrawals == 1)
    }
}
