import ArgumentParser
import Foundation
import ViewpointsCore
import ViewpointsStore

extension FindingsReport.Format: ExpressibleByArgument {}

extension Viewpoints {
    struct ReportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "The study's findings as a reader sees them: key findings, charts, quotes, appendix.",
            discussion: """
                HTML (one self-contained file: inline CSS and SVG, no script, font or network; prints to A4 or \
                Letter) or Markdown with each chart as an SVG file beside it (FILE-figure-NN.svg). Contents: \
                title and panel with the database state (tool and schema version, audit chain head); key findings \
                (unanimous, strong and majority classes, by theme then strength), divided propositions; a diverging \
                bar chart and table per theme on one shared scale; quotes per finding; with --by, the charts per \
                group with small-cell suppression; an appendix with reliability, disagreements and the rules. \
                The same database state gives the same bytes (no date unless --date). An analyst's report has \
                suppressed tallies only and no statement text. Files are written with mode 0600 unless --mode. \
                See METHODS.md.
                """)

        @Option(help: "html or md.") var format: FindingsReport.Format = .html
        @Option(help: ArgumentHelp("Write here (HTML: default standard output; md: required).", valueName: "file"))
        var out: String?
        @Option(help: ArgumentHelp("Only this theme and its propositions.", valueName: "key")) var theme: String?
        @Option(help: ArgumentHelp("Break the charts down by this participant attribute.", valueName: "attribute"))
        var by: String?
        @Option(help: ArgumentHelp("Quotes per finding (0: none).", valueName: "n")) var quotes = 2
        @Option(
            help: ArgumentHelp("Attributes named beside each quote's pseudonym.", valueName: "a,b,…"))
        var quoteAttributes: String?
        @Option(help: ArgumentHelp("A date to print in the panel, as given.", valueName: "date")) var date: String?
        @Option(help: ArgumentHelp("Suppress groups with fewer participants.", valueName: "k")) var minCell = 5
        @Option(help: ArgumentHelp("Fewer participants who addressed it give no class.", valueName: "n"))
        var minAddressed = 3
        @Option(help: ArgumentHelp("Share of those who addressed it for a strong consensus.", valueName: "share"))
        var strong = 0.75
        @Option(
            help: ArgumentHelp(
                "A key finding to feature at the top, under In brief (repeat it, in the order wanted; default: every "
                    + "finding worded All or Most).", valueName: "proposition"))
        var headline: [String] = []
        @Option(help: ArgumentHelp("File mode of what --out writes, in octal.", valueName: "mode")) var mode = "0600"
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var database: DatabaseOptions

        var fileMode: Int? { Int(mode, radix: 8).flatMap { (0...0o777).contains($0) ? $0 : nil } }

        func validate() throws {
            if quotes < 0 { throw ValidationError("--quotes must be 0 or more") }
            if minCell < 1 { throw ValidationError("--min-cell must be at least 1 in a report") }
            if minAddressed < 1 { throw ValidationError("--min-addressed must be at least 1") }
            if !(strong > 0.5 && strong <= 1) { throw ValidationError("--strong must be above 0.5 and at most 1") }
            if fileMode == nil { throw ValidationError("--mode must be an octal file mode such as 0600 or 0644") }
            if format == .md && (out == nil || out == "-") {
                throw ValidationError("--format md needs --out FILE: the charts are written beside it")
            }
        }

        func run() throws {
            let store = try database.open()
            let thresholds = ConsensusThresholds(minAddressed: minAddressed, strong: strong)
            let attributes = quoteAttributes.map { $0.split(separator: ",").map(String.init) } ?? by.map { [$0] } ?? []
            let request = ReportRequest(
                consensus: ConsensusRequest(theme: theme, by: by, minCell: minCell, thresholds: thresholds),
                quotes: quotes, quoteAttributes: attributes, toolVersion: Viewpoints.configuration.version, date: date)
            let data = try report {
                try store.reportData(study: try store.resolveStudy(slug: studyOptions.resolvedSlug), request: request)
            }
            let name = out.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent } ?? "report"
            let options = FindingsReport.Options(
                quotesPerFinding: quotes, by: by, minCell: minCell, thresholds: thresholds, theme: theme,
                figurePrefix: name, headlines: headline)
            let findingsReport = FindingsReport(data: data, options: options)
            let featured = Set(findingsReport.headlines.map(\.code))
            for key in headline where !featured.contains(key) {
                let row = data.rows.first { $0.code == key && !$0.isTheme }
                warn(
                    "viewpoints: warning: --headline \(key): "
                        + (row == nil
                            ? "no such proposition in the report"
                            : "not a key finding (\(row?.consensusClass?.rawValue ?? "no class")), so not featured"))
            }
            let files = findingsReport.render(format)
            try ReportFiles.write(files, to: out, mode: fileMode ?? 0o600)
        }
    }
}
