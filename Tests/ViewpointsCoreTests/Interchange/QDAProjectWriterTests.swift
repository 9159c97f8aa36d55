import Foundation
import Testing

@testable import ViewpointsCore

/// The REFI-QDA project Viewpoints writes: valid against Project.xsd, selections on exactly each statement's text
/// (positions in code points, also with emoji and CRLF), each coder's codings, stance and adjudications carried.
@Suite struct QDAProjectWriterTests {
    static func project() -> QDAProject {
        var first = QDAProject.Statement(
            reference: "P01:1", pseudonym: "P01", question: "How are relations?", source: "interview 1",
            text: "Relations are at their lowest 😀 since 9/11.")
        first.decisions = [
            .init(coder: "coder-a", code: "relations.lowest", stance: 2),
            .init(coder: "coder-b", code: "relations.lowest", stance: 1),
        ]
        first.adjudications = [.init(lead: "lead", code: "relations.lowest", stance: 1)]
        var second = QDAProject.Statement(
            reference: "S2", pseudonym: "P01", question: "", source: "", text: "Line one,\r\nline two 𝔘 & <more>.")
        second.decisions = [.init(coder: "coder-a", code: nil, stance: nil)]
        second.adjudications = [.init(lead: "lead", code: "relations.lowest", stance: nil)]
        let third = QDAProject.Statement(reference: "P02:1", pseudonym: "P02", question: "", source: "", text: "Ja.")
        return QDAProject(
            slug: "s", title: "A \"study\"",
            codes: [
                .init(key: "relations", label: "Relations", description: "", parent: nil),
                .init(key: "relations.lowest", label: "Lowest", description: "Lowest since 9/11.", parent: "relations"),
            ],
            coders: ["coder-a", "coder-b", "lead"],
            participants: [
                .init(pseudonym: "P01", attributes: ["constituency": "journalist", "status": "former"]),
                .init(pseudonym: "P02", attributes: ["constituency": "academic"]),
                .init(pseudonym: "P03", attributes: [:]),
            ],
            statements: [first, second, third])
    }

    @Test(.enabled(if: REFIFixtures.xmllint != nil || REFIFixtures.isCI, "needs xmllint (libxml2-utils)"))
    func projectValidatesAgainstProjectXSD() throws {
        let files = QDAProjectWriter.write(Self.project())
        #expect(try REFIFixtures.schemaErrors(files.project, against: "Project.xsd") == nil)
        let empty = QDAProjectWriter.write(
            QDAProject(slug: "e", title: "", codes: [], coders: [], participants: [], statements: []))
        #expect(try REFIFixtures.schemaErrors(empty.project, against: "Project.xsd") == nil)
        let broken = files.project.replacingOccurrences(of: "startPosition", with: "start")
        #expect(try REFIFixtures.schemaErrors(broken, against: "Project.xsd") != nil, "the check can fail")
    }

    @Test func selectionsCoverEachStatementInCodePoints() throws {
        let project = Self.project()
        let files = QDAProjectWriter.write(project)
        let root = try QDAElement.parse(Array(files.project.utf8), file: "project.qde")
        let sources = try #require(root.child("Sources")).children("TextSource")
        #expect(sources.map { $0.attributes["name"] } == ["P01", "P02"])
        var found: [String: String] = [:]
        for source in sources {
            let path = try #require(source.attributes["plainTextPath"])
            #expect(path.hasPrefix("internal://"))
            let file = "Sources/" + path.dropFirst("internal://".count)
            let text = try #require(files.sources.first { $0.name == file }).text
            let scalars = Array(text.unicodeScalars)
            for selection in source.children("PlainTextSelection") {
                let start = Int(selection.attributes["startPosition"]!)!
                let end = Int(selection.attributes["endPosition"]!)!
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[start..<end])
                found[selection.attributes["name"]!] = String(view)
            }
        }
        #expect(found == Dictionary(uniqueKeysWithValues: project.statements.map { ($0.reference, $0.text) }))
    }

    @Test func codingsNameTheirCoderAndDescriptionsCarryStanceAndAdjudication() throws {
        let files = QDAProjectWriter.write(Self.project())
        let root = try QDAElement.parse(Array(files.project.utf8), file: "project.qde")
        let users = Dictionary(
            uniqueKeysWithValues: try #require(root.child("Users")).children("User").map {
                ($0.attributes["guid"]!, $0.attributes["name"]!)
            })
        let selection = try #require(root.child("Sources")?.child("TextSource")?.child("PlainTextSelection"))
        let codings = selection.children("Coding").map { users[$0.attributes["creatingUser"]!]! }
        #expect(codings == ["coder-a", "coder-b"])
        let code = QDACodebookWriter.guid(study: "s", key: "relations.lowest")
        #expect(selection.children("Coding").allSatisfy { $0.child("CodeRef")?.attributes["targetGUID"] == code })
        #expect(
            selection.child("Description")?.text == """
                Viewpoints statement P01:1
                question: How are relations?
                source: interview 1
                coder-a: relations.lowest +2
                coder-b: relations.lowest +1
                adjudicated by lead: relations.lowest +1
                """)
        let second = try #require(root.child("Sources")?.child("TextSource")?.children("PlainTextSelection").last)
        #expect(second.children("Coding").isEmpty)
        #expect(
            second.child("Description")?.text
                == "Viewpoints statement S2\ncoder-a: reviewed, nothing applied\nadjudicated by lead: relations.lowest absent"
        )
        let cases = try #require(root.child("Cases")).children("Case")
        #expect(cases.map { $0.attributes["name"] } == ["P01", "P02", "P03"])
        #expect(cases[0].children("VariableValue").map { $0.child("TextValue")?.text } == ["journalist", "former"])
        #expect(cases[2].child("SourceRef") == nil, "no statements, no source")
        #expect(files.project == QDAProjectWriter.write(Self.project()).project, "the same study, the same bytes")
    }
}
