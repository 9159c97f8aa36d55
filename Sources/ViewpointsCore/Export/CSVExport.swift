/// Writes an export: UTF-8 CSV with LF, or with `excel` a BOM and CRLF; cells that a spreadsheet would run as
/// formulas are neutralized (reversibly, see `CSVSpreadsheetSafety`) unless `raw`.
public struct CSVExport {
    var writer: CSVWriter
    let raw: Bool

    /// To a file (`path`, created with permissions `mode`: owner-only unless asked), or to standard output when
    /// `path` is nil or `-`.
    public init(path: String?, excel: Bool, raw: Bool, mode: UInt32 = CSVWriter.privateMode) throws(CSVError) {
        let ending: CSVLineEnding = excel ? .crlf : .lf
        if let path, path != "-" {
            do {
                writer = try CSVWriter(path: path, lineEnding: ending, bom: excel, mode: mode)
            } catch {
                guard case .cannotOpen(let reason) = error.kind else { throw error }
                throw CSVError(kind: .cannotWrite(reason), file: path, line: 0, column: 0)
            }
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
