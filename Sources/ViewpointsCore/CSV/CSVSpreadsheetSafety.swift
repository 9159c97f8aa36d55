/// Reversible neutralizing of cells that a spreadsheet would run as formulas (CSV injection).
///
/// All checks work on Unicode scalars, so combining marks cannot hide a trigger or an apostrophe.
/// A cell is *triggered* when it starts with TAB or CR, or when its first character after any leading white space
/// (spaces, line breaks, no-break and ideographic spaces, and invisible format characters) is `=`, `+`, `-`, `@`
/// or their full-width forms, and it is not a plain number (`-5`, ` +3.5`).
/// `neutralize` puts an apostrophe before a cell whose text after its leading apostrophes is triggered, and
/// `restore` removes exactly that apostrophe, so `restore(neutralize(s)) == s` for every string.
public enum CSVSpreadsheetSafety {
    /// Whether `s` is a plain decimal number: `^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$` with ASCII digits.
    public static func isNumber<S: StringProtocol>(_ s: S) -> Bool {
        var iterator = s.utf8.makeIterator()
        var next = iterator.next()
        func isDigit(_ b: UInt8?) -> Bool { b.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
        if next == 0x2B || next == 0x2D { next = iterator.next() }
        var integerDigits = 0
        while isDigit(next) {
            integerDigits += 1
            next = iterator.next()
        }
        var fractionDigits = 0
        if next == 0x2E {
            next = iterator.next()
            while isDigit(next) {
                fractionDigits += 1
                next = iterator.next()
            }
        }
        if integerDigits == 0 && fractionDigits == 0 { return false }
        if next == 0x65 || next == 0x45 {
            next = iterator.next()
            if next == 0x2B || next == 0x2D { next = iterator.next() }
            var exponentDigits = 0
            while isDigit(next) {
                exponentDigits += 1
                next = iterator.next()
            }
            if exponentDigits == 0 { return false }
        }
        return next == nil
    }

    /// Whether a spreadsheet would treat `s` as a formula: it starts with a trigger character and is no number.
    public static func triggered<S: StringProtocol>(_ s: S) -> Bool {
        guard let first = s.unicodeScalars.first else { return false }
        if first == "\t" || first == "\r" { return !isNumber(s) }
        let rest = s.unicodeScalars.drop { $0.properties.isWhitespace || $0.properties.isDefaultIgnorableCodePoint }
        guard let lead = rest.first else { return false }
        switch lead {
        case "=", "+", "-", "@", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}":
            return !isNumber(String(String.UnicodeScalarView(rest)))
        default:
            return false
        }
    }

    /// `s` without its leading run of apostrophes.
    public static func stripRun(_ s: String) -> Substring {
        Substring(s.unicodeScalars.drop { $0 == "'" })
    }

    /// Makes a cell safe to open in a spreadsheet by prefixing an apostrophe where needed.
    public static func neutralize(_ s: String) -> String {
        triggered(stripRun(s)) ? "'" + s : s
    }

    /// Undoes `neutralize`.
    public static func restore(_ t: String) -> String {
        t.unicodeScalars.first == "'" && triggered(stripRun(t)) ? String(t.unicodeScalars.dropFirst()) : t
    }
}
