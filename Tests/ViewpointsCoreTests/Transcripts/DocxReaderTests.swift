import Foundation
import Testing

@testable import ViewpointsCore

/// Word documents written by Tests/Fixtures/transcripts/make-docx.py (synthetic), and hostile ones refused.
@Suite struct DocxReaderTests {
    @Test func paragraphsInOrderWithWordsConventions() throws {
        let transcript = try TranscriptReaderTests.read("interview-09.docx")
        #expect(transcript.turns.map(\.speaker) == ["Interviewer", "Adnan Jatoi", "Interviewer"])
        #expect(transcript.turns[0].text == "What did the negotiations achieve?")
        #expect(
            transcript.turns[1].paragraphs.map(\.text) == [
                "“Very little,” I said. Then we waited.", "It was not easy\t😀 for anyone.",
            ])
        #expect(transcript.turns[1].paragraphs.map(\.line) == [3, 4])
        #expect(
            transcript.leftOut == [
                "paragraphs before the first speaker": 1, "comments": 1, "tracked deletions": 1,
                "headers and footers": 2, "footnotes": 1,
            ])
    }

    @Test(arguments: [
        ("hostile-bomb.docx", "word/document.xml inflates to over 64 MB"),
        ("hostile-lying-bomb.docx", "word/document.xml"),
        ("hostile-truncated.docx", "not a readable .docx"),
        ("hostile-entities.docx", "word/document.xml declares a DTD (<!DOCTYPE)"),
        ("hostile-external-entity.docx", "word/document.xml declares a DTD (<!DOCTYPE)"),
    ])
    func hostileDocumentsAreRefused(name: String, message: String) throws {
        let (path, bytes) = try TranscriptReaderTests.fixture(name)
        let problems = TranscriptReaderTests.problems(path, bytes)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("1:1: " + message) == true, "\(problems)")
    }

    @Test func notAZipAtAll() {
        #expect(
            TranscriptReaderTests.problems("x.docx", Array("Q: hello\n".utf8)).first?.contains("not a readable .docx")
                == true)
    }
}
