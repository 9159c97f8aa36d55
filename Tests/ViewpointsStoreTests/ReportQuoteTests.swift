import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

/// The report's quotes come from maintained_quote_candidates (0015): they must be the statements that choosing
/// among all final decisions picks, for every proposition and side, and the report must quote exactly those.
@Suite(.database)
struct ReportQuoteTests {
    /// Every participant's best statement per proposition and side, chosen as the report chose them before the
    /// table: the least [−strength, length, seq, statement] among the final decisions of the definition
    /// (final_decisions, not the maintained copy), on the sample study (two coders, adjudications).
    static let reference = """
        SELECT f.participant_id, f.code_id, sign(f.stance),
               (min(ARRAY[-abs(f.stance), length(s.text), s.seq, f.statement_id]))[4]
          FROM final_decisions f JOIN statements s ON s.study_id = f.study_id AND s.statement_id = f.statement_id
         WHERE f.study_id = $1 AND f.applied AND f.stance <> 0
         GROUP BY 1, 2, 3
         ORDER BY 1, 2, 3
        """

    @Test func theCandidatesAreEveryParticipantsBestStatementAndTheReportQuotesTheFirst() throws {
        let (db, store, study) = try Fixtures.sampleStudy()
        let id = String(study.id)
        let expected = try db.rows(ReportQuoteTests.reference, [id])
        let kept = try db.rows(
            """
            SELECT q.participant_id, q.code_id, q.side, s.statement_id
              FROM maintained_quote_candidates q
              JOIN statements s ON s.study_id = q.study_id AND s.participant_id = q.participant_id AND s.seq = q.seq
             WHERE q.study_id = $1 ORDER BY 1, 2, 3
            """, [id])
        #expect(expected.count > 100, "the sample has candidates on both sides of many propositions")
        #expect(kept == expected)

        // the report's quotes: for each finding, the first of its side's candidates in QuoteSelection's order
        let data = try store.reportData(
            study: study, request: ReportRequest(consensus: ConsensusRequest(), quotes: 50, toolVersion: "test"))
        let findings = data.rows.filter { $0.phrase != nil && !(data.quotes[$0.code] ?? []).isEmpty }
        #expect(findings.count >= 3)
        var quoted = 0
        for row in findings {
            let side = QuoteSelection.side(of: row.tally) == .support ? "1" : "-1"
            let statements = try db.rows(
                """
                SELECT r.reference, p.pseudonym, p.number, f.stance, s.text
                  FROM (\(ReportQuoteTests.reference)) x(participant_id, code_id, side, statement_id)
                  JOIN codes c ON c.study_id = $1 AND c.code_id = x.code_id
                  JOIN maintained_final_decisions f ON f.study_id = $1 AND f.statement_id = x.statement_id
                                                   AND f.code_id = x.code_id
                  JOIN statements s ON s.study_id = $1 AND s.statement_id = x.statement_id
                  JOIN participants p ON p.study_id = $1 AND p.participant_id = x.participant_id
                  JOIN statement_refs r ON r.study_id = $1 AND r.statement_id = x.statement_id
                 WHERE c.key = $2 AND x.side = $3::int
                """, [id, row.code, side]
            ).map {
                ReportQuote(
                    code: row.code, statement: $0[0]!, pseudonym: $0[1]!, participantNumber: Int($0[2]!)!,
                    stance: Int($0[3]!)!, text: $0[4]!, attributes: [])
            }
            let chosen = QuoteSelection.choose(statements, side: QuoteSelection.side(of: row.tally), limit: 50)
            quoted += chosen.count
            #expect(data.quotes[row.code] == chosen, "\(row.code)")
        }
        #expect(quoted > 50, "the findings' lists go deep enough to compare their order")
    }
}
