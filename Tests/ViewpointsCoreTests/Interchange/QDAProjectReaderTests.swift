import Foundation
import Testing

@testable import ViewpointsCore

/// Reading REFI-QDA projects in Core: a Viewpoints export back losslessly, a two-coder NVivo-style project with UTF-16
/// positions, emoji and CRLF, skipped sources counted, and selections that fit no unit refused.
@Suite struct QDAProjectReaderTests {
    static func fixture(_ folder: String) throws -> QDAProjectImport {
        let base = REFIFixtures.path(folder)
        return try QDAProjectReader.read(
            REFIFixtures.bytes(folder + "/project.qde"), file: "project.qde",
            source: { name in (try? Data(contentsOf: URL(fileURLWithPath: base + "/" + name))).map { [UInt8]($0) } })
    }

    @Test func aViewpointsExportReadsBackLosslessly() throws {
        let project = QDAProjectWriterTests.project()
        let files = QDAProjectWriter.write(project)
        let read = try QDAProjectReader.read(
            Array(files.project.utf8), file: "project.qde",
            source: { name in files.sources.first { $0.name == name }.map { Array($0.text.utf8) } })
        #expect(read.statements.map(\.text) == project.statements.map(\.text))
        #expect(read.statements.map(\.participant) == ["P01", "P01", "P02"])
        #expect(read.participants.map(\.name) == ["P01", "P02", "P03"])
        #expect(read.participants[0].attributes == ["constituency": "journalist", "status": "former"])
        #expect(read.coders == ["coder-a", "coder-b", "lead"])
        #expect(
            read.codings.map { "\($0.statement) \($0.coder) \($0.key) \($0.stance)" } == [
                "0 coder-a relations.lowest 2", "0 coder-b relations.lowest 1",
            ])
        #expect(read.reviews.map { "\($0.statement) \($0.coder)" } == ["0 coder-a", "0 coder-b", "1 coder-a"])
        #expect(
            read.adjudications.map { "\($0.statement) \($0.lead) \($0.key) \($0.stance.map(String.init) ?? "absent")" }
                == ["0 lead relations.lowest 1", "1 lead relations.lowest absent"])
        #expect(read.codebook?.codebook.rows.map(\.key) == ["relations", "relations.lowest"])
        #expect(read.skipped.isEmpty)
        #expect(read.units.map(\.unit) == [.codePoints, .codePoints])
    }

    @Test func aTwoCoderNVivoStyleProjectPlacesEverySelectionOnItsWords() throws {
        let read = try Self.fixture("nvivo-two-coders")
        #expect(read.units.map(\.unit) == [.utf16])
        #expect(read.warnings.map(\.message).contains("source Interview 1: positions read as UTF-16 code units"))
        #expect(
            read.statements.map(\.text) == [
                "Interviewer: How are relations?", "Relations are at their lowest 😀 since 9/11, I think.",
                "We must prioritize regional ties 🇵🇰 first.",
            ])
        #expect(read.coders == ["ayesha-k", "Bilal"])
        // who coded is the selection's creatingUser: every Coding carries the exporting user (Ayesha)
        #expect(
            read.codings.map { "\($0.statement) \($0.coder) \($0.key)" } == [
                "1 ayesha-k relations.lowest-since-9-11", "1 Bilal relations.lowest-since-9-11",
                "2 Bilal region.prioritize-regional", "2 ayesha-k region.prioritize-regional",
            ])
        #expect(read.participants.map(\.name) == ["Respondent 1"])
        #expect(read.participants.map(\.attributes) == [["constituency": "journalist_media"]])
        #expect(read.participants.map(\.line) == [21], "a Case's problems are reported at its line")
        // both coded in the one source read: each reviewed all of its three paragraphs
        #expect(read.reviews.count == 6)
        #expect(read.selections == 4)
        #expect(read.statements.allSatisfy { $0.participant == "Respondent 1" })
        #expect(
            read.skipped == ["PDF source (not text)": 1, "text source referenced but missing": 1],
            "the PDF and the missing file are counted, not a crash")
    }

    @Test func selectionsThatFitNoUnitAreRefusedAtTheirLine() throws {
        let xml = """
            <Project xmlns="urn:QDA-XML:project:1.0" name="p">
            <Sources><TextSource guid="11111111-2222-4333-8444-555555555501" name="s">
            <PlainTextContent>Relations are bad.</PlainTextContent>
            <PlainTextSelection guid="11111111-2222-4333-8444-555555555502" startPosition="2" endPosition="7"/>
            </TextSource></Sources></Project>
            """
        do {
            _ = try QDAProjectReader.read(Array(xml.utf8), file: "project.qde", source: { _ in nil })
            Issue.record("accepted a selection inside a word")
        } catch {
            #expect(error.problems.map(\.line) == [4])
            #expect(error.problems.first?.message.contains("fit neither Unicode code points nor UTF-16") == true)
        }
    }

    @Test(
        arguments: [
            ([0xEF, 0xBB, 0xBF, 0x41, 0x0D, 0x0A], "A\r\n"), ([0xFF, 0xFE, 0x41, 0x00, 0x3D, 0xD8, 0x00, 0xDE], "A😀"),
            ([0xFE, 0xFF, 0x00, 0x41], "A"), ([0x41, 0x42], "AB"),
        ] as [([UInt8], String)])
    func textFilesDecodeFromUTF8WithOrWithoutBOMAndUTF16(bytes: [UInt8], text: String) {
        #expect(QDAText.decode(bytes) == text)
    }
}
