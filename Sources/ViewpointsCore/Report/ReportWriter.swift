/// Walks the report's contents in the order of issue 16 and emits HTML or Markdown.
struct ReportWriter {
    let format: FindingsReport.Format
    let report: FindingsReport
    var out = ""
    var files: [FindingsReport.File] = []
    var figures = 0

    init(format: FindingsReport.Format, report: FindingsReport) {
        self.format = format
        self.report = report
    }

    var data: ReportData { report.data }
    var options: FindingsReport.Options { report.options }
    var html: Bool { format == .html }

    mutating func write() {
        let scale = report.scale
        if html { out += ReportWriter.head(title: data.facts.title.isEmpty ? data.facts.slug : data.facts.title) }
        writeTitleAndPanel()
        writeFindings()
        writeThemes(scale: scale)
        writeQuotes()
        if let by = options.by { writeBreakdown(by: by, scale: scale) }
        writeAppendix()
        if html { out += "</main>\n</body>\n</html>\n" }
        let name = html ? "report.html" : "report.md"
        files.insert(FindingsReport.File(name: name, contents: out), at: 0)
    }

    // MARK: - Sections

    mutating func writeTitleAndPanel() {
        let facts = data.facts
        heading(1, facts.title.isEmpty ? "Study \(facts.slug)" : facts.title, id: "title")
        let themes = report.themes
        let propositions = themes.reduce(0) { $0 + $1.propositions.count }
        var description =
            "Findings of the study \(facts.slug): interviews with \(facts.participants) participants, "
            + "\(facts.statements) statements coded against \(propositions) propositions in \(themes.count) "
            + "\(themes.count == 1 ? "theme" : "themes")"
        if let theme = options.theme { description += " (this report covers the theme \(theme) only)" }
        description +=
            ". Every count is of participants, not statements: a participant who returned to a point "
            + "counts once, with the rounded mean of their stances (METHODS.md, Consensus)."
        paragraph(description)
        if facts.reviewed < facts.statements || data.unresolvedPairs > 0 {
            paragraph(
                "Coding is not complete: \(facts.reviewed) of \(facts.statements) statements reviewed, "
                    + "\(data.unresolvedPairs) statement–proposition pairs unresolved; the figures may change.",
                className: "warning")
        }
        var items: [(String, String)] = [
            ("Participants", "\(facts.participants)"),
            ("Statements", "\(facts.statements) (\(facts.reviewed) reviewed)"),
            ("Propositions", "\(propositions) in \(themes.count) \(themes.count == 1 ? "theme" : "themes")"),
            ("Coders", facts.coders.map { "\($0)" } ?? "not shown to the analyst role"),
        ]
        if let period = facts.period {
            items.append(("Interview period", "\(period.first) to \(period.last) (attribute \(period.attribute))"))
        }
        items.append(("Made by", "viewpoints \(facts.toolVersion), database schema version \(facts.schemaVersion)"))
        if let head = facts.auditHead {
            items.append(("Audit chain head", "\(head.events) coding events; last hash \(head.hash)"))
        } else {
            items.append(("Audit chain head", "not shown to the analyst role"))
        }
        items.append(
            (
                "Made for",
                data.audience == .lead
                    ? "the study's lead" : "an analyst: suppressed, perturbed tallies, no statement text"
            )
        )
        if let date = facts.date { items.append(("Date", date)) }
        definitions(items, className: "panel")
    }

    mutating func writeFindings() {
        heading(2, "Key findings", id: "findings")
        let findings = report.findings
        if findings.isEmpty {
            paragraph("No proposition reached a unanimous, strong or majority consensus.")
        } else {
            paragraph(
                "Every proposition whose consensus class is unanimous, strong or majority, by theme and then "
                    + "strength. The quantifier describes the whole panel; the parenthesis gives both denominators.")
            let headline = report.headlines
            if !headline.isEmpty {
                paragraph(
                    options.headlines.isEmpty
                        ? "In brief, where all who addressed it or most of the panel agreed or disagreed:"
                        : "In brief, the findings this report features:", className: "lead")
                list(headline.map(FindingsReport.sentence), ordered: false, className: "headline")
                paragraph("Every finding:")
            }
            list(
                findings.map(FindingsReport.sentence), ordered: true, className: "findings",
                notes: findings.map { finding in
                    finding.robustness.map { robustness in
                        (robustness.verdict.map { $0.rawValue.capitalized + ". " } ?? "") + "Robustness: "
                            + robustness.summary + "."
                    }
                })
            if findings.contains(where: { $0.robustness != nil }) {
                paragraph(
                    "Robustness (METHODS.md, Robustness of findings): fragility is the fewest participants whose "
                        + "changed stance would alter the wording (phrase) or the class; then the share of "
                        + "resampled panels that keep the phrase and the class, the support share's 95% percentile "
                        + "interval, and whether every coder's version keeps the wording. A finding is robust "
                        + "when at least \(ConsensusRobustness.Verdict.minimumChanges) participants would have to "
                        + "answer otherwise to change its wording, at least "
                        + "\(Int(ConsensusRobustness.Verdict.minimumStability * 100))% of resampled panels keep it "
                        + "and no coder's version changes it; fragile otherwise.",
                    className: "note")
            }
        }
        let divided = report.divided
        heading(3, "Divided", id: "divided")
        if divided.isEmpty {
            paragraph("No proposition is divided.")
        } else {
            paragraph("These are not findings: the participants who addressed them are split.")
            list(divided.map { "\($0.label): \($0.phrase ?? "")." }, ordered: false, className: "divided")
        }
        let rest = data.rows.filter { row in
            guard let value = row.consensusClass else { return false }
            return value == .mostlyNeutral || value == .insufficient
        }
        if !rest.isEmpty {
            let neutral = rest.filter { $0.consensusClass == .mostlyNeutral }.count
            paragraph(
                "Not findings either: \(neutral) mostly neutral, \(rest.count - neutral) addressed by fewer than "
                    + "\(options.thresholds.minAddressed) participants; they appear in the charts below.")
        }
    }

    mutating func writeThemes(scale: ChartScale) {
        heading(2, "Per theme", id: "themes")
        paragraph(
            "One bar per proposition on one scale of participants for the whole report: opposition left of the "
                + "zero line, support right, strong stances (±2) darker than mild ones (±1, opposition hatched), "
                + "neutral centred on the line; those who did not address it are counted beside the bar.")
        for theme in report.themes {
            section(className: "theme") { writer in
                writer.heading(
                    3, theme.row.label.isEmpty ? theme.row.theme : theme.row.label, id: "theme-\(theme.row.theme)")
                writer.figure(theme.propositions, title: "\(theme.row.label): where participants stand", scale: scale)
            }
        }
    }

    mutating func writeQuotes() {
        heading(2, "Quotes", id: "quotes")
        if data.audience == .analyst {
            paragraph(
                "No quotes: this report was made with the analyst role, which sees suppressed tallies only and no "
                    + "statement text. A lead of the study can make the report with quotes.")
            return
        }
        if options.quotesPerFinding == 0 {
            paragraph("No quotes were asked for (--quotes 0).")
            return
        }
        paragraph(
            "Up to \(options.quotesPerFinding) statements per finding from different participants, with the "
                + "majority's stance: strongest stance first, then the shorter; cut at a sentence near "
                + "\(QuoteSelection.target) characters. Texts are pseudonymized and redacted as stored.")
        for row in report.findings {
            heading(3, FindingsReport.sentence(row), id: "quotes-\(row.code)")
            let quotes = data.quotes[row.code] ?? []
            if quotes.isEmpty { paragraph("No statement with a final coding on the majority's side.") }
            for quote in quotes {
                blockquote(QuoteSelection.excerpt(quote.text), attribution: "\(quote.attribution) (\(quote.statement))")
            }
        }
    }

    mutating func writeBreakdown(by attribute: String, scale: ChartScale) {
        section(className: "breakdown") { writer in
            writer.heading(2, "Breakdown by \(attribute)", id: "breakdown")
            writer.paragraph(writer.breakdownNote(attribute))
            for group in writer.report.groups {
                let shown = !group.suppression.isSuppressed
                writer.heading(
                    3,
                    shown
                        ? "\(attribute) = \(group.name) (\(group.participants) participants)"
                        : "\(attribute) = \(group.name)",
                    id: "group-\(group.name)")
                switch group.suppression {
                case .small where writer.data.audience == .analyst:
                    writer.paragraph(
                        "Groups withheld as described above, unnamed — not shown.", className: "suppressed")
                case .small:
                    writer.paragraph(
                        "Fewer than \(writer.options.minCell) participants — not shown.", className: "suppressed")
                case .secondary:
                    writer.paragraph(
                        "Withheld so that a group of fewer than \(writer.options.minCell) participants cannot be "
                            + "recovered by subtraction — not shown.", className: "suppressed")
                case .shown:
                    for theme in FindingsReport.themes(group.rows) where !theme.propositions.isEmpty {
                        writer.figure(
                            theme.propositions,
                            title: "\(theme.row.label), \(attribute) = \(group.name)", scale: scale, level: 4)
                    }
                }
            }
        }
    }

    /// How the breakdown chose its groups: the lead's rule, or the analysts' disclosure control.
    func breakdownNote(_ attribute: String) -> String {
        let k = options.minCell
        let intro =
            "The same charts for each group of participants with a value of \(attribute) (without it: "
            + "(missing)), on the report's scale. "
        guard data.audience == .analyst else {
            return intro
                + "Groups with fewer than \(k) participants are not shown, and when exactly one is, the next smallest "
                + "too, so that it cannot be recovered by subtraction from the study's totals."
        }
        return intro
            + "Groups with fewer than \(k) participants are neither shown nor named, and the smallest others are "
            + "withheld with them until the withheld groups hold at least \(k) participants together; every count is "
            + "perturbed by up to 2 (cell key method), so that subtracting one table from another reveals no one."
    }

    mutating func writeAppendix() {
        section(className: "appendix") { writer in
            writer.heading(2, "Appendix", id: "appendix")
            writer.writeReliability()
            writer.writeDisagreements()
            writer.writeRules()
        }
    }

    mutating func writeReliability() {
        heading(3, "Reliability per theme", id: "reliability")
        guard let reliability = data.reliability else {
            paragraph("Reliability is shown to the study's lead only (`viewpoints reliability` needs the lead role).")
            return
        }
        paragraph(
            "Coders \(reliability.coders.joined(separator: ", ")) on the \(reliability.statements) statements "
                + "reviewed by at least two of them. Presence (applied or not): nominal Krippendorff's α, "
                + "\(reliability.coders.count == 2 ? "Cohen's κ" : "Fleiss' κ"); stance where two coders applied "
                + "it: ordinal α. Status from presence α: acceptable ≥ 0.800, tentative ≥ 0.667, flagged below "
                + "(METHODS.md, Inter-coder reliability).")
        let rows = reliability.groups.map { group -> [String] in
            let alpha = group.presenceAlpha.result
            return [
                group.scope == .all ? "all (pooled)" : group.key, "\(alpha.units)", "\(alpha.coders)",
                ReportWriter.value(group.presenceAlpha), ReportWriter.value(group.stance.first),
                ReportWriter.value(group.presence.count > 1 ? group.presence[1] : nil), group.status.rawValue,
            ]
        }
        table(
            header: ["theme", "units", "coders", "α presence", "stance α", "κ", "status"], rows: rows,
            numeric: [1, 2, 3, 4, 5], caption: "Reliability per theme")
    }

    mutating func writeDisagreements() {
        heading(3, "Disagreements and unresolved codings", id: "disagreements")
        guard let disagreements = data.disagreements else {
            paragraph(
                "\(data.unresolvedPairs) statement–proposition pairs are unresolved and excluded from every count. "
                    + "The list of disagreements is shown to the study's lead only.")
            return
        }
        let open = disagreements.filter { $0.status == "open" }.count
        paragraph(
            "\(open) open and \(disagreements.count - open) stale disagreements (an adjudication is stale when a "
                + "coder changed their decision after it); \(data.unresolvedPairs) statement–proposition pairs are "
                + "unresolved and excluded from every count. `viewpoints disagreements` lists them.")
        if !disagreements.isEmpty {
            let shown = disagreements.prefix(40)
            table(
                header: ["statement", "proposition", "status"],
                rows: shown.map { [$0.statement, $0.code, $0.status] }, numeric: [], caption: "Disagreements")
            if disagreements.count > shown.count {
                paragraph("… and \(disagreements.count - shown.count) more.")
            }
        }
    }

    mutating func writeRules() {
        let t = options.thresholds
        heading(3, "How the figures are made", id: "rules")
        paragraph(
            "Final coding: for a statement and proposition, the lead's adjudication if there is one; else the "
                + "decision of the only coder who reviewed it; else the decision all reviewing coders agree on; "
                + "else it is unresolved, excluded and counted. There is no majority vote among coders.")
        paragraph(
            "A participant addressed a proposition when at least one of their statements has an applied final "
                + "coding of it; their stance is the mean of those statements' stances (−2 … +2) rounded half "
                + "away from zero: support above 0, opposition below.")
        paragraph(
            "Class, of the n who addressed it (first match): fewer than \(t.minAddressed) — too few; all on one "
                + "side and n at least half the panel — unanimous; at least \(ReportWriter.percent(t.strong)) on "
                + "one side — strong; more than half — majority; more than half neutral — mostly neutral; else "
                + "divided. Wording, of the whole panel N: all who addressed it (unanimous); most — more than "
                + "half of N; many — at least 30%; some — at least 10%; a few — two or more; with both "
                + "denominators in parentheses. Divided and mostly neutral propositions name every side.")
        paragraph(smallCellsNote)
    }

    /// The appendix's account of small-cell protection, for the report's audience.
    var smallCellsNote: String {
        guard data.audience == .analyst else {
            return "Small cells: in a breakdown, every group with fewer than \(options.minCell) participants has all "
                + "its counts withheld, and when exactly one group is withheld the next smallest is too, so it "
                + "cannot be recovered from the study's totals. Differences between repeated queries are not "
                + "protected. Details and references: METHODS.md."
        }
        return "Small cells: in a breakdown, every group with fewer than \(options.minCell) participants is withheld "
            + "unnamed, with the smallest others until the withheld groups hold at least \(options.minCell) "
            + "participants together. Every count is perturbed by the cell key method (at most ±2, zero on average, "
            + "the same for the same participants in every table), so differences between tables give noise, not "
            + "a person; shares and classes are computed from the perturbed counts. Details: METHODS.md."
    }

    // MARK: - Figures

    mutating func figure(_ rows: [ConsensusRow], title: String, scale: ChartScale, level: Int = 4) {
        figures += 1
        let number = figures
        let id = "fig\(number)"
        let chart = DivergingChart(
            id: id, title: "Figure \(number). \(title)", bars: rows.map(FindingsReport.bar), scale: scale)
        let header = ["proposition", "−2", "−1", "0", "+1", "+2", "addressed", "of N", "class"]
        let cells = rows.map { row -> [String] in
            let s = row.tally.stances
            return [
                row.label, "\(s[0])", "\(s[1])", "\(s[2])", "\(s[3])", "\(s[4])", "\(row.tally.addressed)",
                "\(row.tally.participants)", FindingsReport.classText(row),
            ]
        }
        let attributes = rows.map { row in
            "data-code=\"\(Markup.escape(row.code))\""
                + (row.group.map { " data-group=\"\(Markup.escape($0))\"" } ?? "")
        }
        if html {
            out += "<figure class=\"chart-block\" id=\"\(id)\">\n"
            out += "<figcaption>\(Markup.escape(chart.title))</figcaption>\n"
            out += chart.svg() + "\n"
            table(
                header: header, rows: cells, numeric: [1, 2, 3, 4, 5, 6, 7], caption: "\(chart.title): the numbers",
                rowAttributes: attributes)
            out += "</figure>\n"
        } else {
            let name = "\(options.figurePrefix)-figure-\(number < 10 ? "0" : "")\(number).svg"
            files.append(FindingsReport.File(name: name, contents: chart.svg(standalone: true) + "\n"))
            heading(level, chart.title, id: id)
            out += "![\(Markup.markdown(chart.description))](\(name))\n\n"
            table(header: header, rows: cells, numeric: [1, 2, 3, 4, 5, 6, 7], caption: nil)
        }
    }

    // MARK: - Emitters

    static func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Markup.escape(title))</title>
        <style>
        \(ReportWriter.css)
        </style>
        </head>
        <body>
        <main>

        """
    }

    static let css = """
        html { color: #111111; background: #ffffff; }
        body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 15px; line-height: 1.45;
          margin: 0 auto; max-width: 58rem; padding: 1.5rem; overflow-wrap: anywhere; }
        h1 { font-size: 1.8rem; margin: 0 0 0.5rem; }
        h2 { font-size: 1.35rem; margin: 1.8rem 0 0.6rem; border-bottom: 2px solid #1f5f9e; }
        h3 { font-size: 1.1rem; margin: 1.2rem 0 0.4rem; }
        h4 { font-size: 1rem; margin: 1rem 0 0.3rem; }
        dl.panel { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 1rem 0; }
        dl.panel dt { font-weight: bold; }
        dl.panel dd { margin: 0; }
        .warning { border-left: 4px solid #a6500a; padding-left: 0.6rem; }
        ol.findings li { margin: 0.15rem 0; }
        ul.headline { font-weight: bold; font-size: 1.05rem; }
        .robustness { color: #444444; font-size: 12px; }
        .note { color: #444444; font-size: 13px; }
        figure.chart-block { margin: 1rem 0 1.5rem; break-inside: avoid; page-break-inside: avoid; }
        figcaption { font-weight: bold; margin-bottom: 0.3rem; }
        svg.chart { display: block; width: 100%; max-width: 880px; height: auto; }
        table { border-collapse: collapse; font-size: 13px; margin: 0.5rem 0; width: 100%; }
        caption { text-align: left; font-size: 12px; color: #444444; }
        th, td { border-bottom: 1px solid #cccccc; padding: 2px 6px; text-align: left; vertical-align: top; }
        th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
        blockquote { margin: 0.5rem 0 0.8rem 1rem; padding-left: 0.8rem; border-left: 3px solid #9cc8e2; }
        blockquote footer { color: #444444; font-size: 13px; }
        .suppressed { color: #555555; font-style: italic; }
        code { font-size: 0.9em; }
        @page { margin: 14mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10.5pt; }
          section.theme, section.breakdown, section.appendix { break-before: page; page-break-before: always; }
          figure.chart-block, blockquote, tr { break-inside: avoid; page-break-inside: avoid; }
          h2, h3, h4, figcaption { break-after: avoid; page-break-after: avoid; }
        }
        """

    mutating func heading(_ level: Int, _ text: String, id: String) {
        if html {
            out += "<h\(level) id=\"\(ReportWriter.anchor(id))\">\(Markup.escape(text))</h\(level)>\n"
        } else {
            out += String(repeating: "#", count: level) + " " + Markup.markdown(text) + "\n\n"
        }
    }

    mutating func paragraph(_ text: String, className: String? = nil) {
        if html {
            out +=
                "<p\(className.map { " class=\"\($0)\"" } ?? "")>\(ReportWriter.inlineCode(Markup.escape(text)))</p>\n"
        } else {
            out += Markup.markdown(text).replacingBackslashedBackticks() + "\n\n"
        }
    }

    mutating func list(_ items: [String], ordered: Bool, className: String, notes: [String?] = []) {
        if html {
            let tag = ordered ? "ol" : "ul"
            out += "<\(tag) class=\"\(className)\">\n"
            for (index, item) in items.enumerated() {
                out += "<li>\(Markup.escape(item))"
                if index < notes.count, let note = notes[index] {
                    out += "<br><span class=\"robustness\">\(Markup.escape(note))</span>"
                }
                out += "</li>\n"
            }
            out += "</\(tag)>\n"
        } else {
            for (index, item) in items.enumerated() {
                out += (ordered ? "\(index + 1). " : "- ") + Markup.markdown(item) + "\n"
                if index < notes.count, let note = notes[index] {
                    out += (ordered ? "   " : "  ") + Markup.markdown(note) + "\n"
                }
            }
            out += "\n"
        }
    }

    mutating func definitions(_ items: [(String, String)], className: String) {
        if html {
            out += "<dl class=\"\(className)\">\n"
            for (term, value) in items { out += "<dt>\(Markup.escape(term))</dt><dd>\(Markup.escape(value))</dd>\n" }
            out += "</dl>\n"
        } else {
            for (term, value) in items { out += "- **\(Markup.markdown(term)):** \(Markup.markdown(value))\n" }
            out += "\n"
        }
    }

    mutating func blockquote(_ text: String, attribution: String) {
        if html {
            out += "<blockquote><p>\(Markup.escape(text))</p><footer>— \(Markup.escape(attribution))</footer>"
            out += "</blockquote>\n"
        } else {
            out += "> \(Markup.markdown(text))\n>\n> — \(Markup.markdown(attribution))\n\n"
        }
    }

    mutating func table(
        header: [String], rows: [[String]], numeric: Set<Int>, caption: String?, rowAttributes: [String] = []
    ) {
        if html {
            out += "<table>\n"
            if let caption { out += "<caption>\(Markup.escape(caption))</caption>\n" }
            out += "<thead><tr>"
            for (index, cell) in header.enumerated() {
                out += "<th scope=\"col\"\(numeric.contains(index) ? " class=\"num\"" : "")>\(Markup.escape(cell))</th>"
            }
            out += "</tr></thead>\n<tbody>\n"
            for (rowIndex, row) in rows.enumerated() {
                let attributes = rowIndex < rowAttributes.count ? " " + rowAttributes[rowIndex] : ""
                out += "<tr\(attributes)>"
                for (index, cell) in row.enumerated() {
                    if index == 0 {
                        out += "<th scope=\"row\">\(Markup.escape(cell))</th>"
                    } else {
                        out += "<td\(numeric.contains(index) ? " class=\"num\"" : "")>\(Markup.escape(cell))</td>"
                    }
                }
                out += "</tr>\n"
            }
            out += "</tbody>\n</table>\n"
        } else {
            out += "| " + header.map(Markup.markdown).joined(separator: " | ") + " |\n"
            out += "|" + header.indices.map { numeric.contains($0) ? " ---: |" : " --- |" }.joined() + "\n"
            for row in rows { out += "| " + row.map(Markup.markdown).joined(separator: " | ") + " |\n" }
            out += "\n"
        }
    }

    mutating func section(className: String, _ body: (inout ReportWriter) -> Void) {
        if html { out += "<section class=\"\(className)\">\n" }
        body(&self)
        if html { out += "</section>\n" }
    }

    // MARK: - Helpers

    /// `` `x` `` in escaped text becomes `<code>x</code>`.
    static func inlineCode(_ text: String) -> String {
        var result = ""
        var open = false
        for character in text {
            if character == "`" {
                result += open ? "</code>" : "<code>"
                open.toggle()
            } else {
                result.append(character)
            }
        }
        if open { result += "</code>" }
        return result
    }

    /// An id from any text: letters, digits and hyphens.
    static func anchor(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") ? $0 : "-" })
    }

    /// A reliability figure to 4 decimals, or why there is none.
    static func value(_ figure: ReliabilityFigure?) -> String {
        guard let figure else { return "" }
        switch figure.result.state {
        case .defined(let number): return decimals(number, 4)
        case .undefined: return "undefined"
        case .notApplicable: return "n/a"
        }
    }

    static func decimals(_ value: Double, _ places: Int) -> String {
        var factor = 1.0
        for _ in 0..<places { factor *= 10 }
        let scaled = Int((abs(value) * factor).rounded(.toNearestOrAwayFromZero))
        let whole = scaled / Int(factor)
        let fraction = String(scaled % Int(factor))
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return "\(sign)\(whole).\(String(repeating: "0", count: places - fraction.count))\(fraction)"
    }

    static func percent(_ share: Double) -> String {
        let value = share * 100
        return value == value.rounded() ? "\(Int(value))%" : "\(decimals(value, 1))%"
    }
}

extension String {
    /// Markdown escaping turns `` ` `` into `` \` ``; paragraphs keep their inline code.
    fileprivate func replacingBackslashedBackticks() -> String {
        var result = ""
        var pending = false
        for character in self {
            if pending {
                if character != "`" { result.append("\\") }
                result.append(character)
                pending = false
            } else if character == "\\" {
                pending = true
            } else {
                result.append(character)
            }
        }
        if pending { result.append("\\") }
        return result
    }
}
