import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

@Suite(.database)
struct FinalCodingStoreTests {
    let s: CodingStudy
    init() throws {
        s = try CodingStudy()
        for name in ["a", "b", "c", "lead"] { try s.store.addCoder(name: name, study: s.study) }
    }

    func code(_ coder: String, _ statement: String, _ code: CodeReference, _ stance: Stance) throws {
        _ = try s.store.applyCoding(
            study: s.study, coder: coder, statement: statement, code: code, stance: stance, note: nil)
    }

    func done(_ coder: String, _ statement: String) throws {
        _ = try s.store.markReviewed(study: s.study, coder: coder, statement: statement)
    }

    @Test func followsTheDomainRuleCaseByCase() throws {
        let lowest = CodingStudy.lowest
        let region = CodingStudy.region
        // S1: single reviewer, applied; S1 region: single reviewer did not apply (absent: not listed)
        try code("a", "S1", lowest, .support)
        // S2: two agree; region: presence disagreement
        try code("a", "S2", lowest, .oppose)
        try code("b", "S2", lowest, .oppose)
        try code("a", "S2", region, .support)
        // S3: stance disagreement, then adjudicated; region: 2:1 split
        try code("a", "S3", lowest, .support)
        try code("b", "S3", lowest, .stronglySupport)
        try code("a", "S3", region, .neutral)
        try code("b", "S3", region, .neutral)
        try done("c", "S3")
        _ = try s.store.adjudicate(
            study: s.study, lead: "lead", statement: "S3", code: lowest, stance: .stronglySupport)
        // S4: adjudicated as applied, then a coder changes their mind: stale, still the final coding
        try code("a", "S4", lowest, .support)
        try done("b", "S4")
        _ = try s.store.adjudicate(study: s.study, lead: "lead", statement: "S4", code: lowest, stance: .support)
        try code("b", "S4", lowest, .oppose)
        #expect(
            try s.finalCodings() == [
                "S1 relations.lowest-since-9-11 1 single false",
                "S2 region.prioritize-regional ? unresolved false",
                "S2 relations.lowest-since-9-11 -1 agreed false",
                "S3 region.prioritize-regional ? unresolved false",
                "S3 relations.lowest-since-9-11 2 adjudicated false",
                "S4 relations.lowest-since-9-11 1 adjudicated true",
            ])
        #expect(
            try s.db.rows(
                "SELECT r.reference, status FROM disagreements JOIN statement_refs r USING (study_id, statement_id) ORDER BY 1"
            )
                == [["S2", "open"], ["S3", "open"], ["S4", "stale"]])
    }

    @Test func aCodeAddedAfterTheReviewIsNotYetReviewed() throws {
        // a reviewed S1 without applying anything; b applied the region code
        try done("a", "S1")
        try code("b", "S1", CodingStudy.region, .support)
        #expect(try s.finalCodings() == ["S1 region.prioritize-regional ? unresolved false"])
        // a code added later: a's review does not cover it, so b's coding of it is the only decision
        let more = s.files.write("more.csv", Fixtures.codebook + "region.keep-china-ties-strong,China ties,,region\n")
        _ = try s.store.importCodebook(path: more, study: s.study, options: .init())
        try code("b", "S1", .key("region.keep-china-ties-strong"), .support)
        #expect(
            try s.finalCodings() == [
                "S1 region.keep-china-ties-strong 1 single false", "S1 region.prioritize-regional ? unresolved false",
            ])
        // once a reviews S1 again, the new code is covered: presence disagreement
        try done("a", "S1")
        #expect(
            try s.finalCodings() == [
                "S1 region.keep-china-ties-strong ? unresolved false",
                "S1 region.prioritize-regional ? unresolved false",
            ])
    }

    @Test func sqlViewAgreesWithThePureRuleOnGeneratedData() throws {
        var random = SystemRandomNumberGenerator()
        let statements = ["S1", "S2", "S3", "S4"]
        let codes = ["relations.lowest-since-9-11", "region.prioritize-regional"]
        let coders = ["a", "b", "c"]
        for round in 0..<6 {
            // a fresh study each round, with random reviews, codings and adjudications
            let study = try s.store.createStudy(slug: "gen-\(round)", title: "").study
            _ = try s.store.importParticipants(
                path: s.files.write("p.csv", Fixtures.participants), study: study, options: .init())
            _ = try s.store.importStatements(
                path: s.files.write("s.csv", Fixtures.statements), study: study, options: .init())
            _ = try s.store.importCodebook(
                path: s.files.write("c.csv", Fixtures.codebook), study: study, options: .init())
            var lines = ["statement,coder,code,stance"]
            var decisions: [String: [String: Stance?]] = [:]  // "S|code" → coder → stance
            for statement in statements {
                for coder in coders where Bool.random(using: &random) {
                    var applied = false
                    for code in codes {
                        let stance: Stance? =
                            Int.random(in: 0..<3, using: &random) == 0
                            ? nil : Stance(Int.random(in: 0...2, using: &random))
                        decisions["\(statement)|\(code)", default: [:]][coder] = stance
                        if let stance {
                            lines.append("\(statement),\(coder),\(code),\(stance)")
                            applied = true
                        }
                    }
                    if !applied { lines.append("\(statement),\(coder),,") }
                }
            }
            var adjudications = ["statement,code,stance"]
            var adjudicated: [String: FinalCoding.Adjudication] = [:]
            for statement in statements {
                for code in codes where Int.random(in: 0..<4, using: &random) == 0 {
                    let stance: Stance? =
                        Bool.random(using: &random) ? nil : Stance(Int.random(in: -2...2, using: &random))
                    adjudicated["\(statement)|\(code)"] = .init(stance: stance)
                    adjudications.append("\(statement),\(code),\(stance?.description ?? "")")
                }
            }
            _ = try s.store.importCodings(
                path: s.files.write("k.csv", lines.joined(separator: "\n") + "\n"), study: study, options: .init())
            try s.store.addCoder(name: "lead", study: study)
            _ = try s.store.importAdjudications(
                path: s.files.write("a.csv", adjudications.joined(separator: "\n") + "\n"), study: study, lead: "lead",
                options: .init())
            var expected: [String] = []
            for statement in statements {
                for code in codes {
                    let key = "\(statement)|\(code)"
                    let reviewers = coders.compactMap { decisions[key]?[$0] }
                    switch FinalCoding.decide(reviewers: reviewers, adjudication: adjudicated[key]) {
                    case .uncoded: break
                    case .unresolved: expected.append("\(statement) \(code) ? unresolved")
                    case .decided(let stance?, let basis): expected.append("\(statement) \(code) \(stance) \(basis)")
                    case .decided(nil, _): break
                    }
                }
            }
            let actual = try s.db.rows(
                "SELECT statement, code, coalesce(stance::text, '?'), basis FROM final_codings WHERE study_id = $1",
                [study.id]
            ).map { $0.map { $0 ?? "" }.joined(separator: " ") }
            #expect(actual.sorted() == expected.sorted(), "round \(round):\n\(lines.joined(separator: "\n"))")
        }
    }
}
