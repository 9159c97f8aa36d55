import Foundation

/// Code keys made from the names other programs give codes: transliterated to Latin letters, without diacritics,
/// lower case, other characters as single hyphens (`Économie & Ärger` → `economie-arger`, `Политика` → `politika`).
enum QDAKey {
    /// Letters that lose more than a diacritic on the way to ASCII.
    static let replacements: [Character: String] = [
        "ß": "ss", "ẞ": "ss", "Æ": "ae", "æ": "ae", "Œ": "oe", "œ": "oe", "Ø": "o", "ø": "o", "Ł": "l", "ł": "l",
        "Đ": "d", "đ": "d", "Þ": "th", "þ": "th", "ı": "i", "Ð": "d", "ð": "d",
    ]

    /// One word of a key (`[a-z0-9]+(-[a-z0-9]+)*`) made from `name`, at most `limit` characters, or "" when nothing
    /// usable is left (a name of emoji only).
    static func word(_ name: String, limit: Int = 60) -> String {
        var text = name.precomposedStringWithCompatibilityMapping
        text = String(text.flatMap { replacements[$0] ?? String($0) })
        text = text.applyingTransform(.toLatin, reverse: false) ?? text
        text = text.applyingTransform(.stripDiacritics, reverse: false) ?? text
        text = String(text.flatMap { replacements[$0] ?? String($0) })
        var word = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else if !word.isEmpty, !word.hasSuffix("-") {
                word += "-"
            }
        }
        if word.hasSuffix("-") { word.removeLast() }
        if word.count > limit {
            word = String(word.prefix(limit))
            if let cut = word.lastIndex(of: "-") { word = String(word[..<cut]) }
        }
        return word
    }

    /// A theme key from `name`: a word that starts with a letter (`code-…` otherwise, `code` for nothing usable).
    static func theme(_ name: String) -> String {
        let word = word(name)
        guard let first = word.unicodeScalars.first, ("a"..."z").contains(first) else {
            return word.isEmpty ? "code" : "code-" + word
        }
        return word
    }

    /// The proposition part of a key (`code` for nothing usable).
    static func proposition(_ name: String) -> String {
        let word = word(name)
        return word.isEmpty ? "code" : word
    }

    /// `base`, or `base-2`, `base-3` … whichever `taken` does not hold yet.
    static func unique(_ base: String, _ taken: Set<String>) -> String {
        guard taken.contains(base) else { return base }
        var n = 2
        while taken.contains("\(base)-\(n)") { n += 1 }
        return "\(base)-\(n)"
    }
}
