/// A speaker label at the start of a line: `Name:`, `**Name:**`, `Q:`, `[00:12:31] Name:`.
struct SpeakerLabel: Equatable {
    var time: String?
    var speaker: String
    /// 1-based column where the label (or its time) starts.
    var column: Int
    /// The words after the label.
    var rest: Substring

    /// The longest label taken as a speaker's name, in characters, and its most words.
    static let longest = 40
    static let mostWords = 5

    /// The label that starts `line`, or nil when the line does not start with one. A label is a few words that
    /// each start with a capital letter or a digit (so `The point is this: …` is not one), then a colon followed
    /// by a space or the end of the line.
    static func parse(_ line: Substring) -> SpeakerLabel? {
        var s = line
        let indent = s.prefix(while: { $0 == " " || $0 == "\t" }).count
        s = s.dropFirst(indent)
        var time: String?
        if let (found, after) = leadingTime(s) {
            time = found
            s = after.drop(while: { $0 == " " || $0 == "\t" })
        }
        var bold = false
        for marker in ["**", "__"] where s.hasPrefix(marker) {
            bold = true
            s = s.dropFirst(2)
        }
        // a label is short: look for its colon in the first bytes only (a paragraph without one is not scanned)
        guard let colon = s.utf8.prefix(4 * longest).firstIndex(of: UInt8(ascii: ":")) else { return nil }
        var name = s[..<colon]
        var after = s[s.index(after: colon)...]
        if bold {
            if name.hasSuffix("**") || name.hasSuffix("__") {
                name = name.dropLast(2)
            } else if after.hasPrefix("**") || after.hasPrefix("__") {
                after = after.dropFirst(2)
            } else {
                return nil
            }
        }
        guard after.isEmpty || after.first == " " || after.first == "\t", isName(name) else { return nil }
        return SpeakerLabel(
            time: time, speaker: String(name.trimmedSpaces), column: indent + 1,
            rest: after.drop(while: { $0 == " " || $0 == "\t" }))
    }

    static func isName(_ name: Substring) -> Bool {
        let trimmed = name.trimmedSpaces
        guard !trimmed.isEmpty, trimmed.utf8.count <= 4 * longest, trimmed.count <= longest else { return false }
        var words = 0
        var wordStart = true
        for scalar in trimmed.unicodeScalars {
            if scalar == " " {
                wordStart = true
                continue
            }
            if wordStart {
                words += 1
                guard words <= mostWords else { return false }
                let ok =
                    scalar.isASCII
                    ? ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    : scalar.properties.isUppercase || scalar.properties.numericType != nil
                guard ok else { return false }
                wordStart = false
                continue
            }
            let ok =
                scalar.isASCII
                ? ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
                    || ".'-_".unicodeScalars.contains(scalar)
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "’"
                    || scalar.properties.generalCategory == .nonspacingMark
            guard ok else { return false }
        }
        return true
    }

    /// `[00:12:31]`, `(12:31)` or `00:12:31` at the start of `s`, as `00:12:31`, and what follows it.
    static func leadingTime(_ s: Substring) -> (String, Substring)? {
        var rest = s
        let close: Character?
        switch rest.first {
        case "[": close = "]"
        case "(": close = ")"
        default: close = nil
        }
        if close != nil { rest = rest.dropFirst() }
        let token = rest.prefix(while: { $0.isASCII && ($0.isNumber || $0 == ":" || $0 == "." || $0 == ",") })
        guard let millis = CaptionTime.milliseconds(token) else { return nil }
        rest = rest.dropFirst(token.count)
        if let close {
            guard rest.first == close else { return nil }
            rest = rest.dropFirst()
        } else {
            guard rest.first == " " || rest.first == "\t" else { return nil }
        }
        return (CaptionTime.format(millis), rest)
    }
}

/// Times as captions and notes write them: `01:02:03.456`, `02:03,456`, `12:31`.
enum CaptionTime {
    /// Milliseconds from `h:mm:ss.fff`, `mm:ss.fff` (`,` too, as SRT writes it), or nil. Read bytewise: caption
    /// files have a time on every cue.
    static func milliseconds(_ token: Substring) -> Int? {
        var fields = [0, 0, 0]
        var digits = [0, 0, 0]
        var count = 0
        var fraction = 0
        var fractionDigits = -1
        for byte in token.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let value = Int(byte - UInt8(ascii: "0"))
                if fractionDigits >= 0 {
                    guard fractionDigits < 3 else { return nil }
                    fraction = fraction * 10 + value
                    fractionDigits += 1
                } else {
                    fields[count] = fields[count] * 10 + value
                    digits[count] += 1
                }
            case UInt8(ascii: ":"):
                guard fractionDigits < 0, count < 2, digits[count] > 0 else { return nil }
                count += 1
            case UInt8(ascii: "."), UInt8(ascii: ","):
                guard fractionDigits < 0, count >= 1 else { return nil }
                fractionDigits = 0
            default: return nil
            }
        }
        guard count >= 1, fractionDigits != 0, (1...3).contains(digits[0]) else { return nil }
        for field in 1...count where digits[field] != 2 { return nil }
        if count == 1 { fields = [0, fields[0], fields[1]] }
        guard fields[1] < 60, fields[2] < 60 else { return nil }
        let millis = fractionDigits > 0 ? fraction * [1, 100, 10, 1][fractionDigits] : 0
        return ((fields[0] * 60 + fields[1]) * 60 + fields[2]) * 1000 + millis
    }

    /// `00:12:31`.
    static func format(_ milliseconds: Int) -> String {
        let seconds = milliseconds / 1000
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }
}
