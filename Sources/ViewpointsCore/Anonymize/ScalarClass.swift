/// Character classes and UTF-8 decoding shared by the redaction scanners.
///
/// A word character is a letter, a decimal digit or a combining mark; a word boundary is where a word character
/// meets anything else. All positions are byte offsets into valid UTF-8.
enum ScalarClass {
    static let space: UInt8 = 0x20
    static let hyphen: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let plus: UInt8 = 0x2B
    static let openParen: UInt8 = 0x28
    static let closeParen: UInt8 = 0x29
    static let at: UInt8 = 0x40

    @inline(__always)
    static func isASCIIDigit(_ b: UInt8) -> Bool {
        (b &- 0x30) < 10
    }

    @inline(__always)
    static func isASCIILetter(_ b: UInt8) -> Bool {
        ((b | 0x20) &- 0x61) < 26
    }

    @inline(__always)
    static func isASCIIAlnum(_ b: UInt8) -> Bool {
        (b &- 0x30) < 10 || ((b | 0x20) &- 0x61) < 26
    }

    @inline(__always)
    static func isASCIIWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || (b >= 0x09 && b <= 0x0D)
    }

    /// Whether a scalar is a letter, decimal digit or combining mark.
    static func isWord(_ v: UInt32) -> Bool {
        if v < 0x80 { return isASCIIAlnum(UInt8(v)) }
        guard let scalar = Unicode.Scalar(v) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
            return true
        default:
            return false
        }
    }

    /// Whether a scalar is a word of its own: Han ideographs and kana (scripts written without spaces between
    /// words) and Hangul syllables (whose particles attach to names), so a name in them is matched as a sequence.
    @inline(__always)
    static func isSingleScalarWord(_ v: UInt32) -> Bool {
        switch v {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x3134F:
            return true
        default:
            return false
        }
    }

    /// Whether a non-ASCII scalar is default-ignorable (soft hyphen, zero-width space and joiners, word joiner,
    /// variation selectors, BOM): invisible, so inside a word it is skipped, not a boundary.
    @inline(__always)
    static func isIgnorable(_ v: UInt32) -> Bool {
        guard v >= 0x80, let scalar = Unicode.Scalar(v) else { return false }
        return scalar.properties.isDefaultIgnorableCodePoint
    }

    /// Whether a scalar is a decimal digit of any script (`٣`, `۳`, `３`), with its value.
    @inline(__always)
    static func decimalValue(_ v: UInt32) -> Int? {
        if v < 0x80 { return (v &- 0x30) < 10 ? Int(v &- 0x30) : nil }
        guard let scalar = Unicode.Scalar(v), scalar.properties.numericType == .decimal,
            let value = scalar.properties.numericValue
        else { return nil }
        return Int(value)
    }

    /// Whether a scalar is a letter (any script).
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return false
        }
    }

    /// Whether a scalar is Unicode white space.
    static func isWhitespace(_ v: UInt32) -> Bool {
        if v < 0x80 { return isASCIIWhitespace(UInt8(v)) }
        return Unicode.Scalar(v)?.properties.isWhitespace ?? false
    }

    /// The token key of a punctuation scalar: curly apostrophes fold to `'`, Unicode hyphens to `-`.
    static func punctuationKey(_ v: UInt32) -> String {
        switch v {
        case 0x2018, 0x2019: return "'"
        case 0x2010, 0x2011: return "-"
        case 0x02BC: return "'"
        default: return String(Unicode.Scalar(v).map(Character.init) ?? "\u{FFFD}")
        }
    }

    /// Decodes the scalar starting at byte `i`; returns its value and length in bytes.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (value: UInt32, length: Int) {
        let b0 = p[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        let n = p.count
        if b0 < 0xE0 {
            guard i + 1 < n else { return (0xFFFD, 1) }
            return ((UInt32(b0 & 0x1F) << 6) | UInt32(p[i + 1] & 0x3F), 2)
        }
        if b0 < 0xF0 {
            guard i + 2 < n else { return (0xFFFD, 1) }
            let v = (UInt32(b0 & 0x0F) << 12) | (UInt32(p[i + 1] & 0x3F) << 6) | UInt32(p[i + 2] & 0x3F)
            return (v, 3)
        }
        guard i + 3 < n else { return (0xFFFD, 1) }
        let v =
            (UInt32(b0 & 0x07) << 18) | (UInt32(p[i + 1] & 0x3F) << 12) | (UInt32(p[i + 2] & 0x3F) << 6)
            | UInt32(p[i + 3] & 0x3F)
        return (v, 4)
    }

    /// The start of the scalar that ends just before byte `i` (`i > 0`).
    @inline(__always)
    static func scalarStart(before i: Int, in p: UnsafeBufferPointer<UInt8>) -> Int {
        var k = i - 1
        while k > 0 && (p[k] & 0xC0) == 0x80 { k -= 1 }
        return k
    }

    /// Whether the scalar just before byte `i` is a word character.
    @inline(__always)
    static func isWordBefore(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i > 0 else { return false }
        let b = p[i - 1]
        if b < 0x80 { return isASCIIAlnum(b) }
        return isWord(decode(p, scalarStart(before: i, in: p)).value)
    }

    /// Whether the scalar starting at byte `i` is a word character (`false` at the end).
    @inline(__always)
    static func isWordAt(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i < p.count else { return false }
        let b = p[i]
        if b < 0x80 { return isASCIIAlnum(b) }
        return isWord(decode(p, i).value)
    }
}
