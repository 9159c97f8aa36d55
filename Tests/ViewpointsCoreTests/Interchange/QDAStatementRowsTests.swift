import Foundation
import Testing

@testable import ViewpointsCore

/// A read project's statements as rows for the statements pipeline: ids from the source's name and place, unique and
/// the same on every read, participants mapped through `--speakers`.
@Suite struct QDAStatementRowsTests {
    @Test func idsAreUniqueStableAndNamedBySource() throws {
        let project = try QDAProjectReaderTests.fixture("nvivo-two-coders")
        let rows = QDAStatementRows(project, file: "p.qdpx")
        #expect(rows.ids.count == project.statements.count)
        #expect(Set(rows.ids).count == rows.ids.count)
        #expect(rows.ids == QDAStatementRows(try QDAProjectReaderTests.fixture("nvivo-two-coders"), file: "p").ids)
        #expect(rows.ids.allSatisfy { $0.range(of: #"^[a-z0-9-]+-[0-9]{3,}$"#, options: .regularExpression) != nil })
        #expect(project.codings.allSatisfy { rows.ids.indices.contains($0.statement) })
    }

    @Test func participantsAreMappedThroughSpeakers() throws {
        let project = try QDAProjectReaderTests.fixture("nvivo-two-coders")
        let first = try #require(project.statements.first?.participant)
        var rows = QDAStatementRows(project, file: "p.qdpx", identifiers: [first: "someone@example.org"])
        var problems = ProblemList(file: "p.qdpx")
        #expect(try rows.next(problems: &problems)?.participant == "someone@example.org")
        var count = 1
        while try rows.next(problems: &problems) != nil { count += 1 }
        #expect(count == project.statements.count)
    }

    @Test func idsStartWithTheSourcesGUIDNeverItsName() throws {
        let project = try QDAProjectReaderTests.fixture("nvivo-two-coders")
        let rows = QDAStatementRows(project, file: "p.qdpx")
        // the source is "Interview 1", GUID 6F1D2C3B-…: a name there might be a person's, and ids are not redacted
        #expect(rows.ids.first == "src-6f1d2c3b-001")
        #expect(rows.ids.allSatisfy { !$0.contains("interview") })
    }
}
