import Testing
import ViewpointsCore

@Suite struct QuoteSelectionTests {
    static func quote(_ statement: String, _ pseudonym: String, _ stance: Int, _ text: String) -> ReportQuote {
        ReportQuote(
            code: "c", statement: statement, pseudonym: pseudonym,
            participantNumber: Int(pseudonym.dropFirst()) ?? 0, stance: stance, text: text)
    }

    @Test func strongestFirstThenShorterFromDifferentParticipantsOnTheMajoritySide() {
        let candidates = [
            QuoteSelectionTests.quote("S1", "P01", 1, "short"),
            QuoteSelectionTests.quote("S2", "P02", 2, "a longer strong statement"),
            QuoteSelectionTests.quote("S3", "P03", 2, "strong and short"),
            QuoteSelectionTests.quote("S4", "P03", 2, "strong, short"),
            QuoteSelectionTests.quote("S5", "P04", -2, "x"),
        ]
        let chosen = QuoteSelection.choose(candidates, side: .support, limit: 3)
        #expect(chosen.map(\.statement) == ["S4", "S2", "S1"])
        #expect(QuoteSelection.choose(candidates, side: .oppose, limit: 3).map(\.statement) == ["S5"])
        #expect(QuoteSelection.choose(candidates.reversed(), side: .support, limit: 3) == chosen)
    }

    @Test func longTextsAreCutAtTheSentenceNearest300Characters() {
        let sentence = String(repeating: "word ", count: 19) + "end."  // 99 characters
        let text = [sentence, sentence, sentence, sentence, sentence].joined(separator: " ")
        let excerpt = QuoteSelection.excerpt(text)
        #expect(excerpt == [sentence, sentence, sentence].joined(separator: " ") + " …")
        #expect(QuoteSelection.excerpt(sentence) == sentence)
        let endless = String(repeating: "word ", count: 120)
        let cut = QuoteSelection.excerpt(endless)
        #expect(cut.hasSuffix("word …") && cut.count <= 302)
    }
}
