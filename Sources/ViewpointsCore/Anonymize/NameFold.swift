import Foundation

/// The matching form of a word: how the redactor compares a name with the text.
///
/// `fold` gives the *skeleton* of a word: full case folding (`ß` → `ss`, `İ` → `i`), Latin, Greek and Cyrillic
/// diacritics and Arabic vowel marks removed (`Öztürk` → `ozturk`, `Seán` → `sean`), letters without a
/// decomposition mapped to their base (`ø` → `o`, `ł` → `l`, `ı` → `i`, `æ` → `ae`), Arabic-script letter variants
/// and the tatweel unified, default-ignorable characters (soft hyphen, zero-width space and joiners) dropped, and
/// compatibility forms (full-width letters) reduced. An ASCII word's skeleton is its lowercase form, so the
/// scanner's ASCII path needs no folding. `variants` adds the common transliterations of a name (`ü` → `ue`,
/// `ş` → `sh`, …) and the name run together without its hyphens and apostrophes (`O'Brien` → `obrien`).
public enum NameFold {
    /// The skeleton of `word` (a word of letters, digits, marks and default-ignorables).
    public static func fold<S: StringProtocol>(_ word: S) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: word.utf8.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        var out = String.UnicodeScalarView()
        // Scalar by scalar through a table below U+2000 (Latin, Greek, Cyrillic, Arabic, Devanagari, …) and Han
        // as it is; any other word takes the general path.
        let table = Self.table
        for scalar in word.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v | 0x20)! : scalar)
            } else if v < tableLimit {
                for k in Int(table.offsets[Int(v)])..<Int(table.offsets[Int(v) + 1]) {
                    out.append(Unicode.Scalar(table.scalars[k])!)
                }
            } else if (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) {
                out.append(scalar)
            } else if ScalarClass.isIgnorable(v) {
                continue
            } else {
                return slowFold(word)
            }
        }
        return String(out)
    }

    /// Scalars below this have their skeleton in `table`.
    static let tableLimit: UInt32 = 0x2000

    /// The skeleton of every scalar below `tableLimit`, as `slowFold` gives it: the skeleton of scalar v is
    /// `scalars[offsets[v]..<offsets[v + 1]]`.
    static let table: (offsets: [UInt32], scalars: [UInt32]) = {
        var offsets: [UInt32] = [0]
        var scalars: [UInt32] = []
        for v in 0..<tableLimit {
            if v >= 0x80, let scalar = Unicode.Scalar(v) {
                scalars += slowFold(String(scalar)).unicodeScalars.map(\.value)
            }
            offsets.append(UInt32(scalars.count))
        }
        return (offsets, scalars)
    }()

    /// The general path: lowercase, NFKD, then each scalar dropped, mapped or kept.
    static func slowFold<S: StringProtocol>(_ word: S) -> String {
        var out = String.UnicodeScalarView()
        // NFKD splits base letters from their marks and reduces compatibility forms (full-width, ligatures);
        // lowercasing first turns `İ` into `i` + U+0307 and `ẞ` into `ß`.
        let decomposed = String(word).lowercased().decomposedStringWithCompatibilityMapping
        for scalar in decomposed.unicodeScalars {
            appendFolded(scalar, to: &out)
        }
        return String(out)
    }

    private static func appendFolded(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        let v = scalar.value
        if v < 0x80 {
            out.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v | 0x20)! : scalar)
            return
        }
        if isDroppedMark(v) || scalar.properties.isDefaultIgnorableCodePoint { return }
        if let replacement = baseLetters[v] {
            out.append(contentsOf: replacement.unicodeScalars)
            return
        }
        out.append(scalar)
    }

    /// Combining marks that do not change which name is meant: Latin, Greek and Cyrillic diacritics
    /// (U+0300–U+036F and their supplements) and Arabic-script vowel signs and Quranic marks.
    static func isDroppedMark(_ v: UInt32) -> Bool {
        switch v {
        case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F: return true
        case 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E4, 0x06E7, 0x06E8,
            0x06EA...0x06ED:
            return true
        case 0x0640: return true  // tatweel (kashida), a stretching stroke
        default: return false
        }
    }

    /// Letters with no canonical decomposition, and script variants, mapped to the skeleton's letters.
    static let baseLetters: [UInt32: String] = [
        0x00DF: "ss", 0x1E9E: "ss", 0x00F8: "o", 0x00E6: "ae", 0x0153: "oe", 0x0142: "l", 0x0111: "d",
        0x00F0: "d", 0x00FE: "th", 0x0131: "i", 0x0127: "h", 0x0140: "l", 0x017F: "s", 0x0180: "b",
        0x0192: "f", 0x01B6: "z", 0x0167: "t", 0x0138: "q", 0x014B: "ng", 0x0269: "i",
        0x03C2: "σ",  // Greek final sigma
        0x0643: "ک", 0x064A: "ی", 0x0649: "ی", 0x06D2: "ی", 0x0647: "ہ", 0x06BE: "ہ", 0x0629: "ہ",  // Arabic-script
        0x0622: "ا", 0x0623: "ا", 0x0625: "ا", 0x0671: "ا",
    ]

    /// Transliterations people use when they cannot type a letter: each entry's first spelling is in the
    /// skeleton already; the others give extra keys.
    static let transliterations: [Character: [String]] = [
        "ä": ["ae"], "ö": ["oe"], "ü": ["ue"], "ø": ["oe"], "å": ["aa"], "æ": ["a"], "ß": ["s"],
        "ş": ["sh"], "š": ["sh"], "ś": ["sh"], "ș": ["sh"], "ç": ["ch"], "č": ["ch"], "ć": ["ch"],
        "ž": ["zh"], "ź": ["zh"], "ż": ["zh"], "ñ": ["ny", "nh"], "ğ": ["gh"], "đ": ["dj"], "þ": ["th"],
    ]

    /// Most spellings `variants` gives for one name part.
    static let maximumVariants = 16

    /// The spellings of a name part a redactor should know, besides the part itself: its transliterations
    /// (`Müller` → `Mueller`), and, when it has hyphens or apostrophes, the part run together (`O'Brien` →
    /// `OBrien`, `Al-Hassan` → `AlHassan`). The results are folded later; the part itself is not included.
    public static func variants(of part: String) -> [String] {
        var spellings: [String] = [""]
        var transliterated = false
        for character in part.lowercased().precomposedStringWithCanonicalMapping {
            if let alternatives = transliterations[character], spellings.count * 2 <= maximumVariants {
                transliterated = true
                spellings = spellings.flatMap { prefix in
                    ([String(character)] + alternatives).map { prefix + $0 }
                }
            } else {
                spellings = spellings.map { $0 + String(character) }
            }
        }
        var result: [String] = transliterated ? Array(spellings.dropFirst()) : []
        let joiners: Set<Unicode.Scalar> = ["-", "'", "\u{2010}", "\u{2011}", "\u{2018}", "\u{2019}", "\u{02BC}"]
        if part.unicodeScalars.contains(where: { joiners.contains($0) }) {
            for spelling in [part.lowercased()] + result {
                result.append(
                    String(String.UnicodeScalarView(spelling.unicodeScalars.filter { !joiners.contains($0) })))
            }
        }
        return result
    }
}
