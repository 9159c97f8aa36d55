import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

/// `viewpoints import transcripts`, run as a user runs it: speakers mapped to participants, statements with
/// stable ids, refusals that name FILE:LINE and write nothing, idempotent re-imports and dry runs.
@Suite(.database)
struct TranscriptCommandTests {
    let db: TestDatabase
    let files = TestFiles()
    let binary: ViewpointsBinary

    init() throws {
        db = try TestDatabase()
        binary = try ViewpointsBinary()
    }

    func run(_ arguments: [String]) throws -> ViewpointsBinary.Output {
        try binary.run(arguments, environment: ["DATABASE_URL": db.url, "VIEWPOINTS_HOME": db.home, "NO_COLOR": "1"])
    }

    static func fixtures(filePath: String = #filePath) -> String {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/transcripts").path
    }

    /// A study with three participants; returns the participants file.
    func study() throws -> String {
        #expect(try run(["study", "create", "t"]).status == 0)
        let participants = files.write(
            "participants.csv",
            "participant,name\nayesha@x.org,Ayesha Khan\nadnan@x.org,Adnan Jatoi\namna@x.org,Amna Minhas\n")
        let imported = try run(["import", "participants", participants])
        #expect(imported.status == 0, "\(imported)")
        return participants
    }

    @Test func speakersNamedInTheParticipantsFileBecomeStatementsWithQuestionsAndSources() throws {
        let participants = try study()
        let folder = Self.fixtures()
        let result = try run([
            "import", "transcripts", folder + "/interview-05.txt", folder + "/focus-group.md",
            folder + "/interview-07.vtt", "--participants", participants,
        ])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("statements: 7 new, 0 unchanged, 0 changed, 0 not in file (kept)"), "\(result)")
        #expect(result.stdout.contains("transcripts: 3 files read; left out: 2 headings and rules, 1 notes and styles"))
        #expect(result.stderr.contains("interview-07.vtt:17:1: this cue starts while the previous cue runs"))
        let rows = try db.rows(
            """
            SELECT s.external_id, p.pseudonym, s.seq::text, s.question, s.source, s.text FROM statements s
              JOIN participants p USING (study_id, participant_id) ORDER BY s.statement_id
            """)
        #expect(
            rows.map { $0[0]! } == [
                "interview-05-001", "interview-05-002", "focus-group-001", "focus-group-002", "focus-group-003",
                "interview-07-001", "interview-07-002",
            ])
        #expect(rows[0][3] == "How would you describe relations today?")
        #expect(rows[0][4] == "interview-05.txt:5")
        #expect(rows[1][4] == "interview-05.txt:11")
        #expect(rows[5][4] == "interview-07.vtt 00:00:04")
        #expect(rows[0][5]?.contains("ayesha.khan@example.org") == false, "the e-mail address is redacted")
        #expect(rows[3][5] == "I disagree with [P\(rows[2][1]!.dropFirst())] on that.\n\nIt is about trade too.")
        // seq follows the transcripts, per participant
        #expect(rows.filter { $0[1] == rows[0][1] }.map { $0[2]! } == ["1", "2", "3", "4"])

        let again = try run([
            "import", "transcripts", folder + "/interview-05.txt", folder + "/focus-group.md",
            folder + "/interview-07.vtt", "--participants", participants,
        ])
        #expect(again.stdout.contains("statements: 0 new, 7 unchanged, 0 changed"), "\(again)")
    }

    @Test func anUnmappedSpeakerStopsWithItsPlaceAndTheLabelsAndWritesNothing() throws {
        let participants = try study()
        let good = files.write("one.txt", "Interviewer: Hi.\nAyesha Khan: Hello.\n")
        let bad = files.write("two.txt", "Interviewer: Hi.\n\nAdnan Jatoi: Yes.\n\nSpeaker 3: No.\n")
        let before = try db.snapshot()
        let result = try run(["import", "transcripts", good, bad, "--participants", participants])
        #expect(result.status == 65, "\(result)")
        #expect(
            result.stderr.contains(
                "\(bad):5:1: speaker 'Speaker 3' is not mapped to a participant or the interviewer; speakers in this "
                    + "file: 'Interviewer', 'Adnan Jatoi', 'Speaker 3'"), "\(result)")
        #expect(result.stderr.contains("nothing was imported"))
        #expect(try db.snapshot() == before)

        let map = files.write("map.csv", "speaker,participant,file\nSpeaker 3,amna@x.org,two\n")
        let mapped = try run(["import", "transcripts", good, bad, "--participants", participants, "--speakers", map])
        #expect(mapped.status == 0, "\(mapped)")
        #expect(mapped.stdout.contains("statements: 3 new"), "\(mapped)")
    }

    @Test func aDryRunShowsSegmentsAndWritesNothing() throws {
        _ = try study()
        let interview = Self.fixtures() + "/interview-08.srt"
        let before = try db.snapshot()
        let result = try run([
            "import", "transcripts", interview, "--participant", "ayesha@x.org", "--dry-run", "--show-segments", "5",
            "--split", "paragraph",
        ])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("interview-08.srt:7 interview-08-001 Ayesha Khan → P"), "\(result)")
        #expect(result.stdout.contains("[dry run: nothing written]"))
        #expect(try db.snapshot() == before)
        let hostile = files.write("esc.txt", "Q: hi\nA: red \u{1B}[31mtext\u{1B}[0m\n")
        let shown = try run([
            "import", "transcripts", hostile, "--participant", "ayesha@x.org", "--dry-run", "--show-segments", "1",
        ])
        #expect(shown.stdout.contains("red \\u{1B}[31mtext"), "\(shown)")
        #expect(!shown.stdout.contains("\u{1B}"))
        let missing = try run(["import", "transcripts", files.folder + "/nope.vtt"])
        #expect(missing.status == 66, "\(missing)")
    }
}

extension TranscriptCommandTests {
    @Test func aWordDocumentImportsWithItsBoldSpeaker() throws {
        let participants = try study()
        let result = try run([
            "import", "transcripts", Self.fixtures() + "/interview-09.docx", "--participants", participants,
        ])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("statements: 1 new"), "\(result)")
        #expect(result.stdout.contains("1 comments"))
        let text = try db.scalar("SELECT text FROM statements")
        #expect(text == "“Very little,” I said. Then we waited.\n\nIt was not easy\t😀 for anyone.")
        #expect(try db.scalar("SELECT source FROM statements") == "interview-09.docx:3")
    }

    @Test func hostileFilesAreRefusedWithSixtyFiveAndNothingWritten() throws {
        let participants = try study()
        let folder = Self.fixtures()
        let before = try db.snapshot()
        let invalid = files.write("bad.txt", bytes: Array("Q: hi\nA: caf".utf8) + [0xE9])
        let huge = files.write("huge.txt", "Q: hi\nA: " + String(repeating: "blah ", count: 500_000) + "\n")
        for (path, message) in [
            (folder + "/hostile-bomb.docx", "inflates to over 64 MB"),
            (folder + "/hostile-lying-bomb.docx", "word/document.xml"),
            (folder + "/hostile-truncated.docx", "not a readable .docx"),
            (folder + "/hostile-entities.docx", "declares a DTD"),
            (folder + "/hostile-external-entity.docx", "declares a DTD"),
            (invalid, "not valid UTF-8"),
            (huge, "paragraphs over 1 MB are refused"),
        ] {
            let result = try run([
                "import", "transcripts", path, "--participants", participants, "--participant", "amna@x.org",
            ])
            #expect(result.status == 65, "\(path): \(result)")
            #expect(result.stderr.contains(path + ":1:1: ") || result.stderr.contains(path + ":2:"), "\(result)")
            #expect(result.stderr.contains(message), "\(path): \(result)")
        }
        #expect(try db.snapshot() == before)
    }
}

extension TranscriptCommandTests {
    @Test func theSampleTranscriptsImportAfterTheSampleStatementsAndCountLikeAnyOther() throws {
        let sample = Repository.path("Samples/ipr-2018")
        let participants = sample + "/participants.csv"
        #expect(try run(["study", "create", "ipr-2018"]).status == 0)
        #expect(try run(["import", "participants", participants]).status == 0)
        #expect(
            try run(["import", "statements", sample + "/statements.csv", "--participants", participants]).status == 0)
        let stored = try db.scalar("SELECT count(*) FROM statements")
        let result = try run(["import", "transcripts", sample + "/transcripts", "--participants", participants])
        #expect(result.status == 0, "\(result)")
        #expect(
            result.stdout.contains("statements: 8 new, 0 unchanged, 0 changed, 599 not in file (kept)"), "\(result)")
        #expect(result.stdout.contains("transcripts: 3 files read; left out: 1 comments, 1 headers and footers"))
        #expect(Int(try db.scalar("SELECT count(*) FROM statements") ?? "")! == Int(stored ?? "")! + 8)
        // new statements number on after the participant's stored ones
        let adnan = try db.rows(
            """
            SELECT s.seq::text, coalesce(s.external_id, '') FROM statements s
             WHERE s.participant_id = (SELECT participant_id FROM statements WHERE external_id = 'interview-01-001')
             ORDER BY s.seq DESC LIMIT 3
            """)
        #expect(adnan.map { $0[1]! }.prefix(2) == ["interview-01-002", "interview-01-001"])
        #expect(adnan.count == 3 && Int(adnan[0][0]!)! == Int(adnan[2][0]!)! + 2, "\(adnan)")
        let text = try db.scalar("SELECT text FROM statements WHERE external_id = 'interview-02-002'") ?? ""
        #expect(text.contains("[P03]") || text.contains("[EMAIL]") || !text.contains("a.khattak@"), "\(text)")
        let again = try run(["import", "transcripts", sample + "/transcripts", "--participants", participants])
        #expect(again.stdout.contains("statements: 0 new, 8 unchanged, 0 changed"), "\(again)")
        let coded = try run(["progress"])
        #expect(coded.status == 0, "\(coded)")
    }
}
