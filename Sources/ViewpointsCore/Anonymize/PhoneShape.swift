/// The digit groups of a candidate phone number, summarised as they are read.
struct PhoneShape {
    var plus = false
    var paren = false
    var groups = 0
    var digits = 0
    var lastLength = 0
    var leadingZero = false
    var dateLike = false
    var yearsOnly = true
    var thousandsLike = true
    /// The first three digits of the first group (to tell an ISBN-13 from a number with its country code).
    var firstGroupPrefix = 0
    private var firstSeparator: UInt8 = 0
    private var lengths: (Int, Int, Int) = (0, 0, 0)
    private var separators: (UInt8, UInt8) = (0, 0)

    mutating func add(length: Int, separator: UInt8, value: Int, leadingZero zero: Bool) {
        groups += 1
        digits += length
        lastLength = length
        if !(length == 4 && value >= 1000 && value <= 2099) { yearsOnly = false }
        if groups == 1 {
            leadingZero = zero
            if length > 3 || zero { thousandsLike = false }
        } else {
            if groups == 2 { firstSeparator = separator }
            let spaced = separator == ScalarClass.space || separator == ScalarClass.dot
            if !spaced || separator != firstSeparator || length != 3 { thousandsLike = false }
        }
        lengths = (lengths.1, lengths.2, length)
        separators = (separators.1, separator)
        if groups >= 3 && separators.0 == separators.1
            && (separators.0 == ScalarClass.hyphen || separators.0 == ScalarClass.dot
                || separators.0 == PhoneScanner.slash)
        {
            let (a, b, c) = lengths
            if (a == 4 && b == 2 && c == 2) || (a == 2 && b == 2 && c == 4) { dateLike = true }
        }
    }

    var isPhone: Bool {
        let marked = plus || paren
        guard digits >= (marked ? 7 : 9), !dateLike else { return false }
        // 978 and 979 start ISBN-13s, written together or hyphenated
        if !marked && digits == 13 && (firstGroupPrefix == 978 || firstGroupPrefix == 979) { return false }
        if groups >= 2 && yearsOnly { return false }
        if !marked && groups >= 2 && thousandsLike { return false }
        if !marked && groups == 1 && !leadingZero {
            return digits >= 11  // a country code without `+`
        }
        return true
    }
}
