/// Finds telephone numbers in UTF-8 text.
///
/// The rule: an optional leading `+` (or full-width `＋`) followed by groups of decimal digits of any script (`0-9`,
/// `٠-٩`, `۰-۹`, `０-９`, …) separated by one separator: a space of any width (also no-break, thin and narrow
/// no-break spaces), a dash of any kind (hyphen, non-breaking hyphen, en and em dash, minus sign, full-width
/// hyphen), a dot, a slash, or a dash or slash with up to two spaces on either side (`0300 - 1234567`). The first
/// group, or the group right after a `+` country code, may be a parenthesised area code of 1–5 digits
/// (`(042) 3575 1234`, `+1 (202) 555-0143`), which may be followed directly by the next group. A match
/// - has at least 9 digits, or 7 with a leading `+` or a parenthesised area code;
/// - is not preceded or followed by a letter or digit, nor preceded by a digit and one of `. , - / :`
///   (so no phone starts inside `3.141592653` or `1990-2000`);
/// - uses a dot or slash only between groups of 2+ digits (`3.5` and `9/11` are never phones);
/// - does not look like a date (`dddd-dd-dd`, `dd-dd-dddd`, also with dots or slashes), a list of years
///   (all groups 4 digits from 1000 to 2099), or a number with thousands separators (a first group of 1–3 digits
///   not starting with 0, then groups of exactly 3 digits, all separated by the same space or dot);
/// - is, when written as a single group without `+` or parentheses, a number starting with 0 (`03001234567`) or
///   one of 11 or more digits (a country code without `+`: `923001234567`) that is no ISBN-13 (`978…`, `979…`),
///   so plain counts like `200000000` stay.
/// Commas and colons never join groups, so `1,000,000` and `10:30` never match.
enum PhoneScanner {
    static let fullWidthPlus: UInt32 = 0xFF0B
    static let slash: UInt8 = 0x2F

    /// The end (exclusive byte offset) of the phone number starting at `start`, or `nil`.
    static func match(in p: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let n = p.count
        guard start < n, !ScalarClass.isWordBefore(p, start) else { return nil }
        if start >= 2 {
            let before = p[start - 1]
            let joiner = before == 0x2E || before == 0x2C || before == 0x2D || before == 0x2F || before == 0x3A
            if joiner && ScalarClass.isASCIIDigit(p[start - 2]) { return nil }
        }
        var shape = PhoneShape()
        var j = start
        let (first, firstLength) = ScalarClass.decode(p, j)
        if first == UInt32(ScalarClass.plus) || first == fullWidthPlus {
            shape.plus = true
            j += firstLength
            guard j < n, digit(p, j) != nil else { return nil }
        }
        var lastWasParen = false
        if p[j] == ScalarClass.openParen {
            guard let group = parenGroup(p, j) else { return nil }
            shape.add(length: group.length, separator: 0, value: group.value, leadingZero: group.leadingZero)
            shape.paren = true
            lastWasParen = true
            j = group.end
        } else if digit(p, j) != nil {
            let group = digitGroup(p, j)
            shape.add(length: group.length, separator: 0, value: group.value, leadingZero: group.leadingZero)
            shape.firstGroupPrefix = group.prefix
            j = group.end
        } else {
            return nil
        }
        j = addGroups(to: &shape, p, from: j, afterParen: lastWasParen)
        if ScalarClass.isWordAt(p, j) { return nil }
        return shape.isPhone ? j : nil
    }

    /// Adds to `shape` the groups after the first, each after a separator (or right after a parenthesised group);
    /// returns where the number ends.
    private static func addGroups(
        to shape: inout PhoneShape, _ p: UnsafeBufferPointer<UInt8>, from start: Int, afterParen: Bool
    ) -> Int {
        let n = p.count
        var j = start
        var lastWasParen = afterParen
        while j < n {
            var separator: UInt8 = 0
            var k = j
            if let found = Self.separator(p, j) {
                separator = found.kind
                k = found.end
            } else if !(lastWasParen && digit(p, j) != nil) {
                break
            }
            guard k < n else { break }
            if digit(p, k) != nil {
                let group = digitGroup(p, k)
                if (separator == ScalarClass.dot || separator == slash) && (shape.lastLength < 2 || group.length < 2) {
                    break
                }
                shape.add(length: group.length, separator: separator, value: group.value, leadingZero: false)
                j = group.end
                lastWasParen = false
            } else if p[k] == ScalarClass.openParen && shape.plus && !shape.paren && shape.groups == 1
                && separator != ScalarClass.dot && separator != slash
            {
                guard let group = parenGroup(p, k) else { break }
                shape.add(length: group.length, separator: separator, value: group.value, leadingZero: false)
                shape.paren = true
                lastWasParen = true
                j = group.end
            } else {
                break
            }
        }
        return j
    }

    /// Any dash: hyphen-minus, the Unicode hyphens and dashes, minus sign, small and full-width hyphen-minus.
    @inline(__always)
    static func isDash(_ v: UInt32) -> Bool {
        v == 0x2D || (v >= 0x2010 && v <= 0x2015) || v == 0x2212 || v == 0xFE58 || v == 0xFE63 || v == 0xFF0D
    }

    /// A space inside a line: ASCII, no-break, the typographic spaces (figure, thin, hair, …), narrow no-break,
    /// medium mathematical and ideographic space.
    @inline(__always)
    static func isSpace(_ v: UInt32) -> Bool {
        v == 0x20 || v == 0xA0 || (v >= 0x2000 && v <= 0x200A) || v == 0x202F || v == 0x205F || v == 0x3000
    }

    @inline(__always)
    static func isSlash(_ v: UInt32) -> Bool {
        v == 0x2F || v == 0x2215 || v == 0xFF0F
    }

    /// The separator at `j`, as its kind (space, hyphen, dot or slash byte) and where the next group starts.
    static func separator(_ p: UnsafeBufferPointer<UInt8>, _ j: Int) -> (kind: UInt8, end: Int)? {
        let n = p.count
        let (v, length) = ScalarClass.decode(p, j)
        if isDash(v) { return (ScalarClass.hyphen, j + length) }
        if v == 0x2E { return (ScalarClass.dot, j + 1) }
        if isSlash(v) { return (slash, j + length) }
        guard isSpace(v) else { return nil }
        var k = j + length
        var spaces = 1
        while k < n, spaces < 2, case let next = ScalarClass.decode(p, k), isSpace(next.value) {
            k += next.length
            spaces += 1
        }
        guard k < n else { return nil }
        let (mark, markLength) = ScalarClass.decode(p, k)
        if isDash(mark) || isSlash(mark) {
            k += markLength
            var after = 0
            while k < n, after < 2, case let next = ScalarClass.decode(p, k), isSpace(next.value) {
                k += next.length
                after += 1
            }
            return (isDash(mark) ? ScalarClass.hyphen : slash, k)
        }
        return spaces == 1 ? (ScalarClass.space, j + length) : nil
    }

    /// The decimal digit at `j` (any script) and its length in bytes.
    @inline(__always)
    static func digit(_ p: UnsafeBufferPointer<UInt8>, _ j: Int) -> (value: Int, length: Int)? {
        let b = p[j]
        if b < 0x80 { return ScalarClass.isASCIIDigit(b) ? (Int(b &- 0x30), 1) : nil }
        let (v, length) = ScalarClass.decode(p, j)
        guard let value = ScalarClass.decimalValue(v) else { return nil }
        return (value, length)
    }

    private static func digitGroup(
        _ p: UnsafeBufferPointer<UInt8>, _ start: Int
    ) -> (end: Int, length: Int, value: Int, leadingZero: Bool, prefix: Int) {
        var j = start
        var value = 0
        var length = 0
        var zero = false
        var prefix = 0
        while j < p.count, let d = digit(p, j) {
            if length == 0 { zero = d.value == 0 }
            if length < 3 { prefix = prefix * 10 + d.value }
            if value < 100_000 { value = value * 10 + d.value }
            length += 1
            j += d.length
        }
        return (j, length, value, zero, prefix)
    }

    private static func parenGroup(
        _ p: UnsafeBufferPointer<UInt8>, _ open: Int
    ) -> (end: Int, length: Int, value: Int, leadingZero: Bool)? {
        guard open + 1 < p.count, digit(p, open + 1) != nil else { return nil }
        let group = digitGroup(p, open + 1)
        guard group.length <= 5, group.end < p.count, p[group.end] == ScalarClass.closeParen else { return nil }
        return (group.end + 1, group.length, group.value, group.leadingZero)
    }
}
