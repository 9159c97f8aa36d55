extension ReliabilityCSV {
    /// Reads a wide file: a header naming the unit column (any name) and one column per coder, then one row per
    /// unit with each coder's value in that coder's column, an empty cell being a missing value.
    ///
    /// Refused, each at its line and column: an empty or repeated coder name, a second row for a unit, a row
    /// with more or fewer fields than the header, an empty unit.
    static func scanWide(_ reader: inout CSVReader) throws(ReliabilityCSVError) -> Scan {
        let file = reader.displayName
        let coders = try wideHeader(&reader)
        let headerLine = reader.current.recordLine
        let fieldCount = coders.count + 1
        var builder = ReliabilityData.Builder(minimumCapacity: 1 << 16)
        // Units seen so far, interned from the reader's bytes (no string per row), and the line of each.
        var seenUnits = LabelInterner(minimumCapacity: 1 << 16)
        var lineOfUnit: [Int] = []
        let record = reader.current
        var rows = 0
        while try advance(&reader) {
            rows += 1
            try checkNoExtraFields(record, header: fieldCount, file: file)
            if record.fieldCount < fieldCount {
                let lastField = record.fieldCount - 1
                throw ReliabilityCSVError(
                    kind: .missingField(column: coders[record.fieldCount - 1].name), file: file,
                    line: record.fieldLine(lastField), column: record.column(lastField))
            }
            let firstLine: Int? = record.withField(0) { unit in
                if unit.isEmpty { return 0 }
                let known = seenUnits.count
                let index = Int(seenUnits.intern(bytes: unit))
                if seenUnits.count == known { return lineOfUnit[index] }
                lineOfUnit.append(record.recordLine)
                for coder in 0..<coders.count {
                    record.withField(coder + 1) { value in
                        guard !value.isEmpty else { return }
                        coders[coder].utf8Bytes.withUnsafeBufferPointer { coder in
                            builder.add(unitBytes: unit, coderBytes: coder, valueBytes: value)
                        }
                    }
                }
                return nil
            }
            if let firstLine {
                throw ReliabilityCSVError(
                    kind: firstLine == 0
                        ? .emptyIdentifier(column: "unit") : .duplicateUnit(record.field(0), firstLine: firstLine),
                    file: file, line: record.fieldLine(0), column: record.column(0))
            }
        }
        if builder.isEmpty {
            throw ReliabilityCSVError(
                kind: .noRatings(rows: rows, layout: .wide), file: file, line: headerLine, column: 1)
        }
        return Scan(builder: builder, valueColumns: Array(1..<fieldCount), columns: nil)
    }

    /// A coder named in a wide header, with its name's bytes ready for the builder.
    struct WideCoder {
        var name: String
        var utf8Bytes: [UInt8]
    }

    /// Reads a wide header: the unit column, then the coders, each named once.
    private static func wideHeader(_ reader: inout CSVReader) throws(ReliabilityCSVError) -> [WideCoder] {
        let file = reader.displayName
        guard try advance(&reader) else {
            throw ReliabilityCSVError(kind: .emptyFile(layout: .wide), file: file, line: 1, column: 1)
        }
        let record = reader.current
        guard record.fieldCount > 1 else {
            throw ReliabilityCSVError(kind: .noCoderColumns, file: file, line: record.recordLine, column: 1)
        }
        var coders: [WideCoder] = []
        var seen: Set<String> = []
        for field in 1..<record.fieldCount {
            let name = record.field(field)
            if name.isEmpty {
                throw ReliabilityCSVError(
                    kind: .emptyCoderName(position: field + 1), file: file, line: record.fieldLine(field),
                    column: record.column(field))
            }
            guard seen.insert(name).inserted else {
                throw ReliabilityCSVError(
                    kind: .duplicateColumn(name), file: file, line: record.fieldLine(field),
                    column: record.column(field))
            }
            coders.append(WideCoder(name: name, utf8Bytes: Array(name.utf8)))
        }
        if seen.isSuperset(of: ["coder", "value"]) {
            throw ReliabilityCSVError(kind: .longHeader, file: file, line: record.recordLine, column: 1)
        }
        return coders
    }
}
