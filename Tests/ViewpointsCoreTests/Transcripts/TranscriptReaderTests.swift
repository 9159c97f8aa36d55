import Foundation
import Testing

@testable import ViewpointsCore

/// The transcript readers on small hand-made files (Tests/Fixtures/transcripts, synthetic): turns, paragraphs,
/// times, what is left out, and refusals at FILE:LINE:COLUMN.
@Suite struct TranscriptReaderTests {
    static func fixture(_ name: String, filePath: String = #filePath) throws -> (path: String, bytes: [UInt8]) {
        let path = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/transcripts/\(name)").path
        let data = try #require(FileManager.default.contents(atPath: path), "fixture \(name) is in the repository")
        return (path, [UInt8](data))
    }

    static func read(_ name: String) throws -> Transcript {
        let (path, bytes) = try fixture(name)
        return try TranscriptFormat(path: path)!.read(bytes, file: path)
    }

    /// The problems reading `text` as `name` gives, as `line:column: message`.
    static func problems(_ name: String, _ bytes: [UInt8]) -> [String] {
        do {
            _ = try TranscriptFormat(path: name)!.read(bytes, file: name)
            return []
        } catch {
            return error.problems.map { "\($0.line):\($0.column): \($0.message)" }
        }
    }

    @Test func plainTextTurnsWithWrappedAndContinuationParagraphs() throws {
        let transcript = try Self.read("interview-05.txt")
        #expect(transcript.turns.map(\.speaker) == ["Interviewer", "Ayesha Khan", "Interviewer", "Ayesha Khan"])
        let ayesha = transcript.turns[1]
        #expect(ayesha.line == 5)
        #expect(
            ayesha.paragraphs.map(\.text) == [
                "They are transactional, and they have been for a long time.",
                "Both sides know it: ayesha.khan@example.org wrote as much in 2016.",
            ])
        #expect(ayesha.paragraphs.map(\.line) == [5, 8])
        #expect(transcript.turns[2].paragraphs[0].time == "00:12:31")
        #expect(transcript.turns[3].paragraphs[0].text == "It comes with conditions.")
        #expect(transcript.leftOut == ["paragraphs before the first speaker": 1])
    }

    @Test func markdownBoldLabelsHeadingsAndALabelOnItsOwnLine() throws {
        let transcript = try Self.read("focus-group.md")
        #expect(
            transcript.turns.map(\.speaker) == ["Moderator", "Adnan Jatoi", "Amna Minhas", "Moderator", "Adnan Jatoi"])
        #expect(transcript.turns[2].text == "I disagree with Adnan on that.\n\nIt is about trade too.")
        #expect(transcript.turns[4].text == "Trade follows security.")
        #expect(transcript.leftOut == ["headings and rules": 2])
    }

    @Test func labelsAreShortCapitalisedWordsBeforeAColonAndASpace() {
        #expect(SpeakerLabel.parse("Q: Why?")?.speaker == "Q")
        #expect(SpeakerLabel.parse("  Speaker 2: yes")?.column == 3)
        #expect(SpeakerLabel.parse("**Dr. Amna Minhas:** yes")?.speaker == "Dr. Amna Minhas")
        #expect(SpeakerLabel.parse("(01:02) P07: yes")?.time == "00:01:02")
        #expect(SpeakerLabel.parse("The point is this: we waited") == nil)
        #expect(SpeakerLabel.parse("See https://example.org") == nil)
        #expect(SpeakerLabel.parse("Ratio 3:1 was agreed") == nil)
        #expect(SpeakerLabel.parse("**Bold text** and then: more") == nil)
    }

    @Test func webVTTVoicesMergeConsecutiveCuesAndKeepTimes() throws {
        let transcript = try Self.read("interview-07.vtt")
        #expect(transcript.turns.map(\.speaker) == ["Interviewer", "Ayesha Khan", "Interviewer", "Ayesha Khan"])
        #expect(transcript.turns[1].text == "They were long & hard. Nobody really expected a deal.")
        #expect(transcript.turns[1].paragraphs[0].time == "00:00:04")
        #expect(transcript.turns[1].line == 11)
        #expect(transcript.turns[3].paragraphs[0].time == "00:12:31")
        #expect(transcript.leftOut == ["notes and styles": 1])
        #expect(transcript.warnings.map(\.line) == [17])
        #expect(transcript.warnings.first?.message.contains("while the previous cue runs") == true)
    }

    @Test func srtLabelsInCueTextWithCRLFLines() throws {
        let transcript = try Self.read("interview-08.srt")
        #expect(transcript.turns.map(\.speaker) == ["Interviewer", "Ayesha Khan"])
        #expect(transcript.turns[1].text == "Everything. The raid was the turning point.")
        #expect(transcript.turns[1].paragraphs[0].time == "00:00:03")
        #expect(transcript.turns[1].line == 7)
    }

    @Test func aVTTWithoutHeaderOrWithReversedTimes() throws {
        #expect(
            Self.problems("x.vtt", Array("00:00:01.000 --> 00:00:02.000\nA: b\n".utf8)) == [
                "1:1: a WebVTT file starts with the line WEBVTT; is this a .vtt file?"
            ])
        let reversed = try TranscriptFormat.webVTT.read(
            Array("WEBVTT\n\n00:00:05.000 --> 00:00:02.000\n<v A>b\n".utf8), file: "r.vtt")
        #expect(
            reversed.warnings.map(\.description) == [
                "r.vtt:3:1: this cue ends (00:00:02) before it starts; times kept as written"
            ])
    }

    @Test func badEncodingsAreRefusedAtTheirPlace() {
        #expect(
            Self.problems("a.txt", Array("A: fine\nB: caf".utf8) + [0xE9, 0x20, 0x21]) == [
                "2:7: the file is not valid UTF-8 (byte 0xE9); save it as UTF-8 and import it again"
            ])
        #expect(
            Self.problems("n.txt", Array("A: x\u{0}y".utf8)).first?.hasPrefix("1:5: the file contains a NUL") == true)
        let loneSurrogate: [UInt8] = [0xFF, 0xFE, 0x41, 0x00, 0x3A, 0x00, 0x20, 0x00, 0x00, 0xD8, 0x41, 0x00]
        #expect(
            Self.problems("u.txt", loneSurrogate) == [
                "1:4: the file is not valid UTF-16 (a lone surrogate); save it as UTF-8"
            ])
        #expect(Self.problems("o.txt", [0xFE, 0xFF, 0x00]).first?.contains("odd number of bytes") == true)
    }

    /// The first ill-formed UTF-8 sequence is found at its first byte, whatever makes it ill-formed.
    @Test(
        arguments: [
            ([0x61, 0xC0, 0x80], 1),  // overlong two-byte form
            ([0x61, 0xE0, 0x80, 0x80], 1),  // overlong three-byte form
            ([0xED, 0xA0, 0x80], 0),  // a surrogate
            ([0x61, 0x62, 0xF4, 0x90, 0x80, 0x80], 2),  // past U+10FFFF
            ([0xC3, 0xA9, 0xE2, 0x82], 2),  // cut short
            ([0xC3, 0xA9, 0x80], 2),  // a lone continuation byte
            ([0xF0, 0x9F, 0x98, 0x80, 0xFF], 4),  // a byte that never starts a sequence
        ] as [([UInt8], Int)])
    func firstInvalidUTF8ByteIsFound(bytes: [UInt8], index: Int) {
        #expect(TextDecoding.firstInvalidUTF8(bytes[...]) == index)
        // an offset into the file, as after a byte order mark
        #expect(TextDecoding.firstInvalidUTF8(([0xEF, 0xBB, 0xBF] + bytes).dropFirst(3)) == index + 3)
        #expect(TextDecoding.firstInvalidUTF8(Array("é😀 fine".utf8)[...]) == nil)
    }

    @Test func utf16WithByteOrderMarkAndNonBMPCharacters() throws {
        let text = "Q: Emoji?\r\nA: Yes 🙂 “quoted”\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let transcript = try TranscriptFormat.text.read(bytes, file: "u.txt")
        #expect(transcript.turns.map(\.text) == ["Emoji?", "Yes 🙂 “quoted”"])
    }

    @Test func aHugeParagraphAndAFileWithoutSpeakersAreRefused() {
        let huge = "A: " + String(repeating: "word ", count: 300_000)
        #expect(Self.problems("h.txt", Array(huge.utf8)).first?.hasPrefix("1:1: this paragraph is 1 MB long") == true)
        #expect(
            Self.problems("e.txt", Array("just some notes\nand more\n".utf8)) == [
                "1:1: no speaker labels found; start each turn with a label such as `Interviewer:` or `Ayesha Khan:`"
            ])
    }
}
