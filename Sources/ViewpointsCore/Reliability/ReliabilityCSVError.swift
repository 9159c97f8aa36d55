/// Why a reliability CSV (long or wide) could not be read, with the place in the file.
public typealias ReliabilityCSVError = FileError<ReliabilityCSVErrorKind>

extension FileError<ReliabilityCSVErrorKind> {
    /// The sysexits status: 66 when the file cannot be opened or read, 65 for bad data.
    public var exitCode: Int32 {
        if case .csv(let error) = kind {
            switch error.kind {
            case .cannotOpen, .cannotRead: return 66
            default: return 65
            }
        }
        return 65
    }
}

/// What went wrong reading a reliability CSV.
public enum ReliabilityCSVErrorKind: FileProblem {
    /// The file could not be opened or read, or is not well-formed CSV.
    case csv(CSVError)
    /// The file has no header line.
    case emptyFile(layout: ReliabilityLayout)
    /// The file has a header but not one value; `rows` rows follow the header, all with empty values.
    case noRatings(rows: Int, layout: ReliabilityLayout)
    /// The header has no column of this name; the payload lists the columns it has.
    case missingColumn(String, found: [String])
    /// Two header columns have this name.
    case duplicateColumn(String)
    /// A row ends before the named column.
    case missingField(column: String)
    /// A row has more fields than the header.
    case extraFields(count: Int, header: Int)
    /// A wide header has a unit column only.
    case noCoderColumns
    /// A wide header names coders `coder` and `value`: a long file read as wide.
    case longHeader
    /// A wide header leaves the coder name of the column at this 1-based position empty.
    case emptyCoderName(position: Int)
    /// A wide file has a second row for this unit; the payload names the line of the first.
    case duplicateUnit(String, firstLine: Int)
    /// A row has an empty unit or coder.
    case emptyIdentifier(column: String)
    /// A coder gave a unit a second value; the payload names the line of the first.
    case duplicateValue(unit: String, coder: String, firstLine: Int)
    /// A value is not a finite decimal number although the level of measurement needs numbers.
    case notANumber(value: String, level: MeasurementLevel)
    /// A coder asked for has no values; the payload lists the coders the file has.
    case unknownCoder(String, available: [String])

    /// What is wrong and how to fix it.
    public var message: String {
        switch self {
        case .csv(let error):
            return error.kind.message
        case .emptyFile(.long):
            return "the file is empty; put a header line 'unit,coder,value' and one row per value"
        case .emptyFile(.wide):
            return "the file is empty; put a header line 'unit,A,B' naming the coders, and one row per unit"
        case .noRatings(let rows, let layout):
            let found =
                switch rows {
                case 0: "the header is followed by no rows"
                case 1: "the only row has no value"
                default: "none of the \(rows) rows has a value"
                }
            let fix =
                layout == .long
                ? "add one row per value below the header, e.g. 'u1,A,3'"
                : "add one row per unit below the header with each coder's value in the coder's column, e.g. 'u1,3,4'"
            return "no ratings: \(found); \(fix)"
        case .missingColumn(let name, let found):
            let columns = found.map { "'\($0)'" }.joined(separator: ", ")
            return "the header has no column '\(name)' (it has \(columns)); name the columns unit, coder and value, "
                + "or pass --input wide for a file with one row per unit and one column per coder"
        case .duplicateColumn(let name):
            return "the header names column '\(name)' twice; rename or remove one of them"
        case .missingField(let column):
            return "the row ends before column '\(column)'; give every row as many fields as the header "
                + "(an empty field is a missing value)"
        case .extraFields(let count, let header):
            return "the row has \(count) fields but the header has \(header); quote a field that contains a comma "
                + "(\"1,5\") and write decimals with a point (1.5)"
        case .noCoderColumns:
            return "the header names no coders; a wide file has the unit column first, then one column per coder "
                + "named by its header, e.g. 'unit,A,B'"
        case .longHeader:
            return "the header names the columns of a long file (unit, coder, value); drop --input wide to read "
                + "one row per value, or rename the coder columns"
        case .emptyCoderName(let position):
            return "column \(position) of the header has no coder name; name every coder column, or delete the "
                + "empty column"
        case .duplicateUnit(let unit, let firstLine):
            return "unit '\(unit)' already has a row (line \(firstLine)); keep one row per unit, with each coder's "
                + "value in the coder's column"
        case .emptyIdentifier(let column):
            return "empty \(column); give every row a \(column), or delete the row"
        case .duplicateValue(let unit, let coder, let firstLine):
            return "coder '\(coder)' already gave unit '\(unit)' a value (line \(firstLine)); "
                + "keep one row per unit and coder"
        case .notANumber(let value, let level):
            return "value '\(value)' is not a decimal number (such as 3, -2, 0.5 or 1e3), but the "
                + "\(level.rawValue) level needs numbers; correct the value (a missing value is an empty field), "
                + "or analyse the values as labels at the nominal level"
        case .unknownCoder(let coder, let available):
            return "coder '\(coder)' has no values in the file (coders: \(available.joined(separator: ", "))); "
                + "choose coders that have values in the file"
        }
    }
}
