/// Derives the name parts a redactor matches from the words of a participant's name.
enum NameParts {
    /// Fewest letters a name part needs; shorter parts (`Al`, `M.`) are ignored, except two-letter parts in a cased
    /// script (`Li`, `Wu`, `Ng`), which are guarded, and parts in Han, kana or Hangul (`李伟`).
    static let minimumLetters = 3

    /// One key derived from a name.
    struct Part: Equatable {
        var text: String
        /// Matched only when it looks like a name (see `RedactionTrie.Payload.guarded`).
        var guarded: Bool
    }

    /// The words of `parts` with edge punctuation trimmed, plus the components of hyphenated or apostrophised
    /// words (`Al-Hassan` gives `Al-Hassan` and `Hassan`; `O'Brien` gives `O'Brien` and `Brien`), their
    /// transliterations and run-together spellings (`Mueller`, `OBrien`), and the name run together in the
    /// ways handles are made (`AyeshaKhan`, `KhanAyesha`, `AKhan`).
    static func expand(_ parts: [String]) -> [Part] {
        var result: [Part] = []
        var words: [String] = []
        func add(_ text: String, _ letters: Int, cjk: Bool) {
            let folded = NameFold.fold(text)
            let common = commonWords.contains(folded)
            if cjk {
                if letters >= 2 { result.append(Part(text: text, guarded: false)) }
            } else if letters >= minimumLetters {
                result.append(Part(text: text, guarded: common))
                for variant in NameFold.variants(of: text) { result.append(Part(text: variant, guarded: common)) }
            } else if letters == 2 && isCased(text) && !particles.contains(folded) {
                result.append(Part(text: text, guarded: true))
            }
        }
        for part in parts {
            for word in part.unicodeScalars.split(whereSeparator: { $0.properties.isWhitespace }) {
                let whole = trimmed(Substring.UnicodeScalarView(word))
                guard !whole.isEmpty else { continue }
                let cjk = whole.contains { ScalarClass.isSingleScalarWord($0.value) }
                add(String(whole), letterCount(whole), cjk: cjk)
                if letterCount(whole) >= 1 && !cjk { words.append(String(whole)) }
                let components = whole.split(whereSeparator: isJoiner)
                guard components.count > 1 else { continue }
                for component in components {
                    let piece = trimmed(component)
                    if letterCount(piece) >= minimumLetters { add(String(piece), letterCount(piece), cjk: cjk) }
                }
            }
        }
        result += runTogether(words)
        return result
    }

    /// The name's words joined as handles and profile names join them: all words, first and last, last and
    /// first, first initial and last (`ayeshakhan`, `khanayesha`, `akhan`); only spellings of 5+ letters.
    static func runTogether(_ words: [String]) -> [Part] {
        let folded = words.map { NameFold.fold($0).unicodeScalars.filter { ScalarClass.isWord($0.value) } }
            .map { String(String.UnicodeScalarView($0)) }.filter { !$0.isEmpty }
        guard folded.count >= 2, let first = folded.first, let last = folded.last else { return [] }
        var spellings = [folded.joined(), first + last, last + first]
        if last.unicodeScalars.count >= minimumLetters, let initial = first.unicodeScalars.first {
            spellings.append(String(initial) + last)
        }
        var seen = Set<String>()
        return spellings.filter { $0.unicodeScalars.count >= 5 && seen.insert($0).inserted }.map {
            Part(text: $0, guarded: false)
        }
    }

    /// Words that are ordinary English words as well as given or family names: matched only when capitalised.
    static let commonWords: Set<String> = [
        "will", "may", "june", "april", "august", "mark", "bill", "rose", "grace", "hope", "faith", "joy", "dawn",
        "sue", "pat", "art", "jack", "frank", "rich", "max", "sunny", "summer", "ray", "guy", "don", "gene", "lane",
        "hunter", "king", "young", "brown", "white", "black", "green", "long", "hill", "wood", "stone", "bell",
        "park", "baker", "cook", "little", "price", "bond", "cross", "law", "rice", "power", "bird", "fox", "wolf",
        "sharp", "strong", "love", "ward", "chance", "major", "best", "church", "wise", "noble", "free", "early",
        "day", "moody", "carter", "mason", "miller", "smith", "page", "head", "short", "field", "dean", "rock",
        "amber", "ruby", "pearl", "iris", "ivy", "holly", "violet", "chase", "reed", "gray", "grey", "sterling",
        "can", "van", "son", "man", "sun", "ash", "bay", "han", "kim", "lee", "sang", "mai", "nam", "hoang",
    ]

    /// Two-letter particles that are parts of names but not names (`al`, `de`, `ul`).
    static let particles: Set<String> = [
        "al", "el", "de", "da", "di", "du", "la", "le", "ul", "ur", "ud", "bt", "bn", "mc", "st", "ap", "ab", "te",
        "op", "zu", "af", "av", "y",
    ]

    private static func isCased(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.changesWhenUppercased || $0.properties.changesWhenLowercased }
    }

    private static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x2010, 0x2011, 0x27, 0x2018, 0x2019, 0x02BC: return true
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
