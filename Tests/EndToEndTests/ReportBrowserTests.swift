import Foundation
import Testing
import ViewpointsTestSupport

/// The sample's report in a real browser: chromium prints it to PDF and takes a screenshot. Needs chromium and
/// poppler-utils (Scripts/test installs them); without them the suite is skipped locally and fails under
/// `CI=true`, where a missing browser must not pass as a skipped test.
@Suite(
    .serialized,
    .enabled(
        if: TestDatabase.enabled && (ExternalTool.available || ProcessInfo.processInfo.environment["CI"] == "true"),
        "needs DATABASE_URL, chromium and poppler-utils (Scripts/test provides them)"))
final class ReportBrowserTests {
    let cli: CLI
    var db: TestDatabase { cli.db }
    let folder: String
    let html: String

    init() throws {
        cli = try CLI()
        folder = cli.db.home + "/browser"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try cli.importSample(title: ReportCommandTests.sampleTitle)
        let made = try cli.run(["report", "--out", folder + "/report.html"])
        #expect(made.status == 0, "\(made)")
        html = try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
    }

    /// The browser, or a failure naming what to install.
    func tools() throws -> (chromium: String, pdftotext: String, pdfinfo: String) {
        guard let chromium = ExternalTool.chromium, let pdftotext = ExternalTool.pdftotext,
            let pdfinfo = ExternalTool.pdfinfo
        else {
            throw Missing(
                description: "chromium and poppler-utils are needed (apt-get install chromium poppler-utils; "
                    + "Scripts/test installs them)")
        }
        return (chromium, pdftotext, pdfinfo)
    }

    struct Missing: Error, CustomStringConvertible { var description: String }

    /// Headless chromium as root needs --no-sandbox; a throwaway profile keeps runs apart.
    func chromium(_ arguments: [String]) throws -> ExternalTool.Output {
        let profile = folder + "/profile-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let result = try ExternalTool.run(
            try tools().chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile)",
                "--hide-scrollbars",
            ] + arguments, in: folder)
        #expect(result.status == 0, "\(result)")
        return result
    }

    /// Text with every run of white space made one space, as a reader would quote it.
    static func flat(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The items of `<ol class="findings">` in the report.
    var findings: [String] {
        guard let start = html.range(of: "<ol class=\"findings\">"),
            let end = html.range(of: "</ol>", range: start.upperBound..<html.endIndex)
        else { return [] }
        return html[start.upperBound..<end.lowerBound].components(separatedBy: "<li>").dropFirst().map {
            ReportBrowserTests.unescape(String($0.prefix { $0 != "<" }))
        }
    }

    /// Per figure: its number and the first line of its last bar's label.
    var figures: [(number: Int, lastLabel: String)] {
        SVGSource.figures(in: html)
    }

    @Test func printedToPDFTheFindingsReadInOrderAndNoChartIsSplit() throws {
        let pdf = folder + "/report.pdf"
        _ = try chromium(["--no-pdf-header-footer", "--print-to-pdf=\(pdf)", "file://\(folder)/report.html"])
        let text = try ExternalTool.run(try tools().pdftotext, [pdf, "-"], in: folder)
        #expect(text.status == 0, "\(text)")
        let flat = ReportBrowserTests.flat(text.stdout)
        let findings = findings
        #expect(findings.count >= 3)
        #expect(findings.contains { $0.hasPrefix("Most participants agreed (39 of 60; 39 of 50 who addressed it)") })
        #expect(findings.contains { $0.hasPrefix("Many participants agreed (22 of 60; 22 of 31 who addressed it)") })
        #expect(findings.contains { $0.hasPrefix("All participants who addressed it agreed (44 of 60)") })
        var from = flat.startIndex
        for sentence in findings {
            guard let found = flat.range(of: ReportBrowserTests.flat(sentence), range: from..<flat.endIndex) else {
                Issue.record("not in the PDF after the previous finding: \(sentence)")
                continue
            }
            from = found.upperBound
        }
        // page by page: each chart's caption and its last bar's label on one and the same page
        let info = try ExternalTool.run(try tools().pdfinfo, [pdf], in: folder)
        let pages =
            info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
        #expect(pages >= 10, "a page per theme at least: \(info)")
        var pageTexts: [String] = []
        for page in 1...max(1, pages) {
            let one = try ExternalTool.run(
                try tools().pdftotext, ["-f", "\(page)", "-l", "\(page)", pdf, "-"], in: folder)
            pageTexts.append(ReportBrowserTests.flat(one.stdout))
        }
        let figures = figures
        #expect(figures.count == 9)
        for figure in figures {
            let caption = "Figure \(figure.number). "
            let holding = pageTexts.indices.filter { pageTexts[$0].contains(caption) }
            #expect(holding.count == 1, "\(caption) on pages \(holding.map { $0 + 1 })")
            guard let page = holding.first else { continue }
            #expect(
                pageTexts[page].contains(figure.lastLabel),
                "\(caption) and its last label '\(figure.lastLabel)' on page \(page + 1)")
            #expect(pageTexts[page].contains("strongly agreed (+2)"), "the legend too, page \(page + 1)")
        }
    }

    @Test func aScreenshotAt1280PixelsShowsTheReportWithoutHorizontalScroll() throws {
        let shot = folder + "/shot.png"
        _ = try chromium(["--window-size=1280,3800", "--screenshot=\(shot)", "file://\(folder)/report.html"])
        // not blank: decoded with Python's zlib, the picture has ink, and the charts' blue and orange
        let check = try ExternalTool.run(
            "/usr/bin/env", ["python3", Repository.path("Tests/EndToEndTests/Support/png-ink.py"), shot], in: folder)
        #expect(check.status == 0, "\(check)")
        let figures = Dictionary(
            uniqueKeysWithValues: check.stdout.split(separator: "\n").compactMap { line -> (String, Int)? in
                let parts = line.split(separator: "=")
                guard parts.count == 2, let value = Int(parts[1]) else { return nil }
                return (String(parts[0]), value)
            })
        #expect(figures["width"] == 1280, "\(check.stdout)")
        #expect((figures["ink_permille"] ?? 0) >= 20, "text and charts cover the page: \(check.stdout)")
        #expect((figures["blue"] ?? 0) > 50 && (figures["orange"] ?? 0) > 5, "the charts are drawn: \(check.stdout)")
        // no horizontal scroll: the report has no script, so a test-only page frames it 1280 px wide and reads
        // the framed document's scrollWidth against its clientWidth (same origin with file access allowed)
        let wrapper = folder + "/frame-1280.html"
        try """
        <!DOCTYPE html><html><body style="margin:0">
        <iframe id="f" src="report.html" style="width:1280px;height:900px;border:0"></iframe><pre id="out"></pre>
        <script>
        document.getElementById('f').addEventListener('load', function () {
          var d = this.contentDocument.documentElement;
          document.getElementById('out').textContent = 'measured ' + d.scrollWidth + ' ' + d.clientWidth;
        });
        </script></body></html>
        """.write(toFile: wrapper, atomically: true, encoding: .utf8)
        let dom = try chromium(
            ["--allow-file-access-from-files", "--window-size=1400,1000", "--dump-dom", "file://\(wrapper)"])
        let measured = dom.stdout.components(separatedBy: "<pre id=\"out\">measured ").dropFirst().first?
            .prefix { $0 != "<" }.split(separator: " ").compactMap { Int($0) }
        let widths = try #require(measured, "no measurement in \(dom.stdout.suffix(400))")
        #expect(widths.count == 2)
        #expect(widths[1] >= 1200, "the frame is 1280 px wide (less a vertical scroll bar): \(widths)")
        #expect(widths[0] <= widths[1], "scrollWidth \(widths[0]) exceeds clientWidth \(widths[1])")
    }
}

/// Reads the report's charts back from its HTML.
enum SVGSource {
    /// Figure numbers and the first line of each figure's last bar label.
    static func figures(in html: String) -> [(number: Int, lastLabel: String)] {
        var result: [(Int, String)] = []
        for block in html.components(separatedBy: "<figure class=\"chart-block\" id=\"fig").dropFirst() {
            let number = Int(block.prefix { $0.isNumber }) ?? 0
            guard let last = block.components(separatedBy: "<g class=\"bar\"").last,
                let tspan = last.range(of: "<tspan x=\"0\" dy=\"0\">")
            else { continue }
            let label = last[tspan.upperBound...].prefix { $0 != "<" }
            result.append((number, ReportBrowserTests.unescape(String(label))))
        }
        return result
    }
}
