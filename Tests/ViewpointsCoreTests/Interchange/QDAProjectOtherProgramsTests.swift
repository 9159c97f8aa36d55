import Foundation
import Testing
import ZIPFoundation

@testable import ViewpointsCore

/// Projects in the shapes other programs write (Tests/Fixtures/refi/README.md says where each habit is documented):
/// every selection lands on the statement holding its words, in the unit that program counts, and what is not
/// coding (memos, annotations, journal notes) is counted or left alone, never a crash.
@Suite struct QDAProjectOtherProgramsTests {
    static func read(_ folder: String, document: String = "project.qde") throws -> QDAProjectImport {
        let base = REFIFixtures.path(folder)
        return try QDAProjectReader.read(
            REFIFixtures.bytes(folder + "/" + document), file: document,
            source: { name in (try? Data(contentsOf: URL(fileURLWithPath: base + "/" + name))).map { [UInt8]($0) } })
    }

    static func codings(_ read: QDAProjectImport) -> [String] {
        read.codings.map { "\(read.statements[$0.statement].text) | \($0.coder) \($0.key)" }
    }

    @Test func qualCoderTwoCodersInCodePointsAfterAnEmoji() throws {
        let read = try Self.read("qualcoder-project")
        #expect(read.units.map(\.unit) == [.codePoints])
        #expect(read.coders == ["default", "colleague"])
        #expect(read.participants.map(\.name) == ["Interviewee A"])
        #expect(read.participants.first?.attributes == ["sector": "government"])
        let first = "Trust between Islamabad and Washington is low 😟 these days."
        let second = "Trade with the region matters more, said Zoë."
        // QualCoder stamps each Coding with its own coder, so the Codings' users name the coders
        #expect(
            Self.codings(read) == [
                "\(first) | default relations.low-trust", "\(first) | colleague relations.low-trust",
                "\(second) | default relations.regional-trade", "\(second) | colleague relations.regional-trade",
            ])
        #expect(read.skipped.isEmpty, "the journal note is no source: \(read.skipped)")
    }

    @Test func maxqdaSurveyAnswersOneSourceEachWithMemosAndDeepCodes() throws {
        let read = try Self.read("maxqda-project")
        #expect(read.participants.map(\.name) == ["ID 1", "ID 2", "ID 3"], "no Cases: a participant per source")
        #expect(read.statements.map(\.text).first == "Sanctions hurt ordinary people most.", "the BOM is not text")
        // the fourth-level code folds into its proposition; the selection with only modifyingUser still has a coder
        #expect(
            Self.codings(read) == [
                "Sanctions hurt ordinary people most. | maxqda-user politik.sanktionen",
                "Dialogue, not sanctions, brings results. | maxqda-user politik.sanktionen",
            ])
        #expect(read.skipped == ["selection without a coding (a memo or annotation)": 1])
        #expect(read.warnings.contains { $0.message.contains("Härte für die Bevölkerung") })
    }

    @Test func atlasTiCountsALineBreakAsOneCharacterInACRLFText() throws {
        let read = try Self.read("atlasti-project", document: "Project.qde")
        #expect(read.units.map(\.unit) == [.codePointsLF])
        #expect(read.warnings.contains { $0.message.contains("CRLF counted as one") })
        // flat codes named as `\` paths become theme and proposition
        #expect(
            Self.codings(read) == [
                "The army's role in politics must shrink. | Super civil-military.army-in-politics",
                "Civilian control is the key question. | Super civil-military.civilian-control",
            ])
    }

    @Test func aQdpxWhoseFolderIsCalledLowerCaseSources() throws {
        let folder = "qualcoder-project"
        var entries = [("project.qde", try REFIFixtures.bytes(folder + "/project.qde"))]
        for name in try FileManager.default.contentsOfDirectory(atPath: REFIFixtures.path(folder + "/Sources")) {
            entries.append(("sources/" + name, try REFIFixtures.bytes(folder + "/Sources/" + name)))
        }
        let read = try QDAProjectArchive(try QDAProjectArchiveTests.zip(entries), file: "p.qdpx").read()
        #expect(read.statements.count == 2 && read.codings.count == 4 && read.skipped.isEmpty)
    }

    @Test func aPlainTextPathWithBackslashesOrWithoutAScheme() throws {
        let xml = """
            <Project xmlns="urn:QDA-XML:project:1.0" name="p">
            <Users><User guid="11111111-2222-4333-8444-555555555509" name="coder"/></Users>
            <Sources>
            <TextSource guid="11111111-2222-4333-8444-555555555501" name="a" plainTextPath="internal://texts\\a.txt"/>
            <TextSource guid="11111111-2222-4333-8444-555555555502" name="b" plainTextPath="b.txt"/>
            <TextSource guid="11111111-2222-4333-8444-555555555503" name="c" plainTextPath="absolute:///home/x/c.txt"/>
            </Sources></Project>
            """
        let files = ["Sources/texts/a.txt": "Alpha.", "Sources/b.txt": "Beta."]
        let read = try QDAProjectReader.read(
            Array(xml.utf8), file: "project.qde", source: { files[$0].map { Array($0.utf8) } })
        #expect(read.statements.map(\.text) == ["Alpha.", "Beta."])
        #expect(read.skipped == ["text source outside the archive": 1])
    }
}
