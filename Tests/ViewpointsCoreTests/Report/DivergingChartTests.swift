import Foundation
import Testing
import ViewpointsCore

/// The charts of a report, read back from the SVG: segment widths proportional to the counts on one scale for
/// the whole report, segments in order around the zero line, labels and text alternatives present.
@Suite struct DivergingChartTests {
    static let zeroX = 500.0

    /// Two themes and a breakdown with one suppressed group; the widest side of any bar is 44 participants.
    static func data() -> ReportData {
        func row(_ code: String, _ theme: String, _ stances: [Int], n: Int = 60, group: String? = nil) -> ConsensusRow {
            ConsensusRow(
                code: code, label: "Label of \(code)", theme: theme, isTheme: false,
                attribute: group == nil ? nil : "side",
                group: group, tally: ConsensusTally(participants: n, stances: stances), coverage: 1)
        }
        func theme(_ key: String, n: Int = 60, group: String? = nil) -> ConsensusRow {
            ConsensusRow(
                code: key, label: "Theme \(key)", theme: key, isTheme: true, attribute: group == nil ? nil : "side",
                group: group, tally: ConsensusTally(participants: n, stances: [0, 0, 50, 0, 0]), coverage: 1)
        }
        let rows = [
            theme("a"), row("a.one", "a", [3, 3, 5, 25, 14]), row("a.two", "a", [0, 0, 0, 16, 28]),
            row("a.three", "a", [4, 4, 2, 4, 4]), theme("b"), row("b.one", "b", [1, 3, 5, 12, 10]),
            row("b.two", "b", [2, 2, 9, 1, 1]),
        ]
        var groups: [ConsensusRow] = []
        for (name, size) in [("big", 40), ("mid", 17), ("tiny", 3)] {
            groups.append(theme("a", n: size, group: name))
            groups.append(row("a.one", "a", [1, 1, 2, size / 3, size / 4], n: size, group: name))
        }
        groups = ConsensusRow.suppressing(groups, minCell: 5)
        return ReportData(
            facts: ReportFacts(
                slug: "s", title: "T", participants: 60, statements: 10, reviewed: 10, coders: 2, period: nil,
                toolVersion: "0", schemaVersion: 7, auditHead: ReportAuditHead(events: 1, hash: "ab")),
            audience: .lead, rows: rows, groupRows: groups, unresolvedPairs: 0, reliability: nil, disagreements: [],
            quotes: [:])
    }

    static func html() -> String {
        FindingsReport(data: data(), options: .init(by: "side")).render(.html)[0].contents
    }

    @Test func segmentWidthsAreCountsOnOneScaleForTheWholeReport() throws {
        let data = DivergingChartTests.data()
        let svgs = SVGElements.inline(in: DivergingChartTests.html())
        // two themes, and the two shown groups' theme a (tiny is suppressed, mid withheld with it)
        #expect(svgs.count == 3)
        let expected = Dictionary(
            (data.rows + data.groupRows).filter { !$0.isTheme && !$0.suppression.isSuppressed }.map {
                ($0.code + "|" + ($0.group ?? ""), $0.tally.stances)
            }, uniquingKeysWith: { a, _ in a })
        // the widest side is a.two's 44 supporters: the scale must hold it within the 190 px half-width
        var unit: Double?
        var barsSeen = 0
        for (index, svg) in svgs.enumerated() {
            let elements = try SVGElements(svg).elements
            let group = index == 2 ? "big" : ""
            let segments = elements.filter { $0.name == "rect" && $0.attributes["class"] == "segment" }
            let codes = Array(Set(segments.compactMap(\.barCode))).sorted()
            for code in codes {
                barsSeen += 1
                let stances = try #require(expected[code + "|" + group], "\(code) \(group)")
                let mine = segments.filter { $0.barCode == code }
                // documented order: −2, −1, 0, +1, +2, skipping empty ones; each starts where the last ended
                let drawn = mine.compactMap { $0.attributes["data-stance"].flatMap(Int.init) }
                #expect(drawn == (-2...2).filter { stances[$0 + 2] > 0 }, "\(code)")
                for (a, b) in zip(mine, mine.dropFirst()) {
                    #expect(abs(a.number("x")! + a.number("width")! - b.number("x")!) < 0.02, "\(code)")
                }
                for segment in mine {
                    let stance = Int(segment.attributes["data-stance"]!)!
                    let count = stances[stance + 2]
                    let width = segment.number("width")!
                    let perParticipant = width / Double(count)
                    if unit == nil { unit = perParticipant }
                    // proportional to the count on the one shared scale, to a pixel
                    #expect(abs(width - Double(count) * unit!) < 1, "\(code) \(stance): \(width) px for \(count)")
                }
                // neutral centred on the zero line: opposition plus half the neutral ones lie left of it
                let left = Double(stances[0] + stances[1]) + Double(stances[2]) / 2
                #expect(abs(mine[0].number("x")! - (DivergingChartTests.zeroX - left * unit!)) < 1, "\(code)")
                // label and class beside the bar
                let texts = elements.filter { $0.barCode == code && $0.name == "text" }.map(\.text)
                #expect(texts.contains { $0.contains("Label of \(code)") }, "\(texts)")
                #expect(texts.contains { $0.contains("did not address it") }, "\(texts)")
            }
        }
        #expect(barsSeen == 6)
        let scale = try #require(unit)
        #expect(44 * scale <= 190.01 && 44 * scale > 150, "44 supporters fill most of the half-width: \(scale)")
    }

    @Test func everyChartHasATextAlternative() throws {
        for svg in SVGElements.inline(in: DivergingChartTests.html()) {
            let elements = try SVGElements(svg).elements
            let root = try #require(elements.first)
            #expect(root.attributes["role"] == "img")
            #expect(root.attributes["aria-label"]?.hasPrefix("Figure ") == true)
            let labelled = root.attributes["aria-labelledby"]?.split(separator: " ").map(String.init) ?? []
            let title = try #require(elements.first { $0.name == "title" })
            let desc = try #require(elements.first { $0.name == "desc" })
            #expect(labelled == [title.attributes["id"], desc.attributes["id"]])
            #expect(desc.text.contains("strongly agreed") && desc.text.contains("did not address it"))
        }
    }

    @Test func markdownChartsAreStandaloneSVGFilesWithTheSameGeometry() throws {
        let report = FindingsReport(data: DivergingChartTests.data(), options: .init(by: "side", figurePrefix: "out"))
        let files = report.render(.md)
        #expect(files.map(\.name) == ["report.md", "out-figure-01.svg", "out-figure-02.svg", "out-figure-03.svg"])
        let inline = SVGElements.inline(in: report.render(.html)[0].contents)
        for (file, html) in zip(files.dropFirst(), inline) {
            #expect(file.contents.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(files[0].contents.contains("](\(file.name))"))
            let standalone = try SVGElements(file.contents).elements.filter { $0.attributes["class"] == "segment" }
                .map(\.attributes)
            let embedded = try SVGElements(html).elements.filter { $0.attributes["class"] == "segment" }
                .map(\.attributes)
            #expect(!standalone.isEmpty)
            #expect(standalone.map { $0["width"] } == embedded.map { $0["width"] })
        }
    }

    @Test func suppressedGroupsSayWhyAndShowNoNumbers() {
        let html = DivergingChartTests.html()
        #expect(html.contains("side = tiny</h3>\n<p class=\"suppressed\">Fewer than 5 participants — not shown.</p>"))
        #expect(html.contains("side = mid</h3>\n<p class=\"suppressed\">Withheld so that"))
        #expect(!html.contains("data-group=\"tiny\"") && !html.contains("data-group=\"mid\""))
        #expect(html.contains("data-group=\"big\""))
    }

    @Test func theSameDataGiveTheSameBytes() {
        #expect(DivergingChartTests.html() == DivergingChartTests.html())
        #expect(!DivergingChartTests.html().contains("Date"))
        var data = DivergingChartTests.data()
        data.facts.date = "2026-12-02"
        let dated = FindingsReport(data: data, options: .init()).render(.html)[0].contents
        #expect(dated.contains("<dt>Date</dt><dd>2026-12-02</dd>"))
    }

    @Test func findingsAreOrderedByThemeThenStrengthAndDividedAreNotFindings() {
        let report = FindingsReport(data: DivergingChartTests.data(), options: .init())
        // a.two unanimous before a.one strong; a.three (8 against 8 of 18) is divided; b.two mostly neutral
        #expect(report.findings.map(\.code) == ["a.two", "a.one", "b.one"])
        #expect(report.divided.map(\.code) == ["a.three"])
        #expect(
            FindingsReport.sentence(report.findings[1])
                == "Most participants agreed (39 of 60; 39 of 50 who addressed it): Label of a.one.")
    }
}
