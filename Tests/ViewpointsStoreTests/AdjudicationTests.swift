import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

@Suite(.database)
struct AdjudicationTests {
    let s: CodingStudy
    init() throws {
        s = try CodingStudy()
        let codings = """
            statement,coder,code,stance
            S1,a,relations.lowest-since-9-11,1
            S1,b,relations.lowest-since-9-11,2
            S2,a,region.prioritize-regional,1
            S2,b,,
            S3,a,relations.lowest-since-9-11,-1
            S3,b,relations.lowest-since-9-11,-1
            S3,c,,

            """
        _ = try s.store.importCodings(path: s.files.write("k.csv", codings), study: s.study, options: .init())
        try s.store.addCoder(name: "lead", study: s.study)
    }

    @Test func listsOpenDisagreementsWithEveryDecision() throws {
        let list = try s.store.disagreements(study: s.study, coders: nil)
        #expect(
            list.map { "\($0.statement) \($0.code) \($0.status) \($0.decisions)" }.sorted() == [
                "S1 relations.lowest-since-9-11 open a=1 b=2",
                "S2 region.prioritize-regional open a=1 b=absent",
                "S3 relations.lowest-since-9-11 open a=-1 b=-1 c=absent",
            ])
        // between a and b only, S3 is agreed
        #expect(
            try s.store.disagreements(study: s.study, coders: ["a", "b"]).map(\.statement).sorted() == ["S1", "S2"])
    }

    @Test func acceptingACoderSettlesTheirDisagreementsUntilTheyGoStale() throws {
        #expect(try s.store.acceptDecisions(study: s.study, lead: "lead", coder: "b") == 3)
        #expect(try s.store.disagreements(study: s.study, coders: nil).isEmpty)
        #expect(
            try s.finalCodings() == [
                "S1 relations.lowest-since-9-11 2 adjudicated false",
                "S3 relations.lowest-since-9-11 -1 adjudicated false",
            ])
        // a coder changes their mind after the adjudication: stale, listed again, the adjudication still stands
        _ = try s.store.applyCoding(
            study: s.study, coder: "a", statement: "S1", code: CodingStudy.lowest, stance: .stronglySupport, note: nil)
        let stale = try s.store.disagreements(study: s.study, coders: nil)
        #expect(
            stale.map { "\($0.statement) \($0.status) \($0.decisions) \($0.adjudication)" } == ["S1 stale a=2 b=2 2"])
        #expect(try s.store.progress(study: s.study).stale == 1)
        // deciding again clears it
        _ = try s.store.adjudicate(
            study: s.study, lead: "lead", statement: "S1", code: CodingStudy.lowest, stance: .stronglySupport)
        #expect(try s.store.disagreements(study: s.study, coders: nil).isEmpty)
    }

    @Test func progressCountsReviewsCodingsOverlapAndDisagreements() throws {
        let progress = try s.store.progress(study: s.study)
        #expect(
            progress.coders.map { "\($0.name) \($0.reviewed)/\($0.statements) \($0.codings)" } == [
                "a 3/4 3", "b 3/4 2", "c 1/4 0", "lead 0/4 0",
            ])
        #expect(progress.overlap.map { "\($0.first) \($0.second) \($0.statements)" } == ["a b 3", "a c 1", "b c 1"])
        #expect(progress.open == 3)
        #expect(progress.stale == 0)
    }

    @Test func historyAndVerificationOfTheTrail() throws {
        let history = try s.store.history(study: s.study, statement: "S2", coder: nil)
        #expect(
            history.map { "\($0.coder) \($0.action) \($0.code) \($0.old) \($0.new)" }
                == [
                    "b review   ", "a apply region.prioritize-regional absent 1",
                ].sorted(by: >))
        #expect(try s.store.history(study: s.study, statement: nil, coder: "c").map(\.action) == ["review"])
        var audit = try s.store.verifyAudit(study: s.study)
        #expect(audit.intact)
        #expect(audit.events == 7)
        // remove the last event with triggers off: no link breaks, but the recorded head no longer matches
        try s.store.connection.execute(
            "SET session_replication_role = replica; DELETE FROM coding_events WHERE seq = 7; "
                + "RESET session_replication_role", doing: "tamper")
        audit = try s.store.verifyAudit(study: s.study)
        #expect(!audit.intact)
        #expect(audit.breaks.isEmpty)
    }
}
