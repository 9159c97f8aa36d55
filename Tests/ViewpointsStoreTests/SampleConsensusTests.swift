import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

/// The whole synthetic sample study: its consensus from the database against the README's expected findings
/// and against a computation straight from the CSV files (final-coding rule, mean, rounding on Double).
@Suite(.database)
struct SampleConsensusTests {
    let db: TestDatabase
    let store: Store
    let study: Study
    let folder = SampleCodingTests.folder

    init() throws {
        (db, store, study) = try Fixtures.sampleStudy()
    }

    @Test func readsAsTheReportDoes() throws {
        let rows = try store.consensus(study: study, request: .init()).rows
        func row(_ code: String) throws -> ConsensusRow { try #require(rows.first { $0.code == code }) }
        #expect(
            try row("relations.lowest-since-9-11").phrase
                == "Most participants agreed (39 of 60; 39 of 50 who addressed it)")
        #expect(
            try row("india.normalization-enables-policy-change").phrase
                == "Many participants agreed (22 of 60; 22 of 31 who addressed it)")
        #expect(try row("region.prioritize-regional").phrase == "All participants who addressed it agreed (44 of 60)")
        #expect(try row("region.prioritize-regional").consensusClass == .unanimousSupport)
        let classes = Set(rows.filter { !$0.isTheme }.compactMap(\.consensusClass))
        #expect(classes.isSubset(of: [.majoritySupport, .strongSupport, .unanimousSupport]))
        #expect(rows.filter { !$0.isTheme }.count == 42)
        #expect(
            rows.filter(\.isTheme).map(\.code) == [
                "relations", "objectives", "engagement", "cooperation", "governance", "afghanistan", "region", "india",
                "way-ahead",
            ])
    }

    /// Every row of the README's table of expected findings: n, support, oppose, class and phrase.
    @Test func matchesTheReadmeTable() throws {
        let readme = try String(contentsOfFile: folder + "/README.md", encoding: .utf8)
        var expected: [String: [String]] = [:]
        for line in readme.split(separator: "\n") where line.hasPrefix("| `") && line.split(separator: "|").count == 6 {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            expected[cells[0].trimmingCharacters(in: ["`"])] = [
                cells[1], cells[2], cells[3], cells[4].trimmingCharacters(in: ["`"]), cells[5],
            ]
        }
        #expect(expected.count == 42)
        for row in try store.consensus(study: study, request: .init()).rows where !row.isTheme {
            let t = row.tally
            #expect(
                [String(t.addressed), String(t.support), String(t.oppose), row.consensusClass!.rawValue, row.phrase!]
                    == expected[row.code], "\(row.code)")
        }
    }

    /// The tallies recomputed from the files alone.
    @Test func agreesWithAComputationFromTheFiles() throws {
        let author = Dictionary(
            uniqueKeysWithValues: try SampleCodingTests.records("statements.csv").map { ($0[0], $0[1]) })
        var reviewers: [String: Set<String>] = [:]
        var applied: [String: [String: Int]] = [:]
        for row in try SampleCodingTests.records("codings.csv") {
            reviewers[row[0], default: []].insert(row[1])
            if !row[2].isEmpty { applied["\(row[0])|\(row[2])", default: [:]][row[1]] = Int(row[3])! }
        }
        var decided: [String: Int?] = [:]
        for row in try SampleCodingTests.records("adjudications.csv") { decided["\(row[0])|\(row[1])"] = Int(row[2]) }
        var stances: [String: [String: [Int]]] = [:]  // code → participant → final stances
        for key in Set(applied.keys).union(decided.keys) {
            let parts = key.split(separator: "|").map(String.init)
            let final: Int?
            if let adjudication = decided[key] {
                final = adjudication
            } else {
                let values = Set(reviewers[parts[0]]!.map { applied[key]?[$0] })
                final = values.count == 1 ? values.first! : nil
            }
            if let final { stances[parts[1], default: [:]][author[parts[0]]!, default: []].append(final) }
        }
        let participants = try SampleCodingTests.records("participants.csv").count
        for row in try store.consensus(study: study, request: .init()).rows where !row.isTheme {
            var counts = [0, 0, 0, 0, 0]
            for list in (stances[row.code] ?? [:]).values {
                let mean = Double(list.reduce(0, +)) / Double(list.count)
                counts[Int(mean.rounded(.toNearestOrAwayFromZero)) + 2] += 1
            }
            #expect(row.tally == ConsensusTally(participants: participants, stances: counts), "\(row.code)")
        }
    }

    @Test func breakdownByConstituencyAddsUpAndSuppressesBusinessEconomists() throws {
        let report = try store.consensus(
            study: study, request: .init(code: "relations.lowest-since-9-11", by: "constituency"))
        #expect(report.rows.count == 7)
        #expect(report.rows.map(\.tally.participants).reduce(0, +) == 60)
        let small = report.rows.filter { $0.suppression == .small }.map { $0.group! }
        #expect(small == ["business_economist"])
        // the next smallest group (civil_servant, 6) goes with it
        #expect(report.rows.filter { $0.suppression == .secondary }.map { $0.group! } == ["civil_servant"])
        #expect(report.isComplete)
    }
}

extension SampleConsensusTests {
    /// 0003 replaces final_decisions with a faster form: on the sample it gives exactly the rows of 0002's.
    @Test func fasterFinalDecisionsEqualTheOriginalDefinition() throws {
        let original = """
            WITH votes AS (
                SELECT study_id, statement_id, code_id, count(*) AS reviewers, count(stance) AS applied,
                       min(stance) AS lo, max(stance) AS hi
                  FROM coder_decisions GROUP BY study_id, statement_id, code_id
            )
            SELECT study_id, statement_id, code_id,
                   CASE WHEN a.code_id IS NOT NULL THEN 'adjudicated' WHEN v.reviewers = 1 THEN 'single'
                        WHEN v.applied = v.reviewers AND v.lo = v.hi THEN 'agreed' ELSE 'unresolved' END AS basis,
                   CASE WHEN a.code_id IS NOT NULL THEN a.applied WHEN v.applied = v.reviewers AND v.lo = v.hi THEN true
                        WHEN v.reviewers = 1 THEN v.applied > 0 END AS applied,
                   CASE WHEN a.code_id IS NOT NULL THEN a.stance WHEN v.applied = v.reviewers AND v.lo = v.hi THEN v.lo
                        END AS stance,
                   coalesce(a.stale, false) AS stale, coalesce(v.reviewers, 0) AS reviewers
              FROM votes v FULL JOIN adjudication_status a USING (study_id, statement_id, code_id)
            """
        // some unresolved pairs and a review that does not cover a code added later
        try db.rows("DELETE FROM adjudications WHERE statement_id IN (SELECT statement_id FROM adjudications LIMIT 40)")
        try db.rows("UPDATE reviews SET codes_through = 20 WHERE statement_id % 7 = 0")
        let unresolved = try db.scalar("SELECT count(*) FROM final_decisions WHERE basis = 'unresolved'")
        #expect(Int(unresolved ?? "0")! > 0)
        let current =
            "SELECT study_id, statement_id, code_id, basis, applied, stance, stale, reviewers FROM final_decisions"
        for (a, b) in [(original, current), (current, original)] {
            #expect(try db.scalar("SELECT count(*) FROM ((\(a)) EXCEPT ALL (\(b))) d") == "0")
        }
        #expect(
            try db.scalar("SELECT count(*) FROM final_decisions") == db.scalar("SELECT count(*) FROM (\(original)) o"))
    }
}

extension SampleConsensusTests {
    /// 0007 computes consensus_tallies straight from the base tables: on the sample, with unresolved pairs and
    /// reviews that do not cover every code, its counts equal those read off 0003's participant_stances view,
    /// for propositions and themes, by constituency and with a `--where` population.
    @Test func directTalliesEqualTheParticipantStancesView() throws {
        try db.rows("DELETE FROM adjudications WHERE statement_id IN (SELECT statement_id FROM adjudications LIMIT 40)")
        try db.rows("UPDATE reviews SET codes_through = 20 WHERE statement_id % 7 = 0")
        let unresolved = try db.scalar("SELECT count(*) FROM final_decisions WHERE basis = 'unresolved'")
        #expect(Int(unresolved ?? "0")! > 0)
        let viaView = """
            WITH x AS (
                SELECT c.key, c.parent_id, ps.participant_id, ps.stance, ps.unresolved,
                       coalesce(p.attributes ->> 'constituency', '(missing)') AS grp
                  FROM participant_stances ps
                  JOIN participants p ON p.study_id = ps.study_id AND p.participant_id = ps.participant_id
                  JOIN codes c ON c.study_id = ps.study_id AND c.code_id = ps.code_id
                 WHERE ps.study_id = \(study.id) AND (NOT $1::boolean OR p.attributes ->> 'status' = 'former')
            )
            SELECT key, grp, count(stance), count(*) FILTER (WHERE stance = -2), count(*) FILTER (WHERE stance = -1),
                   count(*) FILTER (WHERE stance = 0), count(*) FILTER (WHERE stance = 1),
                   count(*) FILTER (WHERE stance = 2), count(*) FILTER (WHERE unresolved > 0), sum(unresolved)
              FROM x GROUP BY key, grp
            UNION ALL
            SELECT t.key, grp, count(DISTINCT participant_id) FILTER (WHERE stance IS NOT NULL), 0, 0, 0, 0, 0,
                   count(DISTINCT participant_id) FILTER (WHERE unresolved > 0), 0
              FROM x JOIN codes t ON t.study_id = \(study.id) AND t.code_id = x.parent_id GROUP BY t.key, grp
            """
        let direct = """
            SELECT code, grp, addressed, stance_m2, stance_m1, stance_0, stance_p1, stance_p2, participants_unresolved,
                   unresolved_statements
              FROM consensus_tallies(\(study.id), 'constituency', CASE WHEN $1::boolean THEN 'status' END,
                                     CASE WHEN $1::boolean THEN 'former' END)
             WHERE addressed > 0 OR participants_unresolved > 0
            """
        for filtered in ["false", "true"] {
            let rows = try db.rows("SELECT count(*) FROM (\(direct)) d", [filtered])
            #expect(Int(rows.first?[0] ?? "0")! > 20)
            for (a, b) in [(viaView, direct), (direct, viaView)] {
                #expect(try db.rows("SELECT count(*) FROM ((\(a)) EXCEPT ALL (\(b))) d", [filtered]).first?[0] == "0")
            }
        }
    }
}
