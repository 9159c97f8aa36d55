/// The header row of an input file: column names by position, with the checks every import shares.
public struct CSVHeader: Sendable {
    public var names: [String]
    public var columns: [Int]
    public var line: Int

    /// Reads the header record; empty or duplicate names are problems.
    public init(record: CSVRecord, problems: inout ProblemList) {
        // an export neutralizes header cells like any other: `'=x` reads back as `=x`
        names = record.fields.map { CSVSpreadsheetSafety.restore($0).trimmingCharacters(in: .whitespaces) }
        columns = record.columns
        line = record.line
        var seen: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            if name.isEmpty {
                problems.add(
                    line: line, column: columns[i], "column \(i + 1) of the header has no name; name it or remove it")
            } else if let first = seen[name] {
                problems.add(
                    line: line, column: columns[i],
                    "column '\(name)' appears twice in the header (also column \(first + 1)); keep one")
            } else {
                seen[name] = i
            }
        }
    }

    /// The index of a column, if present.
    public func index(_ name: String) -> Int? { names.firstIndex(of: name) }

    /// Checks a record has as many fields as the header; adds a problem and returns false otherwise.
    public func checkWidth(_ record: CSVRecord, problems: inout ProblemList) -> Bool {
        guard record.fields.count != names.count else { return true }
        if record.fields.count > names.count {
            problems.add(
                line: record.line, column: record.columns[names.count],
                "\(record.fields.count) fields where the header has \(names.count); "
                    + "quote fields that contain commas, or remove the extra field")
        } else {
            let last = record.fields.count - 1
            problems.add(
                line: record.line, column: record.columns[last],
                "\(record.fields.count) field\(record.fields.count == 1 ? "" : "s") where the header has \(names.count) "
                    + "(missing '\(names[record.fields.count])'); add the missing fields or check the quoting")
        }
        return false
    }
}

extension String {
    func trimmingCharacters(in set: CharacterSetLite) -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, set.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}

/// The few character classes the import needs, without Foundation.
public enum CharacterSetLite: Sendable {
    case whitespaces
    case whitespacesAndNewlines

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch self {
        case .whitespaces: scalar.properties.isWhitespace && scalar != "\n" && scalar != "\r"
        case .whitespacesAndNewlines: scalar.properties.isWhitespace
        }
    }
}
