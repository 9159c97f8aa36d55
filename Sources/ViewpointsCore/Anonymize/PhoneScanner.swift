/// Finds telephone numbers in UTF-8 text.
///
/// The rule: an optional leading `+` followed by digit groups separated by exactly one space, hyphen or dot; the
/// first group, or the group right after a `+` country code, may be a parenthesised area code of 1–5 digits
/// (`(042) 3575 1234`, `+1 (202) 555-0143`), which may be followed directly by the next group. A match
/// - has at least 9 digits, or 7 with a leading `+` or a parenthesised area code;
/// - is not preceded or followed by a letter or digit, nor preceded by a digit and one of `. , - / :`
///   (so no phone starts inside `3.141592653` or `1990-2000`);
/// - uses a dot only between groups of 2+ digits (`3.5` is never a separator);
/// - does not look like a date (`dddd-dd-dd`, `dd-dd-dddd`, also with dots), a list of years
///   (all groups 4 digits from 1000 to 2099), or a number with thousands separators (a first group of 1–3 digits
///   not starting with 0, then groups of exactly 3 digits, all separated by the same space or dot);
/// - is, when written as a single group without `+` or parentheses, a number starting with 0 (`03001234567`),
///   so plain counts like `200000000` stay.
/// Commas, slashes and colons never join groups, so `1,000,000`, `9/11` and `10:30` never match.
enum PhoneScanner {
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
        if p[j] == ScalarClass.plus {
            shape.plus = true
            j += 1
            guard j < n, ScalarClass.isASCIIDigit(p[j]) else { return nil }
        }
        var lastWasParen = false
        if p[j] == ScalarClass.openParen {
            guard let group = parenGroup(p, j) else { return nil }
            shape.add(length: group.length, separator: 0, value: group.value, leadingZero: group.leadingZero)
            shape.paren = true
            lastWasParen = true
            j = group.end
        } else if ScalarClass.isASCIIDigit(p[j]) {
            let group = digitGroup(p, j)
            shape.add(length: group.length, separator: 0, value: group.value, leadingZero: group.leadingZero)
            j = group.end
        } else {
            return nil
        }
        while j < n {
            let c = p[j]
            var separator: UInt8 = 0
            var k = j
            if c == ScalarClass.space || c == ScalarClass.hyphen || c == ScalarClass.dot {
                separator = c
                k = j + 1
            } else if !(lastWasParen && ScalarClass.isASCIIDigit(c)) {
                break
            }
            guard k < n else { break }
            if ScalarClass.isASCIIDigit(p[k]) {
                let group = digitGroup(p, k)
                if separator == ScalarClass.dot && (shape.lastLength < 2 || group.length < 2) { break }
                shape.add(length: group.length, separator: separator, value: group.value, leadingZero: false)
                j = group.end
                lastWasParen = false
            } else if p[k] == ScalarClass.openParen && shape.plus && !shape.paren && shape.groups == 1
                && separator != ScalarClass.dot
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
        if ScalarClass.isWordAt(p, j) { return nil }
        return shape.isPhone ? j : nil
    }

    private static func digitGroup(
        _ p: UnsafeBufferPointer<UInt8>, _ start: Int
    ) -> (end: Int, length: Int, value: Int, leadingZero: Bool) {
        var j = start
        var value = 0
        while j < p.count && ScalarClass.isASCIIDigit(p[j]) {
            if value < 100_000 { value = value * 10 + Int(p[j] &- 0x30) }
            j += 1
        }
        return (j, j - start, value, p[start] == 0x30)
    }

    private static func parenGroup(
        _ p: UnsafeBufferPointer<UInt8>, _ open: Int
    ) -> (end: Int, length: Int, value: Int, leadingZero: Bool)? {
        guard open + 1 < p.count, ScalarClass.isASCIIDigit(p[open + 1]) else { return nil }
        let group = digitGroup(p, open + 1)
        guard group.length <= 5, group.end < p.count, p[group.end] == ScalarClass.closeParen else { return nil }
        return (group.end + 1, group.length, group.value, group.leadingZero)
    }
}
