import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

/// A small invented study whose participant stances are known by hand (see each comment).
struct ConsensusStudy {
    let db: TestDatabase
    let files = TestFiles()
    let store: Store
    let study: Study

    static let participants = """
        participant,status
        p01,former
        p02,former
        p03,former
        p04,former
        p05,former
        p06,former
        p07,serving
        p08,serving
        p09,serving
        p10,
        p11,

        """
    static let statements = """
        id,participant,text
        S01,p01,one
        S02,p01,two
        S03,p02,three
        S04,p02,four
        S05,p03,five
        S06,p03,six
        S07,p04,seven
        S08,p04,eight
        S09,p05,nine
        S10,p06,ten
        S11,p07,eleven
        S12,p08,twelve
        S13,p09,thirteen
        S14,p10,fourteen
        S15,p11,fifteen

        """
    static let codebook = """
        key,label,description,parent
        t,Theme T,,
        t.a,Proposition A,,t
        t.b,Proposition B,,t
        u,Theme U,,
        u.c,Proposition C,,u

        """
    // P01 +1, 0 → mean 0.5 → +1 (round on double precision would give 0); P02 −1, 0 → −1; P03 2, 1 → 2;
    // P04 −2, −1 → −2; P05 +1 on t.a and an unresolved t.b (coder-a +1, coder-b −1); P06 +1 (and u.c +1);
    // P07 +1; P08 0; P09 t.b +2 only; P10 +1; P11's statement is reviewed by nobody.
    static let codings = """
        statement,coder,code,stance
        S01,coder-a,t.a,1
        S02,coder-a,t.a,0
        S03,coder-a,t.a,-1
        S04,coder-a,t.a,0
        S05,coder-a,t.a,2
        S06,coder-a,t.a,1
        S07,coder-a,t.a,-2
        S08,coder-a,t.a,-1
        S09,coder-a,t.a,1
        S09,coder-a,t.b,1
        S09,coder-b,t.a,1
        S09,coder-b,t.b,-1
        S10,coder-a,t.a,1
        S10,coder-a,u.c,1
        S11,coder-a,t.a,1
        S12,coder-a,t.a,0
        S13,coder-a,t.b,2
        S14,coder-a,t.a,1

        """

    init() throws {
        db = try TestDatabase()
        store = try db.store()
        study = try store.createStudy(slug: "small", title: "").study
        _ = try store.importParticipants(
            path: files.write("p.csv", ConsensusStudy.participants), study: study, options: .init())
        var options = StatementImportOptions()
        options.participantsPath = files.write("p2.csv", ConsensusStudy.participants)
        _ = try store.importStatements(
            path: files.write("s.csv", ConsensusStudy.statements), study: study, options: options)
        _ = try store.importCodebook(
            path: files.write("c.csv", ConsensusStudy.codebook), study: study, options: .init())
        _ = try store.importCodings(path: files.write("g.csv", ConsensusStudy.codings), study: study, options: .init())
    }

    /// Rows as `code group N n support neutral oppose unresolved` (group `-` without --by; `x` when suppressed).
    func lines(_ request: ConsensusRequest) throws -> [String] {
        try store.consensus(study: study, request: request).rows.map { row in
            let f = row.fields(byAttribute: request.by != nil)
            let counts = request.by == nil ? Array(f[3...8]) : Array(f[6...11])
            let group = request.by == nil ? "-" : f[4] + (f[5] == "true" ? "(x)" : "")
            return ([row.code, group] + counts.map { $0.isEmpty ? "_" : $0 }).joined(separator: " ")
        }
    }
}

@Suite(.database)
struct ConsensusStoreTests {
    let s: ConsensusStudy
    init() throws { s = try ConsensusStudy() }

    /// Participants named by their first statement (P01: S01), as pseudonyms are keyed digests.
    @Test func participantStancesRoundOnNumericHalfAwayFromZero() throws {
        let rows = try s.db.rows(
            """
            SELECT (SELECT 'P' || substr(min(s.external_id), 2) FROM statements s
                     WHERE s.study_id = ps.study_id AND s.participant_id = ps.participant_id) AS first_statement,
                   c.key, ps.statements, ps.unresolved, ps.mean::float8::text, ps.stance, ps.position
              FROM participant_stances ps JOIN codes c USING (study_id, code_id) ORDER BY 1, 2
            """
        ).map { $0.map { $0 ?? "null" }.joined(separator: " ") }
        #expect(
            rows == [
                "P01 t.a 2 0 0.5 1 support", "P03 t.a 2 0 -0.5 -1 oppose", "P05 t.a 2 0 1.5 2 support",
                "P07 t.a 2 0 -1.5 -2 oppose", "P09 t.a 1 0 1 1 support", "P09 t.b 0 1 null null null",
                "P10 t.a 1 0 1 1 support", "P10 u.c 1 0 1 1 support", "P11 t.a 1 0 1 1 support",
                "P12 t.a 1 0 0 0 neutral", "P13 t.b 1 0 2 2 support", "P14 t.a 1 0 1 1 support",
            ])
    }

    @Test func tallyEveryThemeAndPropositionInCodebookOrder() throws {
        let report = try s.store.consensus(study: s.study, request: .init())
        #expect(
            try s.lines(.init()) == [
                "t - 11 10 _ _ _ 1", "t.a - 11 9 6 1 2 0", "t.b - 11 1 1 0 0 1", "u - 11 1 _ _ _ 0",
                "u.c - 11 1 1 0 0 0",
            ])
        let a = try #require(report.rows.first { $0.code == "t.a" })
        #expect(a.tally.stances == [1, 1, 1, 5, 1])
        #expect(a.consensusClass == .majoritySupport)
        #expect(a.phrase == "Most participants agreed (6 of 11; 6 of 9 who addressed it)")
        #expect(a.fields(byAttribute: false)[9] == "\(14.0 / 15)")  // 14 of 15 statements reviewed
        #expect(report.statements == 15 && report.reviewed == 14 && report.unresolvedPairs == 1)
        #expect(!report.isComplete)
        #expect(report.warnings(.init()).count == 2)
    }

    @Test func codeAndThemeSelectRows() throws {
        #expect(try s.lines(.init(code: "t.b")) == ["t.b - 11 1 1 0 0 1"])
        #expect(try s.lines(.init(theme: "u")) == ["u - 11 1 _ _ _ 0", "u.c - 11 1 1 0 0 0"])
        #expect(throws: StoreError.self) { try s.store.consensus(study: s.study, request: .init(code: "t")) }
        let error = try #require(throws: StoreError.self) {
            try s.store.consensus(study: s.study, request: .init(theme: "t.x"))
        }
        #expect(error.reason == .noSuchCodeOption(key: "t.x", theme: true, study: "small"))
        #expect(!error.description.contains("--theme"), "Store names no flag: the executable words the remedy")
    }

    @Test func breakdownSuppressesSmallGroupsAndTheMissingGroup() throws {
        // former 6, serving 3, (missing) 2: with K = 5 two groups are small, so no secondary cell is needed
        #expect(
            try s.lines(.init(code: "t.a", by: "status")) == [
                "t.a (missing)(x) _ _ _ _ _ _", "t.a former 6 6 4 0 2 0", "t.a serving(x) _ _ _ _ _ _",
            ])
        // with K = 3 only (missing) is small: the next smallest group, serving, is suppressed too
        #expect(
            try s.lines(.init(code: "t.a", by: "status", minCell: 3)) == [
                "t.a (missing)(x) _ _ _ _ _ _", "t.a former 6 6 4 0 2 0", "t.a serving(x) _ _ _ _ _ _",
            ])
        #expect(
            try s.lines(.init(code: "t.a", by: "status", minCell: 0)) == [
                "t.a (missing) 2 1 1 0 0 0", "t.a former 6 6 4 0 2 0", "t.a serving 3 2 1 1 0 0",
            ])
        let report = try s.store.consensus(study: s.study, request: .init(code: "t.a", by: "status", minCell: 3))
        #expect(report.rows.map(\.suppression) == [.small, .shown, .secondary])
        let error = try #require(throws: StoreError.self) {
            try s.store.consensus(study: s.study, request: .init(by: "sector"))
        }
        #expect(error.description.contains("known attributes: status"))
    }

    @Test func wherePopulationBelowKIsSuppressed() throws {
        #expect(
            try s.lines(.init(code: "t.a", filter: ("status", "former"))) == ["t.a - 6 6 4 0 2 0"])
        #expect(
            try s.lines(.init(code: "t.a", filter: ("status", "serving"))) == ["t.a - _ _ _ _ _ _"])
        #expect(
            try s.lines(.init(code: "t.a", filter: ("status", "serving"), minCell: 3)) == ["t.a - 3 2 1 1 0 0"])
        let report = try s.store.consensus(
            study: s.study, request: .init(code: "t.a", filter: ("status", "serving")))
        #expect(report.rows[0].phrase == nil)
        #expect(report.rows[0].fields(byAttribute: false)[10...].allSatisfy { $0.isEmpty })
    }

    @Test func sqlTalliesAreWhatTheReportUses() throws {
        let rows = try s.db.rows(
            "SELECT code, participants, addressed, stance_m2, stance_m1, stance_0, stance_p1, stance_p2 "
                + "FROM consensus_tallies((SELECT study_id FROM studies), NULL, NULL, NULL) WHERE code = 't.a'")
        #expect(rows == [["t.a", "11", "9", "1", "1", "1", "5", "1"]])
    }
}
