import Foundation
import ViewpointsCore
import ViewpointsStore

/// `viewpoints consensus` as a table, CSV or JSON: the same cells in every format.
struct ConsensusOutput {
    var report: ConsensusReport
    var request: ConsensusRequest

    var columns: [String] { ConsensusRow.columns(byAttribute: report.byAttribute, robustness: report.robustness) }

    func render(_ format: OutputFormat, toTerminal: Bool, wide: Bool = false) -> String {
        switch format {
        case .table where !wide:
            narrowTable(
                width: min(ConsensusOutput.narrowWidth, toTerminal ? ConsensusOutput.terminalWidth() ?? 100 : 100))
        case .csv:
            CSVWriter.encode(
                [columns.map(CSVSpreadsheetSafety.neutralize)]
                    + report.rows.map {
                        $0.fields(byAttribute: report.byAttribute, robustness: report.robustness)
                            .map(CSVSpreadsheetSafety.neutralize)
                    }
            )
        case .json: json()
        case .table: table(width: toTerminal ? ConsensusOutput.terminalWidth() : nil)
        }
    }

    /// An array of objects with the CSV's columns as keys; undefined numbers are null.
    func json() -> String {
        let objects = report.rows.map { row in
            let values = row.values(byAttribute: report.byAttribute, robustness: report.robustness)
            let pairs = zip(columns, values).map { key, value in
                "    " + JSONText.quoted(key) + ": " + ConsensusOutput.json(value)
            }
            return "  {\n" + pairs.joined(separator: ",\n") + "\n  }"
        }
        return objects.isEmpty ? "[]\n" : "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    static func json(_ value: ConsensusValue?) -> String {
        switch value {
        case nil: "null"
        case .text(let text): JSONText.quoted(text)
        case .integer, .number, .boolean: value!.exact
        }
    }

    // MARK: - Table

    /// The default table's widest line.
    static let narrowWidth = 100

    /// The default table, at most `width` columns: code, (group,) addressed, support, neutral, oppose and class on
    /// one line, the phrase indented on the next (wrapped at word boundaries to fit). `--wide` shows every column.
    func narrowTable(width: Int) -> String {
        let by = report.byAttribute
        let shown = ["code"] + (by ? ["group"] : []) + ["addressed", "support", "neutral", "oppose", "consensus"]
        let header = ["code"] + (by ? ["group"] : []) + ["addr", "sup", "neu", "opp", "consensus"]
        let index = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        let suppressedCell = by ? 2 : 1
        var rows = report.rows.map { row -> [String] in
            let fields = row.tableFields(byAttribute: by, robustness: report.robustness)
            var cells = shown.map { fields[index[$0]!] }
            if row.suppression == .small { cells[suppressedCell] = "<\(request.minCell)" }
            if row.suppression == .secondary { cells[suppressedCell] = "(s)" }
            // an analyst's withheld groups come unnamed, as one row (07_disclosure.sql)
            if by && row.group == nil { cells[1] = FindingsReport.withheldGroups }
            return cells
        }
        // the code (and group) give way, with an ellipsis, when the line would be wider than `width`
        var widths = header.indices.map { i in max(header[i].count, rows.map { $0[i].count }.max() ?? 0) }
        for i in (by ? [1, 0] : [0]) {
            let excess = widths.reduce(0, +) + 2 * (widths.count - 1) - width
            guard excess > 0 else { break }
            let target = max(12, widths[i] - excess)
            for r in rows.indices where rows[r][i].count > target {
                rows[r][i] = String(rows[r][i].prefix(target - 1)) + "…"
            }
            widths[i] = target
        }
        let table = Table(header: header, rows: rows, numeric: Set((by ? 2 : 1)..<(header.count - 1))).text()
        var lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var out = Array(lines.prefix(2))
        for (row, line) in zip(report.rows, lines.dropFirst(2)) {
            out.append(line)
            if let phrase = row.phrase { out += ConsensusOutput.wrap(phrase, width: width - 4).map { "    " + $0 } }
            if let robustness = row.robustness, row.phrase != nil {
                out += ConsensusOutput.wrap(robustness.summary, width: width - 6).map { "      " + $0 }
            }
        }
        var text = out.joined(separator: "\n") + "\n"
        text += notes(rows: rows).map { $0 + "\n" }.joined()
        text += "addr: participants who addressed it; sup, neu, opp: their stances (support, neutral, oppose)\n"
        text += "every column (label, N, unresolved, shares, Wilson interval, Cns): --wide, or --format csv|json\n"
        if report.robustness {
            let legend =
                "fragility: participants who must change to alter the phrase (class); kept: share of resampled "
                + "panels with the same phrase / class; support: their 95% interval of k/n"
            text += ConsensusOutput.wrap(legend, width: width).map { $0 + "\n" }.joined()
        }
        return text
    }

    /// `text` broken at spaces into lines of at most `width` characters (a longer word stands alone).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Lines under a table: what `(s)` means, whether suppression is off, the coverage.
    func notes(rows: [[String]]) -> [String] {
        var notes: [String] = []
        if rows.contains(where: { $0.contains("(s)") }) {
            notes.append("(s): suppressed so that a small group cannot be recovered by subtraction")
        }
        if request.minCell == 0 { notes.append("small-cell suppression is off (--min-cell 0)") }
        if let first = report.rows.first, let coverage = first.coverage {
            notes.append("coverage: \(ConsensusValue.format(coverage)) of statements reviewed")
        }
        return notes
    }

    /// The table's columns: every number of the CSV, the same strings; labels truncated to fit `width`.
    func table(width: Int?) -> String {
        let by = report.byAttribute
        let shown =
            ["code", "label"] + (by ? ["group"] : []) + [
                "participants", "addressed", "support", "neutral", "oppose", "participants_unresolved", "share_support",
                "share_oppose", "wilson_low", "wilson_high", "cns", "consensus", "phrase",
            ] + (report.robustness ? ConsensusRow.robustnessColumns : [])
        let header =
            ["code", "label"] + (by ? ["group"] : []) + [
                "N", "n", "support", "neutral", "oppose", "unresolved", "sh_support", "sh_oppose", "wilson_lo",
                "wilson_hi",
                "cns", "consensus", "phrase",
            ]
            + (report.robustness
                ? [
                    "frag_phrase", "frag_class", "stab_phrase", "stab_class", "sup_lo", "sup_hi", "coders_agree",
                    "dissenting",
                ] : [])
        let index = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        var rows = report.rows.map { row -> [String] in
            let fields = row.tableFields(byAttribute: by, robustness: report.robustness)
            var cells = shown.map { fields[index[$0]!] }
            if row.suppression == .small { cells[by ? 3 : 2] = "<\(request.minCell)" }
            if row.suppression == .secondary { cells[by ? 3 : 2] = "(s)" }
            if by && row.group == nil { cells[2] = FindingsReport.withheldGroups }
            return cells
        }
        if let width {
            let others = header.indices.filter { $0 != 1 }.map { i in rows.map { $0[i].count }.max() ?? 0 }
                .map { max($0, 1) }
            let fixed =
                zip(header.indices.filter { $0 != 1 }, others).map { max($1, header[$0].count) }
                .reduce(0, +) + 2 * (header.count - 1)
            let labelWidth = max(8, width - fixed)
            for i in rows.indices where rows[i][1].count > labelWidth {
                rows[i][1] = String(rows[i][1].prefix(labelWidth - 1)) + "…"
            }
        }
        // the counts and shares, and the robustness numbers after the phrase, align right
        let plain = header.count - (report.robustness ? ConsensusRow.robustnessColumns.count : 0)
        let numeric = Set(2..<(plain - 2)).subtracting(by ? [2] : []).union(
            report.robustness ? Set(plain..<(plain + 6)) : [])
        var text = Table(header: header, rows: rows, numeric: numeric).text()
        let notes = notes(rows: rows)
        if !notes.isEmpty { text += "\n" + notes.joined(separator: "\n") + "\n" }
        return text
    }

    /// The terminal's width when standard output is one, else nil (never truncate).
    static func terminalWidth() -> Int? {
        guard isatty(1) == 1 else { return nil }
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    }
}
