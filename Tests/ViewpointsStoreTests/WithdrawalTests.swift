import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

/// Consent withdrawal: what goes, what stays, what is recorded, and what consensus and reliability count after.
@Suite(.database)
struct WithdrawalTests {

    @Test func consensusAndReliabilityNoLongerCountAWithdrawnParticipant() throws {
        let (db, store, study) = try Fixtures.sampleStudy()
        // the participant with most adjudicated statements reviewed by both coders, so every count moves
        let victim = try #require(
            try db.scalar(
                """
                SELECT p.pseudonym FROM participants p JOIN statements s USING (study_id, participant_id)
                  JOIN adjudications a USING (study_id, statement_id)
                 WHERE (SELECT count(*) FROM reviews r WHERE r.statement_id = s.statement_id) = 2
                 GROUP BY p.pseudonym ORDER BY count(*) DESC, p.pseudonym LIMIT 1
                """))
        func count(_ table: String) throws -> Int {
            Int(
                try db.scalar(
                    """
                    SELECT count(*) FROM \(table) t WHERE t.statement_id IN (
                        SELECT s.statement_id FROM statements s JOIN participants p USING (study_id, participant_id)
                         WHERE p.pseudonym = $1)
                    """, [victim])!)!
        }
        let expected = (
            statements: try count("statements"), codings: try count("codings"), reviews: try count("reviews"),
            adjudications: try count("adjudications")
        )
        #expect(expected.statements > 0 && expected.codings > 0 && expected.adjudications > 0)
        let addressedBefore = Dictionary(
            uniqueKeysWithValues: try db.rows(
                """
                SELECT c.key, count(*) FILTER (WHERE p.pseudonym = $1) FROM participant_stances ps
                  JOIN codes c USING (study_id, code_id) JOIN participants p USING (study_id, participant_id)
                 WHERE ps.stance IS NOT NULL GROUP BY c.key
                """, [victim]
            ).map { ($0[0]!, Int($0[1]!)!) })
        let bothReviewed = Int(
            try db.scalar(
                """
                SELECT count(*) FROM statements s JOIN participants p USING (study_id, participant_id)
                 WHERE p.pseudonym = $1 AND (SELECT count(*) FROM reviews r WHERE r.statement_id = s.statement_id) = 2
                """, [victim])!)!
        #expect(bothReviewed > 0)
        let before = try store.consensus(study: study, request: .init()).rows
        let coders = try store.reviewingCoders(study: study)
        let reliabilityBefore = CodingReliability(coders: coders).report(
            try store.reliabilityDecisions(study: study, coders: coders, code: nil))
        let eventsBefore = try db.scalar("SELECT count(*) FROM coding_events")

        let done = try store.withdrawParticipant(study: study, pseudonym: victim, lead: "lead")

        #expect(done.pseudonym == victim && done.lead == "lead")
        #expect(done.withdrawnBy == (try db.scalar("SELECT session_user")))
        let counts: [Int] = [done.statements, done.codings, done.reviews, done.adjudications]
        let expectedCounts: [Int] = [expected.statements, expected.codings, expected.reviews, expected.adjudications]
        #expect(counts == expectedCounts)
        #expect(try db.scalar("SELECT count(*) FROM participants WHERE pseudonym = $1", [victim]) == "0")
        let withdrawnIDs = "SELECT unnest(statement_ids) FROM withdrawals WHERE pseudonym = $1"
        for table in ["statements", "codings", "reviews", "adjudications"] {
            #expect(
                try db.scalar("SELECT count(*) FROM \(table) WHERE statement_id IN (\(withdrawnIDs))", [victim]) == "0",
                "\(table)")
        }
        #expect(try db.scalar("SELECT count(*) FROM coding_events") == eventsBefore)
        let audit = try store.verifyAudit(study: study)
        #expect(audit.intact, "\(audit.breaks) \(audit.withdrawalProblems)")
        #expect(audit.withdrawals == 1)

        let after = try store.consensus(study: study, request: .init()).rows
        #expect(before.count == after.count)
        for (old, new) in zip(before, after) {
            #expect(old.code == new.code)
            #expect(new.tally.participants == old.tally.participants - 1, "\(new.code)")
            if !new.isTheme {
                #expect(
                    new.tally.addressed == old.tally.addressed - addressedBefore[new.code, default: 0], "\(new.code)")
            }
        }
        #expect(addressedBefore.values.reduce(0, +) > 0)
        let reliabilityAfter = CodingReliability(coders: coders).report(
            try store.reliabilityDecisions(study: study, coders: coders, code: nil))
        #expect(reliabilityAfter.statements == reliabilityBefore.statements - bothReviewed)
        #expect(
            reliabilityAfter.groups.last!.presenceAlpha.result.units
                == reliabilityBefore.groups.last!.presenceAlpha.result.units - bothReviewed * 42)
        #expect(try store.withdrawals(study: study).map(\.pseudonym) == [victim])
    }

    @Test func aWithdrawnPersonIsSkippedOnReimportAndTheirPseudonymNeverReused() throws {
        let db = try TestDatabase()
        let store = try db.store()
        let files = TestFiles()
        let study = try store.createStudy(slug: "s", title: "").study
        let participants = files.write("participants.csv", Fixtures.participants)
        let first = try store.importParticipants(path: participants, study: study, options: .init())
        #expect(first.newPseudonyms == ["P01", "P02", "P03", "P04"])
        _ = try store.importStatements(
            path: files.write("statements.csv", Fixtures.statements), study: study, options: .init())
        let last = "P04"
        _ = try store.withdrawParticipant(study: study, pseudonym: last, lead: nil)
        let withdrawnRow = try #require(
            Fixtures.participants.split(separator: "\n").dropFirst().first { line in
                let id = String(line.split(separator: ",")[0])
                let digest = Hashing.hex(try! store.key(for: study).digest(identifier: id))
                return (try? db.scalar("SELECT pseudonym FROM withdrawals WHERE encode(digest, 'hex') = $1", [digest]))
                    == last
            })
        let again = try store.importParticipants(
            path: files.write(
                "again.csv", Fixtures.participants + "new.person@example.org,New Person,,,academic,serving\n"),
            study: study, options: .init())
        #expect(again.summary.new == 1 && again.summary.unchanged == 3)
        #expect(again.newPseudonyms == ["P05"])
        let line = Fixtures.participants.split(separator: "\n").firstIndex(of: withdrawnRow)! + 1
        #expect(
            again.warnings.contains {
                guard case .withdrawn(let file, line, "P04", _) = $0 else { return false }
                return file.hasSuffix("again.csv")
            })
        #expect(try db.scalar("SELECT count(*) FROM participants") == "4")
        let identifier = String(withdrawnRow.split(separator: ",")[0])
        let statements = files.write("more.csv", "id,participant,question,text\nS9,\(identifier),Q1,Hello.\n")
        let before = try db.snapshot()
        let refused = #expect(throws: (any Error).self) {
            try store.importStatements(path: statements, study: study, options: .init())
        }
        #expect("\(refused!)".contains("more.csv:2:"), "\(refused!)")
        #expect("\(refused!)".contains("this participant withdrew consent as P04"), "\(refused!)")
        #expect(try db.snapshot() == before)
        #expect(
            try db.scalar("SELECT string_agg(pseudonym, ',' ORDER BY number) FROM participants") == "P01,P02,P03,P05")
    }

    @Test func aWithdrawnPersonStaysRedactedInOtherPeoplesStatements() throws {
        let db = try TestDatabase()
        let store = try db.store()
        let files = TestFiles()
        let study = try store.createStudy(slug: "s", title: "").study
        let participants = files.write("participants.csv", Fixtures.participants)
        _ = try store.importParticipants(path: participants, study: study, options: .init())
        let sara = try #require(
            try db.scalar(
                "SELECT pseudonym FROM participants WHERE encode(digest, 'hex') = $1",
                [Hashing.hex(try store.key(for: study).digest(identifier: "sara.al-hassan@example.org"))]))
        _ = try store.withdrawParticipant(study: study, pseudonym: sara, lead: nil)
        // the same participants file, withdrawn row included: recognised, skipped with a count, still redacted
        let again = try store.importParticipants(path: participants, study: study, options: .init())
        #expect(again.summary.withdrawn == 1 && again.summary.unchanged == 3, "\(again.summary)")
        #expect(again.summary.description.contains("1 withdrawn (skipped; still redacted)"))
        var options = StatementImportOptions()
        options.participantsPath = participants
        let text = "Sara Al-Hassan told me, and SARA said so; ask sara.al-hassan@example.org or Hassan."
        _ = try store.importStatements(
            path: files.write("later.csv", "id,participant,text\nS7,ahmed.khan@example.org,\"\(text)\"\n"),
            study: study, options: options)
        let stored = try #require(try db.scalar("SELECT text FROM statements WHERE external_id = 'S7'"))
        #expect(stored == "[NAME] told me, and [NAME] said so; ask [EMAIL] or [NAME].", "\(stored)")
        #expect(!stored.contains(sara))
    }

    @Test func refusesAnUnknownOrAlreadyWithdrawnParticipantAndAnUnknownLead() throws {
        let db = try TestDatabase()
        let store = try db.store()
        let files = TestFiles()
        let study = try store.createStudy(slug: "s", title: "").study
        _ = try store.importParticipants(
            path: files.write("participants.csv", Fixtures.participants), study: study, options: .init())
        let unknown = try #require(throws: StoreError.self) {
            try store.withdrawParticipant(study: study, pseudonym: "P09", lead: nil)
        }
        #expect(unknown.message == "P09 is not a participant of study s" && unknown.exitCode == 65)
        let noLead = try #require(throws: StoreError.self) {
            try store.withdrawParticipant(study: study, pseudonym: "P01", lead: "nobody")
        }
        #expect(noLead.message.contains("nobody"))
        #expect(try db.scalar("SELECT count(*) FROM withdrawals") == "0")
        _ = try store.withdrawParticipant(study: study, pseudonym: "P01", lead: nil)
        let twice = try #require(throws: StoreError.self) {
            try store.withdrawParticipant(study: study, pseudonym: "P01", lead: nil)
        }
        #expect(twice.message.hasPrefix("P01 already withdrew from study s"))
        #expect(try db.scalar("SELECT count(*) FROM withdrawals") == "1")
    }

    @Test func verifyCatchesDeletionsAroundWithdrawalAndAlteredRecords() throws {
        let (db, store, study) = try Fixtures.sampleStudy()
        _ = try store.withdrawParticipant(study: study, pseudonym: "P01", lead: nil)
        #expect(try store.verifyAudit(study: study).intact)
        let connection = try Connection(conninfo: db.url)
        let update = try #require(throws: StoreError.self) {
            try connection.execute("UPDATE withdrawals SET lead = 'x'", doing: "tampering")
        }
        #expect(update.message.contains("withdrawals are a permanent record"))
        // a statement with events deleted around Viewpoints
        let statement = try #require(
            try db.scalar(
                "SELECT statement_id FROM coding_events e WHERE EXISTS (SELECT 1 FROM statements s WHERE s.statement_id = e.statement_id) ORDER BY seq LIMIT 1"
            ))
        try connection.execute("DELETE FROM statements WHERE statement_id = \(statement)", doing: "tampering")
        let deleted = try store.verifyAudit(study: study)
        #expect(!deleted.intact)
        #expect(
            deleted.withdrawalProblems.map(\.problem)
                == ["statement #\(statement) of this event was removed without a recorded withdrawal"])
        // a withdrawal record edited with its trigger disabled
        try connection.execute(
            """
            ALTER TABLE withdrawals DISABLE TRIGGER withdrawals_no_update;
            UPDATE withdrawals SET withdrawn_by = 'someone-else';
            ALTER TABLE withdrawals ENABLE TRIGGER withdrawals_no_update;
            """, doing: "tampering")
        let altered = try store.verifyAudit(study: study)
        #expect(altered.withdrawalProblems.map(\.problem).contains("withdrawal of P01 was altered"))
    }
}
