import Foundation
import ViewpointsCore

/// Renders reliability figures as a table, CSV or JSON (one object or row per coefficient).
struct StatsOutput {
    var figures: [ReliabilityFigure]
    /// Whether the bootstrap columns `ci_low`, `ci_high`, `resamples` and `resamples_defined` are present.
    var bootstrapped: Bool

    /// Column names of CSV and keys of JSON, in order.
    var keys: [String] {
        [
            "metric", "level", "weights", "value", "defined", "applicable", "reason", "units", "coders",
            "pairable_values",
        ]
            + (bootstrapped ? ["ci_low", "ci_high", "resamples", "resamples_defined"] : [])
    }

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .table: table().render(.table)
        case .csv: Table(header: keys, rows: figures.map { cells($0).map { $0.csv } }).render(.csv)
        case .json: json()
        }
    }

    /// A cell: text, number, truth value or nothing.
    enum Cell {
        case text(String), number(Double), integer(Int), truth(Bool), null

        var csv: String {
            switch self {
            case .text(let text): text
            case .number(let number): "\(number)"
            case .integer(let integer): "\(integer)"
            case .truth(let truth): "\(truth)"
            case .null: ""
            }
        }

        var json: String {
            switch self {
            case .text(let text): JSONText.quoted(text)
            case .null: "null"
            default: csv
            }
        }
    }

    func cells(_ figure: ReliabilityFigure) -> [Cell] {
        let result = figure.result
        var row: [Cell] = [
            .text(figure.metric.rawValue), .text(figure.level.rawValue),
            figure.weights.map { .text($0.rawValue) } ?? .null,
            result.value.map(Cell.number) ?? .null, .truth(result.value != nil), .truth(result.isApplicable),
            result.reason.map(Cell.text) ?? .null, .integer(result.units), .integer(result.coders),
            .integer(result.pairableValues),
        ]
        if bootstrapped {
            row += [
                result.ci.map { .number($0.low) } ?? .null, result.ci.map { .number($0.high) } ?? .null,
                result.resamples.map { .integer($0.drawn) } ?? .null,
                result.resamples.map { .integer($0.defined) } ?? .null,
            ]
        }
        return row
    }

    func json() -> String {
        let objects = figures.map { figure in
            let members = zip(keys, cells(figure)).map { "    \(JSONText.quoted($0)): \($1.json)" }
            return "  {\n" + members.joined(separator: ",\n") + "\n  }"
        }
        return objects.isEmpty ? "[]\n" : "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    func table() -> Table {
        var header = ["metric", "level", "weights", "value"]
        if bootstrapped { header += ["95% CI", "α defined in"] }
        header += ["units", "coders", "pairable", "note"]
        let rows = figures.map { figure -> [String] in
            let result = figure.result
            let value: String
            switch result.state {
            case .defined(let number): value = String(format: "%.4f", number)
            case .undefined: value = "undefined"
            case .notApplicable: value = "n/a"
            }
            var row = [figure.metric.rawValue, figure.level.rawValue, figure.weights?.rawValue ?? "", value]
            if bootstrapped {
                row.append(result.ci.map { String(format: "%.4f–%.4f", $0.low, $0.high) } ?? "")
                row.append(result.resamples.map { "\($0.defined) of \($0.drawn)" } ?? "")
            }
            row += ["\(result.units)", "\(result.coders)", "\(result.pairableValues)", result.reason ?? ""]
            return row
        }
        return Table(header: header, rows: rows, numeric: bootstrapped ? [3, 5, 6, 7, 8] : [3, 4, 5, 6])
    }

    /// Warnings for standard error: a bootstrap whose α was defined in fewer than 95% of the resamples.
    var warnings: [String] {
        figures.compactMap { figure in
            guard let resamples = figure.result.resamples, !resamples.isAdequate else { return nil }
            let share = String(format: "%.1f%%", 100 * Double(resamples.defined) / Double(resamples.drawn))
            let interval =
                resamples.defined == 0
                ? "so there is no interval"
                : "and the interval rests on those \(resamples.defined) alone, so it may be too narrow"
            return "α (\(figure.level.rawValue)) was defined in only \(resamples.defined) of \(resamples.drawn) "
                + "bootstrap resamples (\(share), under 95%): resamples whose values are all alike have no α, "
                + "\(interval); report the count with the interval, or code more units"
        }
    }
}
