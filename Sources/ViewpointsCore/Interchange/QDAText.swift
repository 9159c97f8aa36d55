/// A text source's plain text, and the units its selections' positions may be counted in.
public struct QDAText: Sendable {
    /// The unit a source's positions count, as found by `QDAText.detect`.
    public enum Unit: String, Sendable, CaseIterable {
        case codePoints = "Unicode code points"
        case utf16 = "UTF-16 code units"
        case codePointsLF = "Unicode code points, CRLF counted as one"
        case utf16LF = "UTF-16 code units, CRLF counted as one"

        var countsUTF16: Bool { self == .utf16 || self == .utf16LF }
        var foldsCRLF: Bool { self == .codePointsLF || self == .utf16LF }
    }

    /// Decodes a text file: UTF-8 with or without a byte-order mark, or UTF-16 with one; nil when it is neither.
    public static func decode(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            var units: [UInt16] = []
            var index = 2
            while index + 1 < bytes.count {
                let (a, b) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
                units.append(little ? a | b << 8 : a << 8 | b)
                index += 2
            }
            return String(validating: units, as: UTF16.self)
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        return String(validating: body, as: UTF8.self)
    }

    /// The scalars of `text` in `unit`'s view (CRLF folded to LF or not).
    static func scalars(_ text: String, _ unit: Unit) -> [Unicode.Scalar] {
        let scalars = Array(text.unicodeScalars)
        guard unit.foldsCRLF else { return scalars }
        var folded: [Unicode.Scalar] = []
        folded.reserveCapacity(scalars.count)
        for (index, scalar) in scalars.enumerated()
        where !(scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n") {
            folded.append(scalar)
        }
        return folded
    }

    /// Scalar index of each UTF-16 offset (nil inside a surrogate pair), for offsets 0...length.
    static func utf16Index(_ scalars: [Unicode.Scalar]) -> [Int?] {
        var table: [Int?] = []
        table.reserveCapacity(scalars.count + 1)
        for (index, scalar) in scalars.enumerated() {
            table.append(index)
            if scalar.value > 0xFFFF { table.append(nil) }
        }
        table.append(scalars.count)
        return table
    }

    /// Selections' (start, end) as scalar indexes in `unit`, or nil when one does not fall on a word boundary or
    /// inside the text there.
    static func place(_ selections: [(start: Int, end: Int)], in scalars: [Unicode.Scalar], unit: Unit) -> [(Int, Int)]?
    {
        let table = unit.countsUTF16 ? utf16Index(scalars) : Array(0...scalars.count).map { Optional($0) }
        var placed: [(Int, Int)] = []
        for selection in selections {
            guard selection.start >= 0, selection.start <= selection.end, selection.end < table.count,
                let start = table[selection.start], let end = table[selection.end],
                isBoundary(scalars, start), isBoundary(scalars, end)
            else { return nil }
            placed.append((start, end))
        }
        return placed
    }

    /// True between two characters that are not both letters or digits.
    static func isBoundary(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        guard index > 0, index < scalars.count else { return true }
        return !(isWord(scalars[index - 1]) && isWord(scalars[index]))
    }

    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            || scalar.properties.generalCategory == .nonspacingMark
    }

    /// The first unit (code points first) that puts every selection's ends on word boundaries, with the text as
    /// that unit sees it and the selections as scalar indexes; nil when none does.
    public static func detect(
        _ text: String, _ selections: [(start: Int, end: Int)]
    ) -> (unit: Unit, scalars: [Unicode.Scalar], placed: [(Int, Int)])? {
        for unit in Unit.allCases {
            let scalars = scalars(text, unit)
            if let placed = place(selections, in: scalars, unit: unit) { return (unit, scalars, placed) }
        }
        return nil
    }
}
