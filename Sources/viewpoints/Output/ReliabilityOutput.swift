import Foundation
import ViewpointsCore

/// Renders a reliability report: a table of groups, or one CSV row / JSON object per figure.
struct ReliabilityOutput {
    var report: CodingReliabilityReport

    /// Column names of CSV and keys of each JSON figure, in order.
    static let keys = [
        "scope", "key", "measure", "metric", "level", "weights", "value", "defined", "applicable", "reason", "units",
        "coders", "pairable_values", "status",
    ]

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .table: table()
        case .csv: Table(header: Self.keys, rows: rows().map { $0.map(\.csv) }).render(.csv)
        case .json: json()
        }
    }

    /// One row of cells per figure: presence figures, then stance figures, group by group.
    func rows() -> [[StatsOutput.Cell]] {
        report.groups.flatMap { group in
            let presence = group.presence.enumerated().map { index, figure in
                cells(group, "presence", figure, status: index == 0 ? group.status : nil)
            }
            return presence + group.stance.map { cells(group, "stance", $0, status: nil) }
        }
    }

    func cells(_ group: ReliabilityGroup, _ measure: String, _ figure: ReliabilityFigure, status: ReliabilityStatus?)
        -> [StatsOutput.Cell]
    {
        let result = figure.result
        return [
            .text(group.scope.rawValue), .text(group.key), .text(measure), .text(figure.metric.rawValue),
            .text(figure.level.rawValue), figure.weights.map { .text($0.rawValue) } ?? .null,
            result.value.map(StatsOutput.Cell.number) ?? .null, .truth(result.value != nil),
            .truth(result.isApplicable), result.reason.map(StatsOutput.Cell.text) ?? .null, .integer(result.units),
            .integer(result.coders), .integer(result.pairableValues), status.map { .text($0.rawValue) } ?? .null,
        ]
    }

    func json() -> String {
        let figures = rows().map { row in
            let members = zip(Self.keys, row).map { "      \(JSONText.quoted($0)): \($1.json)" }
            return "    {\n" + members.joined(separator: ",\n") + "\n    }"
        }
        let coders = report.coders.map(JSONText.quoted).joined(separator: ", ")
        return """
            {
              "unit": \(JSONText.quoted(report.unit.rawValue)),
              "coders": [\(coders)],
              "statements": \(report.statements),
              "figures": [
            \(figures.joined(separator: ",\n"))
              ]
            }

            """
    }

    /// A figure's value, or why there is none.
    static func value(_ figure: ReliabilityFigure?) -> String {
        guard let figure else { return "" }
        switch figure.result.state {
        case .defined(let number): return String(format: "%.4f", number)
        case .undefined: return "undefined"
        case .notApplicable: return "n/a"
        }
    }

    func table() -> String {
        let twoCoders = report.coders.count == 2
        let header = [
            report.groups.first?.scope == .theme ? "theme" : "proposition", "units", "coders", "pairable", "α",
            twoCoders ? "κ" : "Fleiss κ", "agree", "status", "stance units", "stance α", twoCoders ? "weighted κ" : "",
        ]
        let rows = report.groups.map { group -> [String] in
            let alpha = group.presenceAlpha.result
            let stance = group.stance.first?.result
            return [
                group.scope == .all ? "all (pooled)" : group.key, "\(alpha.units)", "\(alpha.coders)",
                "\(alpha.pairableValues)", Self.value(group.presenceAlpha), Self.value(group.presence[1]),
                Self.value(group.presence[2]), group.status.rawValue, stance.map { "\($0.units)" } ?? "",
                Self.value(group.stance.first), twoCoders ? Self.value(group.stance.last) : "",
            ]
        }
        let unitWord = report.unit == .statement ? "statement" : "participant"
        let intro =
            "\(unitWord) units; coders \(report.coders.joined(separator: ", ")); \(report.statements) statements "
            + "reviewed by at least two\n"
        let legend =
            "status: presence α ≥ 0.800 acceptable, ≥ 0.667 tentative, below flagged; undefined: no α "
            + "(reasons: --format json)\n"
        return intro + Table(header: header, rows: rows, numeric: [1, 2, 3, 4, 5, 6, 8, 9, 10]).render(.table)
            + legend
    }
}
