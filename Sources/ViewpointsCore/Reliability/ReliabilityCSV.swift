/// Reads reliability data from a CSV with a header, in long format (one row per value: `unit,coder,value`) or
/// wide format (one row per unit, one column per coder).
///
/// Long: columns are found by name and may come in any order among others; a missing value is an absent row or
/// an empty value cell. Wide: see `ReliabilityLayout.wide`. Either way a row may not have more fields than the
/// header, and a file without a single value is refused. Fields go from the reader's buffer into the builder as
/// bytes, without making strings.
public enum ReliabilityCSV {
    /// Reads the file; for levels other than nominal every value must be a decimal number. With `coders`, keeps
    /// those coders only, in that order.
    public static func read(
        file: InputFile, layout: ReliabilityLayout = .long, level: MeasurementLevel = .nominal, coders: [String]? = nil
    ) throws(ReliabilityCSVError) -> ReliabilityData {
        try read(
            open: { () throws(ReliabilityCSVError) in CSVReader(file: file) }, layout: layout, level: level,
            coders: coders)
    }

    /// Reads CSV text, named `<input>` in errors.
    static func read(
        string: String, layout: ReliabilityLayout = .long, level: MeasurementLevel = .nominal,
        coders: [String]? = nil
    ) throws(ReliabilityCSVError) -> ReliabilityData {
        try read(
            open: { () throws(ReliabilityCSVError) in CSVReader(string: string) }, layout: layout, level: level,
            coders: coders)
    }

    /// Positions of the three columns of a long file in its header.
    struct Columns {
        var unit: Int
        var coder: Int
        var value: Int
        /// Fields in the header.
        var count: Int
        var last: Int { max(unit, coder, value) }
    }

    static let columnNames = ["unit", "coder", "value"]

    /// What the first pass over a file found: the values, and where to look for a value named in a builder error.
    struct Scan {
        var builder: ReliabilityData.Builder
        /// Columns that hold values, searched in this order on each row.
        var valueColumns: [Int]
        /// Long format: the unit and coder columns, to find the rows of a duplicate value.
        var columns: Columns?
    }

    /// Reads with a reader from `open`, which is called again to find the line of a duplicate or non-number.
    static func read(
        open: () throws(ReliabilityCSVError) -> CSVReader, layout: ReliabilityLayout, level: MeasurementLevel,
        coders chosen: [String]?
    ) throws(ReliabilityCSVError) -> ReliabilityData {
        var reader = try open()
        let file = reader.displayName
        let scan =
            switch layout {
            case .long: try scanLong(&reader)
            case .wide: try scanWide(&reader)
            }
        var data: ReliabilityData
        do {
            data = try scan.builder.build(level: level)
        } catch {
            throw try locate(error, open: open, scan: scan, level: level)
        }
        guard let chosen else { return data }
        do {
            data = try data.restricted(toCoders: chosen)
        } catch {
            guard case .unknownCoder(let coder) = error else { throw locateless(error, file: file, level: level) }
            throw ReliabilityCSVError(
                kind: .unknownCoder(coder, available: data.coders), file: file, line: 0, column: 0)
        }
        return data
    }

    /// Reads a long file's header and rows.
    private static func scanLong(_ reader: inout CSVReader) throws(ReliabilityCSVError) -> Scan {
        let file = reader.displayName
        let columns = try header(&reader)
        let headerLine = reader.current.recordLine
        var builder = ReliabilityData.Builder(minimumCapacity: 1 << 16)
        let record = reader.current
        var rows = 0
        while try advance(&reader) {
            rows += 1
            try checkNoExtraFields(record, header: columns.count, file: file)
            if record.fieldCount <= columns.last {
                let missing = Self.columnNames[
                    [columns.unit, columns.coder, columns.value].firstIndex {
                        $0 >= record.fieldCount
                    }!]
                let lastField = record.fieldCount - 1
                throw ReliabilityCSVError(
                    kind: .missingField(column: missing), file: file, line: record.fieldLine(lastField),
                    column: record.column(lastField))
            }
            let empty: Int? = record.withField(columns.unit) { unit in
                record.withField(columns.coder) { coder in
                    record.withField(columns.value) { value in
                        if value.isEmpty { return nil }
                        if unit.isEmpty { return columns.unit }
                        if coder.isEmpty { return columns.coder }
                        builder.add(unitBytes: unit, coderBytes: coder, valueBytes: value)
                        return nil
                    }
                }
            }
            if let empty {
                throw ReliabilityCSVError(
                    kind: .emptyIdentifier(column: empty == columns.unit ? "unit" : "coder"), file: file,
                    line: record.fieldLine(empty), column: record.column(empty))
            }
        }
        if builder.isEmpty {
            throw ReliabilityCSVError(
                kind: .noRatings(rows: rows, layout: .long), file: file, line: headerLine, column: 1)
        }
        return Scan(builder: builder, valueColumns: [columns.value], columns: columns)
    }

    /// Reads the header and finds the three columns.
    private static func header(_ reader: inout CSVReader) throws(ReliabilityCSVError) -> Columns {
        let file = reader.displayName
        guard try advance(&reader) else {
            throw ReliabilityCSVError(kind: .emptyFile(layout: .long), file: file, line: 1, column: 1)
        }
        let record = reader.current
        let names = (0..<record.fieldCount).map { record.field($0) }
        var found: [Int] = []
        for name in columnNames {
            let positions = names.indices.filter { names[$0] == name }
            if positions.count > 1 {
                throw ReliabilityCSVError(
                    kind: .duplicateColumn(name), file: file, line: record.fieldLine(positions[1]),
                    column: record.column(positions[1]))
            }
            guard let position = positions.first else {
                throw ReliabilityCSVError(
                    kind: .missingColumn(name, found: names), file: file, line: record.recordLine, column: 1)
            }
            found.append(position)
        }
        return Columns(unit: found[0], coder: found[1], value: found[2], count: names.count)
    }

    /// Refuses a row with more fields than the header, pointing at the first extra field: an unquoted decimal
    /// comma (`u1,A,1,5`) or a comma inside an unquoted label would otherwise shift or drop a value unseen.
    static func checkNoExtraFields(
        _ record: CSVReaderEngine, header: Int, file: String
    ) throws(ReliabilityCSVError) {
        guard record.fieldCount > header else { return }
        throw ReliabilityCSVError(
            kind: .extraFields(count: record.fieldCount, header: header), file: file,
            line: record.fieldLine(header), column: record.column(header))
    }

    static func advance(_ reader: inout CSVReader) throws(ReliabilityCSVError) -> Bool {
        do {
            return try reader.advance()
        } catch {
            throw ReliabilityCSVError(kind: .csv(error), file: error.file, line: error.line, column: error.column)
        }
    }

    /// Turns a builder error into one with a line and column, found by reading the file again.
    private static func locate(
        _ error: ReliabilityDataError, open: () throws(ReliabilityCSVError) -> CSVReader, scan: Scan,
        level: MeasurementLevel
    ) throws(ReliabilityCSVError) -> ReliabilityCSVError {
        var reader = try open()
        let file = reader.displayName
        _ = try advance(&reader)
        let record = reader.current
        switch error {
        case .duplicateValue(let unit, let coder):
            guard let columns = scan.columns else { break }
            var firstLine = 0
            while try advance(&reader) {
                guard record.field(columns.unit) == unit, record.field(columns.coder) == coder,
                    !record.field(columns.value).isEmpty
                else { continue }
                if firstLine == 0 {
                    firstLine = record.recordLine
                    continue
                }
                return ReliabilityCSVError(
                    kind: .duplicateValue(unit: unit, coder: coder, firstLine: firstLine), file: file,
                    line: record.fieldLine(columns.value), column: record.column(columns.value))
            }
        case .notANumber(_, let value):
            while try advance(&reader) {
                for column in scan.valueColumns where column < record.fieldCount && record.field(column) == value {
                    return ReliabilityCSVError(
                        kind: .notANumber(value: value, level: level), file: file,
                        line: record.fieldLine(column), column: record.column(column))
                }
            }
        case .unknownCoder:
            break
        }
        return locateless(error, file: file, level: level)
    }

    /// An error without a place, should the file have changed while it was read.
    private static func locateless(
        _ error: ReliabilityDataError, file: String, level: MeasurementLevel
    ) -> ReliabilityCSVError {
        switch error {
        case .duplicateValue(let unit, let coder):
            return ReliabilityCSVError(
                kind: .duplicateValue(unit: unit, coder: coder, firstLine: 0), file: file, line: 0, column: 0)
        case .notANumber(_, let value):
            return ReliabilityCSVError(
                kind: .notANumber(value: value, level: level), file: file, line: 0, column: 0)
        case .unknownCoder(let coder):
            return ReliabilityCSVError(kind: .unknownCoder(coder, available: []), file: file, line: 0, column: 0)
        }
    }
}
