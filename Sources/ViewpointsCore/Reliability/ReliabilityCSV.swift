/// Reads long-format reliability data, a CSV with a header and one row per value: `unit,coder,value`.
///
/// Columns are found by name and may come in any order among others. A missing value is an absent row or an
/// empty value cell. Fields go from the reader's buffer into the builder as bytes, without making strings.
public enum ReliabilityCSV {
    /// Reads the file; for levels other than nominal every value must be a number. With `coders`, keeps
    /// those coders only, in that order.
    public static func read(
        path: String, level: MeasurementLevel = .nominal, coders: [String]? = nil
    ) throws(ReliabilityCSVError) -> ReliabilityData {
        try read(open: { () throws(ReliabilityCSVError) in try openFile(path) }, level: level, coders: coders)
    }

    private static func openFile(_ path: String) throws(ReliabilityCSVError) -> CSVReader {
        do {
            return try CSVReader(path: path)
        } catch {
            throw ReliabilityCSVError(kind: .csv(error), file: path, line: error.line, column: error.column)
        }
    }

    /// Reads CSV text, named `<input>` in errors.
    static func read(
        string: String, level: MeasurementLevel = .nominal, coders: [String]? = nil
    ) throws(ReliabilityCSVError) -> ReliabilityData {
        try read(open: { () throws(ReliabilityCSVError) in CSVReader(string: string) }, level: level, coders: coders)
    }

    /// Positions of the three columns in the header.
    struct Columns {
        var unit: Int
        var coder: Int
        var value: Int
        var last: Int { max(unit, coder, value) }
    }

    static let columnNames = ["unit", "coder", "value"]

    /// Reads with a reader from `open`, which is called again to find the line of a duplicate or non-number.
    static func read(
        open: () throws(ReliabilityCSVError) -> CSVReader, level: MeasurementLevel, coders chosen: [String]?
    ) throws(ReliabilityCSVError) -> ReliabilityData {
        var reader = try open()
        let file = reader.displayName
        let columns = try header(&reader)
        var builder = ReliabilityData.Builder(minimumCapacity: 1 << 16)
        let record = reader.current
        while try advance(&reader) {
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
        var data: ReliabilityData
        do {
            data = try builder.build(level: level)
        } catch {
            throw try locate(error, open: open, columns: columns, level: level)
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

    /// Reads the header and finds the three columns.
    private static func header(_ reader: inout CSVReader) throws(ReliabilityCSVError) -> Columns {
        let file = reader.displayName
        guard try advance(&reader) else {
            throw ReliabilityCSVError(kind: .emptyFile, file: file, line: 1, column: 1)
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
        return Columns(unit: found[0], coder: found[1], value: found[2])
    }

    private static func advance(_ reader: inout CSVReader) throws(ReliabilityCSVError) -> Bool {
        do {
            return try reader.advance()
        } catch {
            throw ReliabilityCSVError(kind: .csv(error), file: error.file, line: error.line, column: error.column)
        }
    }

    /// Turns a builder error into one with a line and column, found by reading the file again.
    private static func locate(
        _ error: ReliabilityDataError, open: () throws(ReliabilityCSVError) -> CSVReader, columns: Columns,
        level: MeasurementLevel
    ) throws(ReliabilityCSVError) -> ReliabilityCSVError {
        var reader = try open()
        let file = reader.displayName
        _ = try advance(&reader)
        let record = reader.current
        switch error {
        case .duplicateValue(let unit, let coder):
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
                guard record.field(columns.value) == value else { continue }
                return ReliabilityCSVError(
                    kind: .notANumber(value: value, level: level), file: file,
                    line: record.fieldLine(columns.value), column: record.column(columns.value))
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
