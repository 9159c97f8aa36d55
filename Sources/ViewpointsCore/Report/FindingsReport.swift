/// Renders a findings report from values: HTML (inline CSS and SVG, no script, no font, no network) or
/// Markdown with the charts as separate SVG files. The same data gives the same bytes.
public struct FindingsReport: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case html, md
    }

    /// What the command chose.
    public struct Options: Sendable, Equatable {
        /// Quotes per finding (0: none).
        public var quotesPerFinding: Int
        /// `--by`: the attribute of `ReportData.groupRows`.
        public var by: String?
        /// Groups smaller than this are suppressed (`--min-cell`, the rule of METHODS.md).
        public var minCell: Int
        public var thresholds: ConsensusThresholds
        /// `--theme`: the report covers one theme.
        public var theme: String?
        /// For Markdown: the chart files are named `PREFIX-figure-NN.svg`.
        public var figurePrefix: String
        /// `--headline`: the findings "In brief" features, in this order (proposition keys); empty: every finding
        /// whose wording starts with All or Most.
        public var headlines: [String]

        public init(
            quotesPerFinding: Int = 2, by: String? = nil, minCell: Int = 5, thresholds: ConsensusThresholds = .init(),
            theme: String? = nil, figurePrefix: String = "report", headlines: [String] = []
        ) {
            self.headlines = headlines
            self.quotesPerFinding = quotesPerFinding
            self.by = by
            self.minCell = minCell
            self.thresholds = thresholds
            self.theme = theme
            self.figurePrefix = figurePrefix
        }
    }

    /// A file the report consists of: the report itself, or (Markdown) one chart.
    public struct File: Sendable, Equatable {
        public var name: String
        public var contents: String
    }

    /// A theme and its propositions, in codebook order.
    public struct Theme: Sendable, Equatable {
        public var row: ConsensusRow
        public var propositions: [ConsensusRow]
    }

    public var data: ReportData
    public var options: Options

    public init(data: ReportData, options: Options) {
        self.data = data
        self.options = options
    }

    // MARK: - Content

    /// Themes of `rows` in order of appearance, each with its propositions.
    public static func themes(_ rows: [ConsensusRow]) -> [Theme] {
        var order: [String] = []
        var themeRows: [String: ConsensusRow] = [:]
        var members: [String: [ConsensusRow]] = [:]
        for row in rows {
            if themeRows[row.theme] == nil && members[row.theme] == nil { order.append(row.theme) }
            if row.isTheme {
                themeRows[row.theme] = row
            } else {
                members[row.theme, default: []].append(row)
            }
        }
        return order.compactMap { key in
            let propositions = members[key] ?? []
            guard let row = themeRows[key] ?? propositions.first else { return nil }
            return Theme(row: row, propositions: propositions)
        }
    }

    public var themes: [Theme] { FindingsReport.themes(data.rows) }

    /// Propositions whose class is unanimous, strong or majority: by theme (codebook order), then strength.
    /// The findings "In brief" features: those of `Options.headlines` that are key findings, in that order, or
    /// without headlines every finding whose wording starts with All or Most.
    public var headlines: [ConsensusRow] {
        let findings = self.findings
        guard !options.headlines.isEmpty else {
            return findings.filter { row in
                let phrase = row.phrase ?? ""
                return phrase.hasPrefix("All ") || phrase.hasPrefix("Most ")
            }
        }
        return options.headlines.compactMap { key in findings.first { $0.code == key } }
    }

    public var findings: [ConsensusRow] {
        var result: [ConsensusRow] = []
        for theme in themes {
            let ranked = theme.propositions.enumerated().compactMap { index, row -> (Int, Int, ConsensusRow)? in
                guard let rank = row.consensusClass.flatMap(FindingsReport.strength) else { return nil }
                return (rank, index, row)
            }
            result += ranked.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
        }
        return result
    }

    /// 0 unanimous, 1 strong, 2 majority; nil for classes that are not findings.
    static func strength(_ consensusClass: ConsensusClass) -> Int? {
        switch consensusClass {
        case .unanimousSupport, .unanimousOppose: 0
        case .strongSupport, .strongOppose: 1
        case .majoritySupport, .majorityOppose: 2
        default: nil
        }
    }

    /// Divided propositions, in codebook order.
    public var divided: [ConsensusRow] { data.rows.filter { $0.consensusClass == .divided } }

    /// A finding as one sentence: `Most participants agreed (39 of 60; 39 of 50 who addressed it): LABEL.`
    public static func sentence(_ row: ConsensusRow) -> String {
        let label = row.label.isEmpty ? row.code : row.label
        let end = label.hasSuffix(".") || label.hasSuffix("?") || label.hasSuffix("!") ? "" : "."
        return "\(row.phrase ?? ""): \(label)\(end)"
    }

    /// `strong support`, or why a row has no class.
    static func classText(_ row: ConsensusRow) -> String {
        if row.suppression.isSuppressed { return "suppressed" }
        guard let value = row.consensusClass else { return "" }
        return value == .insufficient
            ? "too few addressed it" : value.rawValue.split(separator: "-").joined(separator: " ")
    }

    /// The chart bar of a proposition row.
    static func bar(_ row: ConsensusRow) -> DivergingChart.Bar {
        DivergingChart.Bar(
            code: row.code, label: row.label.isEmpty ? row.code : row.label, note: classText(row),
            stances: row.tally.stances, participants: row.tally.participants)
    }

    /// One scale for every chart of the report: the study's bars and every shown group's.
    public var scale: ChartScale {
        let rows = (data.rows + data.groupRows).filter { !$0.isTheme && !$0.suppression.isSuppressed }
        return ChartScale(bars: rows.map(FindingsReport.bar))
    }

    /// Groups of the breakdown in order of appearance: name, N, suppression, rows. An analyst's withheld groups come
    /// unnamed, as one group `withheldGroups`.
    public var groups: [(name: String, participants: Int, suppression: Suppression, rows: [ConsensusRow])] {
        var order: [String] = []
        var members: [String: [ConsensusRow]] = [:]
        for row in data.groupRows {
            let name = row.group ?? FindingsReport.withheldGroups
            if members[name] == nil { order.append(name) }
            members[name, default: []].append(row)
        }
        return order.map { name in
            let rows = members[name]!
            let first = rows[0]
            return (name, first.tally.participants, first.suppression, rows)
        }
    }

    /// The name an analyst's report gives the groups the database withheld without naming them.
    public static let withheldGroups = "(withheld groups)"

    // MARK: - Render

    /// The report in `format`: the first file is the report; Markdown adds one SVG file per chart.
    public func render(_ format: Format) -> [File] {
        var writer = ReportWriter(format: format, report: self)
        writer.write()
        return writer.files
    }
}
