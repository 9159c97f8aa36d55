import Foundation
import Testing

@testable import ViewpointsCore

/// Speakers mapped to participants, and transcripts cut into statements.
@Suite struct TranscriptSegmentTests {
    func transcript(_ text: String, file: String = "f/interview-3.txt") throws -> Transcript {
        try TranscriptFormat(path: file)!.read(Array(text.utf8), file: file)
    }

    @Test func turnsBecomeStatementsWithTheInterviewersQuestion() throws {
        let t = try transcript("Intro line\n\nQ: Why?\nA: Because.\n\nAnd more.\nQ: Then?\nA: Then this.\n")
        let mapping = SpeakerMapping(participant: "anna@x.org")
        var problems = ProblemList(file: "x")
        let roles = try #require(mapping.roles(for: t, problems: &problems))
        #expect(roles == ["Q": .interviewer, "A": .participant("anna@x.org")])
        let turns = t.segments(roles: roles, split: .turn).map(\.row)
        #expect(turns.map(\.id) == ["interview-3-001", "interview-3-002"])
        #expect(turns.map(\.text) == ["Because.\n\nAnd more.", "Then this."])
        #expect(turns.map(\.question) == ["Why?", "Then?"])
        #expect(turns.map(\.source) == ["interview-3.txt:4", "interview-3.txt:8"])
        #expect(turns.allSatisfy { $0.file == "f/interview-3.txt" && $0.participant == "anna@x.org" && $0.seq == nil })
        let paragraphs = t.segments(roles: roles, split: .paragraph).map(\.row)
        #expect(paragraphs.map(\.text) == ["Because.", "And more.", "Then this."])
        #expect(paragraphs.map(\.line) == [4, 6, 8])
    }

    @Test func labelsMatchParticipantsByMapOrIdentifyingValueAndUnmappedOnesStop() throws {
        var mapping = SpeakerMapping(
            participants: [
                ParticipantsFile.Row(
                    line: 2, identifier: "amna@x.org", identifyingValues: ["amna@x.org", "Amna Minhas"], name: nil,
                    attributes: [])
            ])
        try mapping.readMap(
            Array("speaker,participant,file\nChair,interviewer,\nSpeaker 1,bob@x.org,g\n".utf8), file: "m.csv")
        let t = try transcript("Chair: Go.\nAmna Minhas: Yes.\nSpeaker 1: Maybe.\n", file: "g.md")
        var problems = ProblemList(file: "x")
        #expect(
            mapping.roles(for: t, problems: &problems)
                == [
                    "Chair": .interviewer, "Amna Minhas": .participant("amna@x.org"),
                    "Speaker 1": .participant("bob@x.org"),
                ])
        let other = try transcript("Chair: Go.\nSpeaker 1: Maybe.\nSpeaker 2: No.\n", file: "h.md")
        #expect(mapping.roles(for: other, problems: &problems) == nil)
        #expect(
            problems.problems.map(\.description) == [
                "h.md:2:1: speaker 'Speaker 1' is not mapped to a participant or the interviewer; speakers in this file: "
                    + "'Chair', 'Speaker 1', 'Speaker 2'; map it with --speakers MAP.csv (speaker,participant), or use "
                    + "the participant's name as in the participants file"
            ])
        #expect(Set(mapping.identifiers) == ["bob@x.org"])
    }

    @Test func oneParticipantPerFileNeedsOneUnknownSpeaker() throws {
        let t = try transcript("Interviewer: Hi.\nAnna: Hello.\nBen: Hi all.\n")
        var problems = ProblemList(file: "x")
        #expect(SpeakerMapping(participant: "p1").roles(for: t, problems: &problems) == nil)
        #expect(
            problems.problems.first?.message.contains("--participant names one participant, but 2 speakers") == true)
    }

    @Test func aSpeakerMapWithoutItsColumnsIsRefused() {
        var mapping = SpeakerMapping()
        #expect(throws: ImportFailure.self) { try mapping.readMap(Array("name,who\na,b\n".utf8), file: "m.csv") }
    }

    @Test func rowsComeFileByFileAndProblemsNameTheirFile() throws {
        let files = [
            "a/one.txt": "Q: Why?\nA: Because.\n",
            "b/two.vtt":
                "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Q>When?\n\n00:00:02.000 --> 00:00:03.000\n<v A>Now.\n",
            "c/one.md": "Q: Again?\nA: Yes.\n",
        ]
        var rows = TranscriptRows(
            paths: ["a/one.txt", "b/two.vtt", "c/one.md"], mapping: SpeakerMapping(participant: "p1"), preview: 1
        ) { Array(files[$0]!.utf8) }
        var problems = ProblemList(file: "transcripts")
        var ids: [String] = []
        while let row = try rows.next(problems: &problems) { ids.append(row.id! + " " + row.source!) }
        #expect(ids == ["one-001 one.txt:2", "two-001 two.vtt 00:00:02"])
        #expect(
            problems.problems.map(\.description) == [
                "c/one.md:1:1: a/one.txt has the same name before its extension; statement ids (one-001) would clash: "
                    + "rename one of them"
            ])
        #expect(rows.preview.map(\.speaker) == ["A"])
        #expect(rows.filesRead == 2)
    }
}
