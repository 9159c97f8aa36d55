import Foundation
import Testing
import ViewpointsCore

struct JSONTextTests {
    /// Every awkward string reads back as itself through Foundation's JSON parser.
    @Test(arguments: [
        "", "plain", "say \"no\"", "back\\slash", "line\nfeed\r\ttab", "\u{01}\u{1F}", "İsmail 🙂", "</script>",
    ])
    func readsBackAsItself(_ text: String) throws {
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(JSONText.quoted(text))]".utf8)) as? [String]
        #expect(parsed == [text])
    }

    @Test func controlCharactersAreEscapedNotWritten() {
        #expect(JSONText.quoted("a\u{01}b\n") == "\"a\\u0001b\\n\"")
    }
}
