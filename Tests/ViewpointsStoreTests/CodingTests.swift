import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

/// A study with the fixture participants, statements S1…S4 and codebook, ready for coding.
struct CodingStudy {
    let db: TestDatabase
    let files = TestFiles()
    let store: Store
    let study: Study

    static let lowest = CodeReference.key("relations.lowest-since-9-11")
    static let region = CodeReference.key("region.prioritize-regional")

    init() throws {
        db = try TestDatabase()
        store = try db.store()
        study = try store.createStudy(slug: "ipr-2018", title: "Test").study
        _ = try store.importParticipants(
            path: files.write("p.csv", Fixtures.participants), study: study, options: .init())
        _ = try store.importStatements(path: files.write("s.csv", Fixtures.statements), study: study, options: .init())
        _ = try store.importCodebook(path: files.write("c.csv", Fixtures.codebook), study: study, options: .init())
    }

    /// `final_codings` as `statement code stance basis` lines, sorted.
    func finalCodings() throws -> [String] {
        try db.rows(
            "SELECT statement, code, coalesce(stance::text, '?'), basis, stale::text FROM final_codings ORDER BY 1, 2"
        ).map { $0.map { $0 ?? "" }.joined(separator: " ") }
    }

    func events() throws -> [String] {
        try db.rows(
            """
            SELECT k.name, e.action, coalesce(e.old_stance::text, '-'), coalesce(e.new_stance::text, '-'),
                   coalesce(e.note, '')
              FROM coding_events e JOIN coders k USING (study_id, coder_id) ORDER BY e.seq
            """
        ).map { $0.map { $0 ?? "" }.joined(separator: " ").trimmingCharacters(in: .whitespaces) }
    }
}

@Suite(.database)
struct CodingTests {
    let s: CodingStudy
    init() throws { s = try CodingStudy() }

    @Test func everyChangeIsAnEventInTheSameTransaction() throws {
        try s.store.addCoder(name: "ana", study: s.study)
        let lowest = CodingStudy.lowest
        var change = try s.store.applyCoding(
            study: s.study, coder: "ana", statement: "S1", code: lowest, stance: .support, note: nil)
        #expect(change.description == "applied S1 relations.lowest-since-9-11 +1")
        change = try s.store.applyCoding(
            study: s.study, coder: "ana", statement: "S1", code: lowest, stance: .support, note: nil)
        #expect(change.kind == .unchanged)
        change = try s.store.applyCoding(
            study: s.study, coder: "ana", statement: "S1", code: lowest, stance: .stronglySupport, note: "firm")
        #expect(change.description == "changed S1 relations.lowest-since-9-11 +1 → +2")
        change = try s.store.removeCoding(study: s.study, coder: "ana", statement: "S1", code: lowest)
        #expect(change.description == "removed S1 relations.lowest-since-9-11 (was +2)")
        _ = try s.store.markReviewed(study: s.study, coder: "ana", statement: "S2")
        #expect(
            try s.events() == ["ana apply - 1", "ana change 1 2 firm", "ana remove 2 -", "ana review - -"])
        #expect(try s.db.scalar("SELECT count(*) FROM reviews") == "2")
        #expect(try s.db.scalar("SELECT count(*) FROM codings") == "0")
        #expect(try s.db.scalar("SELECT count(*) FROM coding_event_breaks") == "0")
    }

    @Test func refusesUnknownCodersWithASuggestion() throws {
        try s.store.addCoder(name: "coder-a", study: s.study)
        let error = try #require(throws: StoreError.self) {
            try s.store.applyCoding(
                study: s.study, coder: "codr-a", statement: "S1", code: CodingStudy.lowest, stance: .neutral,
                note: nil)
        }
        #expect(error.message == "no coder 'codr-a' in study ipr-2018")
        #expect(error.hint?.hasPrefix("did you mean 'coder-a'?") == true)
        #expect(error.exitCode == 65)
        #expect(try s.db.scalar("SELECT count(*) FROM coding_events") == "0")
    }

    @Test func refusesThemesAndUnknownCodesAndStatements() throws {
        try s.store.addCoder(name: "ana", study: s.study)
        let theme = try #require(throws: StoreError.self) {
            try s.store.applyCoding(
                study: s.study, coder: "ana", statement: "S1", code: .key("relations"), stance: .neutral, note: nil)
        }
        #expect(theme.message.contains("relations is a theme"))
        let typo = try #require(throws: StoreError.self) {
            try s.store.applyCoding(
                study: s.study, coder: "ana", statement: "S1", code: .key("region.prioritise-regional"),
                stance: .neutral, note: nil)
        }
        #expect(typo.hint == "did you mean region.prioritize-regional?")
        let statement = try #require(throws: StoreError.self) {
            try s.store.markReviewed(study: s.study, coder: "ana", statement: "S9")
        }
        #expect(statement.message == "no statement 'S9' in study ipr-2018")
    }

    @Test func eventsCannotBeChangedAndTamperingIsDetected() throws {
        try s.store.addCoder(name: "ana", study: s.study)
        for ref in ["S1", "S2", "S3"] {
            _ = try s.store.applyCoding(
                study: s.study, coder: "ana", statement: ref, code: CodingStudy.lowest, stance: .support, note: nil)
        }
        for sql in ["UPDATE coding_events SET new_stance = 2", "DELETE FROM coding_events", "TRUNCATE coding_events"] {
            let error = try #require(throws: StoreError.self) { try s.store.connection.execute(sql, doing: "tamper") }
            #expect(error.message.contains("coding events are append-only"), "\(sql)")
        }
        // a superuser can bypass triggers; the hash chain still shows it
        try s.store.connection.execute(
            "SET session_replication_role = replica; UPDATE coding_events SET new_stance = 2 WHERE seq = 2; "
                + "RESET session_replication_role", doing: "tamper")
        #expect(try s.db.rows("SELECT seq, problem FROM coding_event_breaks") == [["2", "altered"]])
        try s.store.connection.execute(
            "SET session_replication_role = replica; DELETE FROM coding_events WHERE seq = 2; "
                + "RESET session_replication_role", doing: "tamper")
        #expect(try s.db.rows("SELECT seq, problem FROM coding_event_breaks") == [["3", "missing before"]])
    }

    @Test func studyDeletionTakesItsEventsAlong() throws {
        try s.store.addCoder(name: "ana", study: s.study)
        _ = try s.store.markReviewed(study: s.study, coder: "ana", statement: "S1")
        _ = try s.store.deleteStudy(slug: "ipr-2018", forgetKey: false)
        #expect(try s.db.scalar("SELECT count(*) FROM coding_events") == "0")
    }
}

@Suite(.database)
struct CodingSessionReviewTests {
    let s: CodingStudy
    init() throws { s = try CodingStudy() }

    func reviews() throws -> String { try s.db.scalar("SELECT count(*) FROM reviews") ?? "" }

    @Test func undoingTheOnlyCodingLeavesTheStatementUnreviewed() throws {
        try s.store.addCoder(name: "ana", study: s.study)
        let session = try CodingSession(store: s.store, study: s.study, coder: "ana", participant: nil, sample: nil)
        let first = try #require(try session.next())
        _ = try session.apply([.init(code: CodingStudy.lowest, stance: .support)])
        _ = try session.apply([.init(code: CodingStudy.region, stance: .oppose)])
        #expect(session.progress.reviewed == 1)
        #expect(try reviews() == "1")
        _ = try #require(try session.undo())
        #expect(session.progress.reviewed == 1, "one coding is still applied")
        _ = try #require(try session.undo())
        #expect(session.progress.reviewed == 0)
        #expect(try reviews() == "0")
        #expect(try session.screen().reference == first.reference)
        // a fresh session (after quitting) offers the same statement first again
        let again = try CodingSession(store: s.store, study: s.study, coder: "ana", participant: nil, sample: nil)
        #expect(again.progress.reviewed == 0)
        #expect(try again.next()?.reference == first.reference)
    }

    @Test func enterKeepsTheReviewThroughLaterUndos() throws {
        try s.store.addCoder(name: "ana", study: s.study)
        let session = try CodingSession(store: s.store, study: s.study, coder: "ana", participant: nil, sample: nil)
        _ = try #require(try session.next())
        _ = try session.apply([.init(code: CodingStudy.lowest, stance: .support)])
        _ = try session.done()
        _ = try #require(try session.undo())
        #expect(session.progress.reviewed == 1)
        #expect(try reviews() == "1")
        #expect(try s.db.scalar("SELECT count(*) FROM codings") == "0")
    }
}
