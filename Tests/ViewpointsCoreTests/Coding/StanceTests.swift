import Testing
import ViewpointsCore

@Suite struct StanceTests {
    @Test(arguments: [
        ("-2", -2), ("-1", -1), ("0", 0), ("1", 1), ("+1", 1), ("2", 2), ("+2", 2), (" 1 ", 1), ("-0", 0),
    ])
    func readsIntegersFromFiles(_ text: String, _ value: Int) {
        #expect(Stance(file: text)?.value == value)
    }

    @Test(arguments: ["3", "-3", "", "+", "++", "support", "1.0", "01", "+-1", "2x"])
    func refusesAnythingElseInFiles(_ text: String) {
        #expect(Stance(file: text) == nil)
    }

    @Test(arguments: [
        ("strongly-oppose", -2), ("oppose", -1), ("neutral", 0), ("support", 1), ("Strongly-Support", 2),
        ("--", -2), ("-", -1), ("0", 0), ("+", 1), ("++", 2), ("+1", 1), ("-2", -2),
    ])
    func readsWordsAndSymbolsOnCommandLines(_ text: String, _ value: Int) {
        #expect(Stance(argument: text)?.value == value)
    }

    @Test(arguments: ["", "+++", "---", "strong", "3", "+-"])
    func refusesUnknownArguments(_ text: String) {
        #expect(Stance(argument: text) == nil)
    }

    @Test func wordsAndSymbolsRoundTrip() {
        for stance in Stance.all {
            #expect(Stance(argument: stance.word) == stance)
            #expect(Stance(file: stance.description) == stance)
            if stance != .neutral { #expect(Stance(argument: stance.symbol) == stance) }
        }
    }
}
