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
        guard let colon = s.firstIndex(of: ":") else { return nil }
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
            time: time, speaker: String(name.trimmingCharacters(in: .whitespaces)), column: indent + 1,
            rest: after.drop(while: { $0 == " " || $0 == "\t" }))
    }

    static func isName(_ name: Substring) -> Bool {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= longest else { return false }
        let words = trimmed.split(whereSeparator: { $0 == " " })
        guard words.count <= mostWords else { return false }
        for word in words {
            guard let first = word.first, first.isUppercase || first.isNumber else { return false }
            for c in word where !(c.isLetter || c.isNumber || c == "." || c == "'" || c == "’" || c == "-" || c == "_")
            {
                return false
            }
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
    /// Milliseconds from `h:mm:ss.fff`, `mm:ss.fff` (`,` too, as SRT writes it), or nil.
    static func milliseconds(_ token: Substring) -> Int? {
        var main = token
        var fraction = 0
        if let dot = token.firstIndex(where: { $0 == "." || $0 == "," }) {
            let digits = token[token.index(after: dot)...]
            guard (1...3).contains(digits.count), let value = Int(digits) else { return nil }
            fraction = value * [1, 100, 10, 1][digits.count]
            main = token[..<dot]
        }
        let parts = main.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.dropFirst().allSatisfy({ $0.count == 2 }),
            (1...3).contains(parts[0].count)
        else { return nil }
        var values: [Int] = []
        for part in parts {
            guard part.allSatisfy(\.isASCII), let value = Int(part), value >= 0 else { return nil }
            values.append(value)
        }
        if values.count == 2 { values.insert(0, at: 0) }
        guard values[1] < 60, values[2] < 60 else { return nil }
        return ((values[0] * 60 + values[1]) * 60 + values[2]) * 1000 + fraction
    }

    /// `00:12:31`.
    static func format(_ milliseconds: Int) -> String {
        let seconds = milliseconds / 1000
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }
}
