import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

/// The whole synthetic sample study, coded and adjudicated, against an independent computation from its files.
@Suite(.database)
struct SampleCodingTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples/ipr-2018").path

    static func records(_ name: String) throws -> [[String]] {
        var reader = try CSVReader(path: folder + "/" + name)
        var rows: [[String]] = []
        while let record = try reader.next() { rows.append(record.fields) }
        return Array(rows.dropFirst())
    }

    @Test func importsTheSampleAndAgreesWithAnIndependentCount() throws {
        let db = try TestDatabase()
        let store = try db.store()
        let study = try store.createStudy(slug: "ipr-2018", title: "").study
        let f = SampleCodingTests.folder
        _ = try store.importParticipants(path: f + "/participants.csv", study: study, options: .init())
        var statementOptions = StatementImportOptions()
        statementOptions.participantsPath = f + "/participants.csv"
        _ = try store.importStatements(path: f + "/statements.csv", study: study, options: statementOptions)
        _ = try store.importCodebook(path: f + "/codebook.csv", study: study, options: .init())
        let codings = try store.importCodings(path: f + "/codings.csv", study: study, options: .init())
        #expect(codings.summary.description == "codings: 1370 new, 0 unchanged, 0 changed, 0 not in file (kept)")
        #expect(codings.newCoders == ["coder-a", "coder-b"])
        try store.addCoder(name: "lead", study: study)
        let adjudications = try store.importAdjudications(
            path: f + "/adjudications.csv", study: study, lead: "lead", options: .init())
        #expect(adjudications.description == "adjudications: 135 new, 0 unchanged, 0 changed, 0 not in file (kept)")

        // independently: decisions per statement and code from the files
        let rows = try SampleCodingTests.records("codings.csv")
        var reviewers: [String: Set<String>] = [:]
        var applied: [String: [String: Int]] = [:]  // "statement|code" → coder → stance
        for row in rows {
            reviewers[row[0], default: []].insert(row[1])
            if !row[2].isEmpty { applied["\(row[0])|\(row[2])", default: [:]][row[1]] = Int(row[3])! }
        }
        var decided: [String: Int?] = [:]
        for row in try SampleCodingTests.records("adjudications.csv") {
            decided["\(row[0])|\(row[1])"] = Int(row[2])
        }
        var counts: [String: Int] = [:]
        for key in Set(applied.keys).union(decided.keys) {
            if let adjudication = decided[key] {
                if adjudication != nil { counts["adjudicated", default: 0] += 1 }
                continue
            }
            let statement = String(key.split(separator: "|")[0])
            let who = reviewers[statement]!
            let stances = Set(who.map { applied[key]?[$0] })
            if who.count == 1 {
                counts["single", default: 0] += 1
            } else if stances.count == 1 {
                counts["agreed", default: 0] += 1
            } else {
                counts["unresolved", default: 0] += 1
            }
        }
        let stored = Dictionary(
            uniqueKeysWithValues: try db.rows("SELECT basis, count(*) FROM final_codings GROUP BY basis").map {
                ($0[0]!, Int($0[1]!)!)
            })
        #expect(stored == counts)
        #expect(counts["unresolved"] == nil)
        #expect(try db.scalar("SELECT count(*) FROM disagreements") == "0")
        #expect(try db.scalar("SELECT count(*) FROM coding_event_breaks") == "0")

        // coder-b double-coded exactly the 25% sample of `code --sample 25% --seed ipr-2018`
        let references = try SampleCodingTests.records("statements.csv").map { $0[0] }
        let sample = CodingSample.select(references: references, seed: "ipr-2018", size: SampleSize("25%")!)
        let coderB = Set(rows.filter { $0[1] == "coder-b" }.map { $0[0] })
        #expect(sample.count == 150)
        #expect(Set(sample) == coderB)
        let session = try CodingSession(
            store: store, study: study, coder: "coder-b", participant: nil, sample: (SampleSize("25%")!, "ipr-2018"))
        #expect(session.progress == (150, 150))
    }
}
