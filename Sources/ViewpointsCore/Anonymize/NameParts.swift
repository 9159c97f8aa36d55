/// Derives the name parts a redactor matches from the words of a participant's name.
enum NameParts {
    /// Fewest letters a name part needs; shorter parts (`Al`, `M.`) are ignored.
    static let minimumLetters = 3

    /// The words of `parts` with edge punctuation trimmed, plus the components of hyphenated or apostrophised
    /// words (`Al-Hassan` gives `Al-Hassan` and `Hassan`; `O'Brien` gives `O'Brien` and `Brien`), keeping only
    /// those of 3+ letters.
    static func expand(_ parts: [String]) -> [String] {
        var result: [String] = []
        for part in parts {
            for word in part.unicodeScalars.split(whereSeparator: { $0.properties.isWhitespace }) {
                let whole = trimmed(Substring.UnicodeScalarView(word))
                guard !whole.isEmpty else { continue }
                if letterCount(whole) >= minimumLetters { result.append(String(whole)) }
                let components = whole.split(whereSeparator: isJoiner)
                guard components.count > 1 else { continue }
                for component in components {
                    let piece = trimmed(component)
                    if letterCount(piece) >= minimumLetters { result.append(String(piece)) }
                }
            }
        }
        return result
    }

    private static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x2010, 0x2011, 0x27, 0x2018, 0x2019: return true
        default: return false
        }
    }

    private static func trimmed(_ word: Substring.UnicodeScalarView) -> Substring.UnicodeScalarView {
        var view = word
        while let first = view.first, !ScalarClass.isWord(first.value) { view.removeFirst() }
        while let last = view.last, !ScalarClass.isWord(last.value) { view.removeLast() }
        return view
    }

    private static func letterCount(_ word: Substring.UnicodeScalarView) -> Int {
        word.reduce(0) { $0 + (ScalarClass.isLetter($1) ? 1 : 0) }
    }
}
