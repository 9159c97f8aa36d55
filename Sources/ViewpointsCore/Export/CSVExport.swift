/// Writes an export: UTF-8 CSV with LF, or with `excel` a BOM and CRLF; cells that a spreadsheet would run as
/// formulas are neutralized (reversibly, see `CSVSpreadsheetSafety`) unless `raw`.
public struct CSVExport {
    var writer: CSVWriter
    let raw: Bool

    /// To a file the caller created, or to standard output when `file` is nil.
    public init(file: OutputFile?, excel: Bool, raw: Bool) {
        let ending: CSVLineEnding = excel ? .crlf : .lf
        if let file {
            writer = CSVWriter(file: file, lineEnding: ending, bom: excel)
        } else {
            writer = CSVWriter.standardOutput(lineEnding: ending, bom: excel)
        }
        self.raw = raw
    }

    /// Writes the header row (attribute names are data too: neutralized like cells unless `raw`).
    public mutating func header(_ names: [String]) throws(CSVError) {
        try writer.write(raw ? names : names.map(CSVSpreadsheetSafety.neutralize))
    }

    /// Writes one row.
    public mutating func row(_ fields: [String]) throws(CSVError) {
        try writer.write(raw ? fields : fields.map(CSVSpreadsheetSafety.neutralize))
    }

    /// Flushes and closes.
    public mutating func finish() throws(CSVError) {
        try writer.finish()
    }
}
