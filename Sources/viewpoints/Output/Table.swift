import Foundation
import ViewpointsCore

/// Prints rows as an aligned text table, CSV or a JSON array of objects.
struct Table {
    var header: [String]
    var rows: [[String]]
    /// Columns that hold numbers: right-aligned in tables, numbers in JSON.
    var numeric: Set<Int> = []

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .table: text()
        case .csv:
            CSVWriter.encode(
                [header.map(CSVSpreadsheetSafety.neutralize)] + rows.map { $0.map(CSVSpreadsheetSafety.neutralize) })
        case .json: json()
        }
    }

    func text() -> String {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return numeric.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = [line(header), line(widths.map { String(repeating: "-", count: $0) })]
        out += rows.map(line)
        return out.joined(separator: "\n") + "\n"
    }

    func json() -> String {
        let objects: [[String: Any]] = rows.map { row in
            var object: [String: Any] = [:]
            for (i, key) in header.enumerated() {
                object[key] = numeric.contains(i) ? (Double(row[i]).map { NSNumber(value: $0) } ?? NSNull()) : row[i]
            }
            return object
        }
        let data =
            (try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
