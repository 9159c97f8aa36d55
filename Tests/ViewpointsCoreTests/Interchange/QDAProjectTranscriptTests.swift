import Foundation
import Testing

@testable import ViewpointsCore

/// Sources that are transcripts (the interviewer's turns and the participant's answers in one text) and variables
/// given on sources (as MAXQDA writes them) read into Viewpoints' terms.
@Suite struct QDAProjectTranscriptTests {
    static func read(
        _ folder: String, speakers: SpeakerMapping = SpeakerMapping(), edit: (String) -> String = { $0 }
    ) throws -> QDAProjectImport {
        let base = REFIFixtures.path(folder)
        let xml = edit(String(decoding: try REFIFixtures.bytes(folder + "/project.qde"), as: UTF8.self))
        return try QDAProjectReader.read(
            Array(xml.utf8), file: "project.qde", speakers: speakers,
            source: { name in (try? Data(contentsOf: URL(fileURLWithPath: base + "/" + name))).map { [UInt8]($0) } })
    }

    static func malik() throws -> SpeakerMapping {
        var mapping = SpeakerMapping()
        try mapping.readMap(Array("speaker,participant\nDr. Malik,interviewer\n".utf8), file: "speakers.csv")
        return mapping
    }

    static func statements(_ read: QDAProjectImport) -> [String] {
        read.statements.map { "\($0.participant) | \($0.question ?? "-") | \($0.text)" }
    }

    @Test func theInterviewersTurnsAreTheQuestionsOfTheAnswersThatFollow() throws {
        let read = try Self.read("interview-turns", speakers: try Self.malik())
        let first = "How would you describe relations with the United States today?"
        #expect(
            Self.statements(read) == [
                "Respondent 3 | \(first) | Relations are at their lowest point since 2001.",
                "Respondent 3 | \(first) | Trust has not come back.",
                "Respondent 3 | And the region? | The region matters more than Washington now.",
                "Respondent 4 | What should come first? | Trade, before anything else.",
                "Respondent 4 | Why trade? | Because jobs depend on it.",
            ])
        #expect(read.interviewerParagraphs == 4)
        // a selection over question and answer codes the answer; on the question or the title alone it is skipped
        #expect(
            read.codings.map { "\($0.statement) \($0.key)" } == [
                "0 relations.lowest-since-9-11", "2 region.prioritize-regional", "3 region.prioritize-regional",
            ])
        #expect(
            read.skipped == [.codingOnInterviewer: 2, .codingBeforeFirstSpeaker: 1, .paragraphBeforeFirstSpeaker: 1])
        // the coder reviewed every answer of both sources
        #expect(read.reviews.count == 5)
        let rows = QDAStatementRows(read, file: "project.qde")
        #expect(rows.rows.map(\.question) == read.statements.map(\.question))
        #expect(
            rows.ids == [
                "src-3a000001-001", "src-3a000001-002", "src-3a000001-003", "src-3a000002-001", "src-3a000002-002",
            ])
    }

    @Test func anInterviewerNamedOnlyInTheSpeakerMapOrForOneSource() throws {
        // without the map, "Dr. Malik" is no interviewer label: that source is read as before, every line a statement
        let unmapped = try Self.read("interview-turns")
        #expect(unmapped.interviewerParagraphs == 2)
        #expect(
            Self.statements(unmapped).suffix(4) == [
                "Respondent 4 | - | Dr. Malik: What should come first?",
                "Respondent 4 | - | Respondent 4: Trade, before anything else.",
                "Respondent 4 | - | Dr. Malik: Why trade?",
                "Respondent 4 | - | Respondent 4: Because jobs depend on it.",
            ])
        #expect(unmapped.codings.count == 4 && unmapped.skipped[.codingOnInterviewer] == 1)
        // a map row scoped to a source (its name in the file column) applies to that source only
        var scoped = SpeakerMapping()
        try scoped.readMap(
            Array("speaker,participant,file\nDr. Malik,interviewer,Interview 4\nR3,interviewer,Interview 4\n".utf8),
            file: "speakers.csv")
        let read = try Self.read("interview-turns", speakers: scoped)
        #expect(read.interviewerParagraphs == 4 && read.statements.count == 5)
    }

    @Test func labelledTurnsUnlabelledAnswersAndSourcesWithoutAnInterviewer() throws {
        let xml = """
            <Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources>
            <TextSource guid="11111111-2222-4333-8444-555555555501" name="a"><PlainTextContent>Note: recorded by phone.
            R1: Trust is low.

            R1: Trade matters.</PlainTextContent></TextSource>
            <TextSource guid="11111111-2222-4333-8444-555555555502" name="b"><PlainTextContent>**Q:** Why?
            **R2:**
            Because it is.
            Q:
            Then what?
            And after?
            R2: Nothing.</PlainTextContent></TextSource>
            <TextSource guid="11111111-2222-4333-8444-555555555503" name="c"><PlainTextContent>Q: Did you agree?
            Yes: we signed it.
            Q: And then?
            It failed.</PlainTextContent></TextSource>
            </Sources></Project>
            """
        let read = try QDAProjectReader.read(Array(xml.utf8), file: "project.qde", source: { _ in nil })
        #expect(
            Self.statements(read) == [
                "a | - | Note: recorded by phone.", "a | - | R1: Trust is low.", "a | - | R1: Trade matters.",
                "b | Why? | Because it is.", "b | Then what?\n\nAnd after? | Nothing.",
                // only the interviewer is labelled: the rest is the participant's, a one-off `Yes:` kept as words
                "c | Did you agree? | Yes: we signed it.", "c | And then? | It failed.",
            ])
        #expect(read.interviewerParagraphs == 6 && read.skipped.isEmpty)
    }

    @Test func variablesOnSourcesAreTheirParticipantsAttributes() throws {
        let read = try Self.read("maxqda-project")
        #expect(
            read.participants.map { "\($0.name) \($0.attributes.sorted { $0.key < $1.key })" } == [
                #"ID 1 [(key: "Alter", value: "40"), (key: "Bundesland", value: "Bayern")]"#,
                #"ID 2 [(key: "Alter", value: "41"), (key: "Bundesland", value: "Hessen")]"#,
                #"ID 3 [(key: "Alter", value: "42")]"#,
            ])
        // the participants file the import checks: the variables as its columns, at the sources' lines
        let file = try read.participantsFile(file: "project.qde")
        #expect(file.attributeNames == ["Alter", "Bundesland"])
        #expect(read.participants.map(\.line) == [22, 32, 39])
    }

    @Test func sourceVariablesJoinTheirCaseOnesUnlessTwoCasesShareTheSource() throws {
        let xml = """
            <Project xmlns="urn:QDA-XML:project:1.0" name="p">
            <Variables>
            <Variable guid="7A000000-0000-4000-8000-000000000001" name="sector" typeOfVariable="Text"/>
            <Variable guid="7A000000-0000-4000-8000-000000000002" name="age" typeOfVariable="Integer"/>
            </Variables>
            <Cases>
            <Case guid="CA5E0000-0000-4000-8000-000000000001" name="Ana">
            <VariableValue><VariableRef targetGUID="7A000000-0000-4000-8000-000000000001"/><TextValue>press</TextValue></VariableValue>
            <SourceRef targetGUID="11111111-2222-4333-8444-555555555501"/>
            <SourceRef targetGUID="11111111-2222-4333-8444-555555555503"/>
            </Case>
            <Case guid="CA5E0000-0000-4000-8000-000000000002" name="Ben">
            <SourceRef targetGUID="11111111-2222-4333-8444-555555555502"/>
            <SourceRef targetGUID="11111111-2222-4333-8444-555555555503"/>
            </Case>
            </Cases>
            <Sources>
            <TextSource guid="11111111-2222-4333-8444-555555555501" name="a"><PlainTextContent>One.</PlainTextContent>
            <VariableValue><VariableRef targetGUID="7A000000-0000-4000-8000-000000000001"/><TextValue>army</TextValue></VariableValue>
            <VariableValue><VariableRef targetGUID="7A000000-0000-4000-8000-000000000002"/><IntegerValue>50</IntegerValue></VariableValue>
            </TextSource>
            <TextSource guid="11111111-2222-4333-8444-555555555502" name="b"><PlainTextContent>Two.</PlainTextContent></TextSource>
            <TextSource guid="11111111-2222-4333-8444-555555555503" name="c"><PlainTextContent>Three.</PlainTextContent>
            <VariableValue><VariableRef targetGUID="7A000000-0000-4000-8000-000000000002"/><IntegerValue>60</IntegerValue></VariableValue>
            </TextSource>
            </Sources></Project>
            """
        let read = try QDAProjectReader.read(Array(xml.utf8), file: "project.qde", source: { _ in nil })
        #expect(read.participants.map(\.name) == ["Ana", "Ben"])
        // the Case's own value is kept over the source's, with a warning at the source's value
        #expect(read.participants[0].attributes == ["sector": "press", "age": "50"])
        #expect(read.participants[1].attributes.isEmpty)
        #expect(read.warnings.count == 1)
        #expect(
            read.warnings.first?.line == 19 && read.warnings.first?.message.hasPrefix("variable sector differs") == true
        )
        #expect(read.skipped == [.variablesOfSharedSource: 1])
    }
}
