import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

/// `viewpoints report` on the sample study as a lead and as an analyst: the numbers agree with `consensus`,
/// the same state gives the same bytes, an analyst's report has no statement text, and files are mode 0600.
@Suite(.serialized, .database)
final class ReportCommandTests {
    let cli: CLI
    var db: TestDatabase { cli.db }
    let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    var logins: [String] = []

    init() throws {
        cli = try CLI()
        try cli.importSample(title: ReportCommandTests.sampleTitle)
    }

    deinit {
        if let admin = try? Connection(conninfo: db.url) {
            for login in logins {
                _ = try? admin.execute("DROP ROLE IF EXISTS \(login)", doing: "dropping a test login")
            }
        }
    }

    /// The sample's title as the README gives it.
    static let sampleTitle = "Where do we go from here? (synthetic sample)"

    func login(_ role: String, coder: String? = nil) throws -> String {
        if logins.isEmpty {
            let roles = try cli.run(["db", "roles"])
            #expect(roles.status == 0, "\(roles)")
        }
        let login = "report_\(role)_\(suffix)"
        logins.append(login)
        #expect(try cli.run(["user", "add", login]).status == 0)
        let grant = try cli.run(
            ["grant", "--study", "ipr-2018", "--role", role, "--user", login] + (coder.map { ["--coder", $0] } ?? []))
        #expect(grant.status == 0, "\(grant)")
        return login
    }

    func report(_ arguments: [String], as login: String? = nil, name: String = "report.html") throws -> String {
        let path = db.home + "/" + name
        let result = try cli.run(["report", "--out", path] + arguments, as: login)
        #expect(result.status == 0, "\(result)")
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// The cells of the table row of `code` (and `group`) in a report: label, −2, −1, 0, +1, +2, addressed, N, class.
    static func tableRow(_ html: String, code: String, group: String? = nil) -> [String]? {
        let key = "<tr data-code=\"\(code)\"" + (group.map { " data-group=\"\($0)\"" } ?? "") + ">"
        guard let start = html.range(of: key) else { return nil }
        let rest = html[start.upperBound...]
        guard let end = rest.range(of: "</tr>") else { return nil }
        let line = String(rest[..<end.lowerBound])
        // every cell is `<th …>text</th>` or `<td …>text</td>`: the text before each closing tag
        return line.components(separatedBy: "</t").dropLast().map { piece in
            String(piece[(piece.lastIndex(of: ">").map(piece.index(after:)) ?? piece.startIndex)...])
        }
    }

    static func csv(_ text: String) throws -> [[String: String]] {
        var reader = CSVReader(bytes: Array(text.utf8))
        var rows: [[String]] = []
        while let record = try reader.next() { rows.append(record.fields) }
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(rows[0], $0)) }
    }

    /// Checks every shown proposition row of `tallies` (consensus CSV) against the report's tables.
    static func expectTables(_ html: String, match tallies: [[String: String]], groups: Bool) {
        var checked = 0
        for row in tallies where row["label"] != nil && row["support"] != "" || row["suppressed"] == "true" {
            let code = row["code"]!
            let group = groups ? row["group"] : nil
            let cells = tableRow(html, code: code, group: group)
            if row["suppressed"] == "true" {
                #expect(cells == nil, "\(code) \(group ?? ""): a suppressed group has no numbers")
                continue
            }
            guard let cells, cells.count == 9 else {
                Issue.record("no table row for \(code) \(group ?? "")")
                continue
            }
            let n = cells[1...5].map { Int($0) ?? -1 }
            #expect(String(n[0] + n[1]) == row["oppose"], "\(code) \(group ?? "")")
            #expect(String(n[2]) == row["neutral"], "\(code) \(group ?? "")")
            #expect(String(n[3] + n[4]) == row["support"], "\(code) \(group ?? "")")
            #expect(cells[6] == row["addressed"] && cells[7] == row["participants"], "\(code) \(group ?? "")")
            let consensusClass = row["consensus"]!
            let worded =
                consensusClass == "insufficient"
                ? "too few addressed it" : consensusClass.replacingOccurrences(of: "-", with: " ")
            #expect(cells[8] == worded, "\(code)")
            checked += 1
        }
        #expect(checked >= 42, "every proposition was compared")
    }

    @Test func aLeadsReportAgreesWithConsensusAndIsByteIdentical() throws {
        let html = try report([])
        for phrase in [
            "Most participants agreed (39 of 60; 39 of 50 who addressed it): Relations at their lowest since 9/11.",
            "Many participants agreed (22 of 60; 22 of 31 who addressed it)",
            "All participants who addressed it agreed (44 of 60)",
        ] {
            #expect(html.contains(phrase), "\(phrase)")
        }
        // each finding carries its robustness: METHODS.md's worked example for the first
        #expect(
            html.contains(
                "Robust. Robustness: fragility 9 changes (phrase), 2 changes (class); kept in 98.5% / 71.5% of "
                    + "resamples, "
                    + "support 0.66–0.89; coders agree."))
        // "All who addressed it" breaks with one opposing voice: fragile by METHODS.md's rule
        #expect(html.contains("Fragile. Robustness: fragility 1 change (phrase), 1 change (class)"), "all is fragile")
        let consensus = try cli.run(["consensus", "--format", "csv"])
        ReportCommandTests.expectTables(html, match: try ReportCommandTests.csv(consensus.stdout), groups: false)
        // state: the audit head as `audit verify` computes it, the schema version, no date
        let head = try #require(try db.scalar("SELECT encode(hash, 'hex') FROM coding_event_heads"))
        #expect(html.contains(head))
        #expect(html.contains("database schema version 7") || html.contains("database schema version"))
        #expect(!html.contains("<dt>Date</dt>"))
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
        #expect(html.contains("<blockquote>"))
        // the same state, the same bytes; --date is the only way a date gets in
        #expect(try report([], name: "again.html") == html)
        let dated = try report(["--date", "2 December 2026"], name: "dated.html")
        #expect(dated.contains("<dt>Date</dt><dd>2 December 2026</dd>"))
        let mode = try FileManager.default.attributesOfItem(atPath: db.home + "/report.html")[.posixPermissions]
        #expect((mode as? NSNumber)?.intValue == 0o600)
    }

    /// The items of the "In brief" list.
    static func inBrief(_ html: String) -> [String] {
        guard let start = html.range(of: "<ul class=\"headline\">\n"),
            let end = html[start.upperBound...].range(of: "</ul>")
        else { return [] }
        return html[start.upperBound..<end.lowerBound].split(separator: "\n").map {
            String($0.dropFirst("<li>".count).dropLast("</li>".count))
        }
    }

    @Test func inBriefFeaturesTheHeadlinesAskedForInTheirOrder() throws {
        // without --headline: the findings worded All or Most, in the order of the key findings
        #expect(
            Self.inBrief(try report([])).map { String($0.prefix(4)) } == ["Most", "All "],
            "default In brief")
        let keys = [
            "relations.lowest-since-9-11", "india.normalization-enables-policy-change", "region.prioritize-regional",
        ]
        let path = db.home + "/featured.html"
        let featured = try cli.run(
            ["report", "--out", path] + keys.flatMap { ["--headline", $0] } + ["--headline", "nope.nope"])
        #expect(featured.status == 0, "\(featured)")
        #expect(featured.stderr.contains("--headline nope.nope: no such proposition in the report"), "\(featured)")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("In brief, the findings this report features:"))
        #expect(
            Self.inBrief(html) == [
                "Most participants agreed (39 of 60; 39 of 50 who addressed it): Relations at their lowest since 9/11.",
                "Many participants agreed (22 of 60; 22 of 31 who addressed it): "
                    + Self.label(html, "india.normalization-enables-policy-change") + ".",
                "All participants who addressed it agreed (44 of 60): Prioritize regional relations.",
            ])
    }

    /// A proposition's label as its table row shows it.
    static func label(_ html: String, _ code: String) -> String {
        tableRow(html, code: code)?.first ?? "?"
    }

    @Test func markdownWritesTheChartsBesideIt() throws {
        let folder = db.home + "/md"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let result = try cli.run(["report", "--format", "md", "--out", folder + "/findings.md", "--mode", "0644"])
        #expect(result.status == 0, "\(result)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files.first == "findings-figure-01.svg" && files.last == "findings.md")
        #expect(files.count == 10, "nine themes, one chart each: \(files)")
        let text = try String(contentsOfFile: folder + "/findings.md", encoding: .utf8)
        #expect(text.contains("](findings-figure-09.svg)"))
        #expect(text.contains("1. Most participants agreed (39 of 60; 39 of 50 who addressed it)"))
        let mode = try FileManager.default.attributesOfItem(atPath: folder + "/findings-figure-01.svg")[
            .posixPermissions]
        #expect((mode as? NSNumber)?.intValue == 0o644)
        let refused = try cli.run(["report", "--format", "md"])
        #expect(refused.status == 64 && refused.stderr.contains("--format md needs --out FILE"), "\(refused)")
    }

    @Test func anAnalystsReportHasSuppressedTalliesAndNoStatementText() throws {
        let lead = try report(["--by", "constituency"])
        let analyst = try login("analyst")
        let theirs = try report(["--by", "constituency"], as: analyst, name: "analyst.html")
        // the analyst's own suppressed tallies, per group, are the numbers of the breakdown
        let tallies = try cli.run(["consensus", "--by", "constituency", "--format", "csv"], as: analyst)
        #expect(tallies.status == 0, "\(tallies)")
        let rows = try ReportCommandTests.csv(tallies.stdout)
        #expect(rows.contains { $0["suppressed"] == "true" }, "the sample has small constituencies")
        ReportCommandTests.expectTables(theirs, match: rows, groups: true)
        // withheld groups are one unnamed group (issue 14): none of the lead's suppressed names appears
        #expect(rows.allSatisfy { $0["suppressed"] != "true" || $0["group"] == "" })
        #expect(theirs.contains("constituency = (withheld groups)</h3>\n<p class=\"suppressed\">"))
        let leads = try ReportCommandTests.csv(
            try cli.run(["consensus", "--by", "constituency", "--format", "csv"]).stdout)
        for name in Set(leads.filter { $0["suppressed"] == "true" }.map { $0["group"]! }) {
            #expect(!theirs.contains("constituency = \(name)"), "\(name)")
        }
        // and the whole panel's rows are the analyst's own (perturbed) counts
        let whole = try ReportCommandTests.csv(try cli.run(["consensus", "--format", "csv"], as: analyst).stdout)
        ReportCommandTests.expectTables(theirs, match: whole, groups: false)
        // no statement text: no quote, none of the lead's quotes, no statement of the sample
        #expect(!theirs.contains("<blockquote>"))
        #expect(theirs.contains("No quotes: this report was made with the analyst role"))
        let quotes = lead.components(separatedBy: "<blockquote><p>").dropFirst().map {
            String($0.prefix { $0 != "<" }.prefix(60))
        }
        #expect(quotes.count >= 40)
        for quote in quotes { #expect(!theirs.contains(quote), "\(quote)") }
        let statements = try ReportCommandTests.csv(
            try String(contentsOfFile: Repository.path("Samples/ipr-2018/statements.csv"), encoding: .utf8))
        for statement in statements {
            let start = String(statement["text"]!.prefix(50))
            #expect(!theirs.contains(start), "\(statement["id"]!)")
        }
        #expect(theirs.contains("Coders</dt><dd>not shown to the analyst role"))
        #expect(theirs.contains("Reliability is shown to the study&#39;s lead only"))
        // a coder is refused, as by consensus
        let coder = try login("coder", coder: "coder-a")
        let refused = try cli.run(["report", "--out", db.home + "/coder.html"], as: coder)
        #expect(refused.status == 77, "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: db.home + "/coder.html"))
    }
}
